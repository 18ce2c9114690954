using System.Globalization;
using System.Text;
using System.Text.Json;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>
/// Zipped shapefiles, GeoPackage, KML, DXF and GeoJSON as a <see cref="ParsedParcelSet"/>, read through GDAL's
/// <c>ogrinfo</c> (layers, fields, CRS) and <c>ogr2ogr</c> (features as GeoJSON in the source CRS). Like the TXT
/// reader it fills both systems — the Gauss–Krüger plane without zone prefix and CGCS2000 longitude/latitude —
/// and both areas; duplicate codes, invalid rings etc. are left to <see cref="ParcelSetValidator"/>.
/// Problems come back as issues (line = 1-based feature number, 0 = the file): a missing GDAL, a timeout or a
/// broken file never throws. Features that are not surfaces (lines, points, texts of a DXF) are skipped with a
/// warning, not an error: CAD and GIS files routinely mix annotation with parcels.
/// </summary>
public sealed class GdalParcelReader
{
    public const string GdalMissingMessage =
        "服务器未安装 GDAL（ogr2ogr），无法读取 Shapefile/GeoPackage/KML/DXF 文件；请联系系统管理员安装 gdal-bin，或改用标准坐标文本（.txt）。";

    public const string NoCrsMessage = "文件未包含坐标系信息（.prj），请在预览页选择坐标系。";

    /// <summary>Beyond this many skipped non-surface features one summary warning is given (a DXF has thousands of texts).</summary>
    private const int MaxSkipWarnings = 20;

    /// <summary>Declared vs computed area beyond 5 % in both units: the unit cannot be told, warn (as the TXT reader).</summary>
    private const double AreaUnitTolerance = 0.05;

    private readonly GdalTools tools;

    /// <param name="timeout">Per call, over all GDAL runs; default 60 s.</param>
    /// <param name="ogr2ogrPath">Full path or name on PATH; ogrinfo is expected next to it. Default "ogr2ogr".</param>
    /// <param name="tempRoot">Where the per-call temp directories go; default the system temp directory.</param>
    /// <param name="bwrapPath">The sandbox (bubblewrap); default "bwrap" on PATH. Without it nothing is read.</param>
    public GdalParcelReader(TimeSpan? timeout = null, string? ogr2ogrPath = null, string? tempRoot = null, string? bwrapPath = null) =>
        tools = new GdalTools(timeout ?? GdalTools.DefaultTimeout, ogr2ogrPath, tempRoot, bwrapPath);

    public async Task<GdalReadResult> ReadAsync(string fileName, byte[] content, GdalReadOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new GdalReadOptions();
        if (GdalFormats.IsShapefilePart(fileName))
        {
            return Failed(GdalFormats.ShapefileNeedsZip, options);
        }

        if (!GdalFormats.IsSupported(fileName))
        {
            return Failed($"不支持的文件类型“{Path.GetExtension(fileName)}”。{GdalFormats.SupportedText}", options);
        }

        var work = tools.CreateWorkDirectory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(tools.Timeout);
        try
        {
            return await new Import(tools, work, options, deadline.Token).RunAsync(fileName, content).ConfigureAwait(false);
        }
        catch (GdalMissingException)
        {
            return Failed(GdalMissingMessage, options);
        }
        catch (GdalSandboxException e)
        {
            return Failed(e.Message, options);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(tools.TimeoutMessage, options);
        }
        catch (JsonException)
        {
            return Failed("GDAL 转换结果无法解析，文件可能已损坏。", options);
        }
        catch (IOException e)
        {
            return Failed($"读取文件时出错：{e.Message}", options);
        }
        finally
        {
            GdalTools.DeleteWorkDirectory(work);
        }
    }

    private static GdalReadResult Failed(string message, GdalReadOptions options, IReadOnlyList<string>? fields = null, int? detected = null) =>
        new(new ParsedParcelSet(null, null, [], [new ImportIssue(0, message)], [], new Dictionary<string, string>()),
            fields ?? [], options.Mapping ?? GdalFieldMapping.None, detected);

    /// <summary>The CRS the coordinates are read in: a Gauss–Krüger zone, or (Zone null) CGCS2000 longitude/latitude.</summary>
    private sealed record SourceSystem(int Epsg, GaussKrugerZone? Zone);

    /// <summary>One call's state: the temp directory, the deadline, and the issues found so far.</summary>
    private sealed class Import(GdalTools tools, string work, GdalReadOptions options, CancellationToken ct)
    {
        private readonly List<ImportIssue> errors = [];
        private readonly List<ImportIssue> warnings = [];
        private readonly Dictionary<string, string> metadata = [];
        private string? encoding;

        public async Task<GdalReadResult> RunAsync(string fileName, byte[] content)
        {
            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            string source;
            if (extension == ".zip")
            {
                var (shapefile, error) = ShapefileZip.Extract(content);
                if (shapefile is null)
                {
                    return Failed(error!, options);
                }

                // Fixed names on disk: the entry names were only checked, never used as paths.
                foreach (var (partExtension, bytes) in shapefile.Parts)
                {
                    await File.WriteAllBytesAsync(Path.Combine(work, "source" + partExtension), bytes, ct).ConfigureAwait(false);
                }

                source = Path.Combine(work, "source.shp");
                metadata["文件"] = shapefile.Name;
                ChooseShapefileEncoding(shapefile);
            }
            else
            {
                source = Path.Combine(work, "source" + extension);
                await File.WriteAllBytesAsync(source, content, ct).ConfigureAwait(false);
            }

            var ogr2ogr = tools.LocateOgr2Ogr(GdalMissingMessage);
            var ogrinfo = GdalTools.LocateSibling(ogr2ogr, "ogrinfo", GdalMissingMessage);
            string[] openOptions = encoding is null ? [] : ["-oo", "ENCODING=" + encoding];
            var format = GdalFormats.For(extension);

            var info = await tools.RunAsync(ogrinfo, ["-ro", "-so", "-al", .. openOptions, source], work, [format.Driver], GdalMissingMessage, ct)
                .ConfigureAwait(false);
            if (info.ExitCode != 0)
            {
                return Failed($"GDAL 无法按 {format.Name} 格式打开该文件：文件已损坏，或文件内容不是所标明的格式（{format.Name}），已拒绝（{GdalSays(info)}）。", options);
            }

            var (driver, allLayers) = OgrInfo.Parse(info.Output);
            // GDAL_SKIP already leaves only this driver; a different answer means the restriction did not hold.
            if (!string.Equals(driver, format.Driver, StringComparison.Ordinal))
            {
                return Failed(GdalFormats.NotTheDeclaredFormat(format), options);
            }

            if (allLayers.FirstOrDefault(l => !GdalFormats.IsSafeLayerName(l.Name)) is { } unsafeLayer)
            {
                return Failed(GdalFormats.UnsafeLayerName(unsafeLayer.Name), options);
            }

            var layers = allLayers.Where(l => l.IsSpatial).ToList();
            var fields = layers.SelectMany(l => l.Fields).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var mapping = options.Mapping ?? GdalFieldMapping.Guess(fields);
            if (layers.Count == 0)
            {
                return Failed("文件中没有包含图形的图层，无法导入地块。", options, fields);
            }

            metadata["文件格式"] = driver ?? "未知";
            // GeoJSON and the like name their layer after the file, which on disk is our "source.*".
            if (extension != ".zip" && layers.Any(l => l.Name != "source"))
            {
                metadata["图层"] = string.Join("、", layers.Select(l => l.Name));
            }

            CheckMapping(mapping, fields);
            var (system, detected) = ResolveCrs(layers, driver);
            if (system is null || errors.Count > 0)
            {
                return Result(null, [], fields, mapping, detected);
            }

            var features = new List<OgrFeature>();
            for (var i = 0; i < layers.Count; i++)
            {
                var output = Path.Combine(work, $"layer{i}.geojson");
                // Options first, then "dst src layer": the layer name is the last argument, so even a name that
                // slipped past the check above could not take the value of a following option.
                var run = await tools.RunAsync(ogr2ogr,
                    ["-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "WRITE_NAME=NO", "-nlt", "PROMOTE_TO_MULTI", "-dim", "XY", .. openOptions,
                        output, source, layers[i].Name],
                    work, [format.Driver, "GeoJSON"], GdalMissingMessage, ct).ConfigureAwait(false);
                if (run.ExitCode != 0 || !File.Exists(output))
                {
                    return Failed($"GDAL 转换图层“{layers[i].Name}”失败（{GdalSays(run)}）。", options, fields, detected);
                }

                await using var stream = File.OpenRead(output);
                features.AddRange(OgrGeoJson.Read(stream, closedLinesArePolygons: driver == "DXF"));
            }

            var parcels = ToParcels(features, mapping, ref system);
            metadata["要素数"] = features.Count.ToString(CultureInfo.InvariantCulture);
            if (parcels.Count == 0 && errors.Count == 0)
            {
                errors.Add(new ImportIssue(0, $"文件中没有面要素（共 {features.Count} 个要素），无法导入地块。"));
            }

            return Result(system, parcels, fields, mapping, detected);
        }

        private GdalReadResult Result(SourceSystem? system, List<ParsedParcel> parcels, List<string> fields, GdalFieldMapping mapping, int? detected) =>
            new(new ParsedParcelSet(system is null ? null : $"EPSG:{system.Epsg}", system?.Epsg, parcels,
                errors.OrderBy(e => e.Line).ToList(), warnings.OrderBy(w => w.Line).ToList(), metadata), fields, mapping, detected);

        /// <summary>
        /// .cpg wins; without one, Chinese tools wrote the system code page, i.e. GBK — unless the text is valid
        /// UTF-8, which GBK text with Chinese characters practically never is (as the TXT reader decides).
        /// </summary>
        private void ChooseShapefileEncoding(ZippedShapefile shapefile)
        {
            var cpg = shapefile.Parts.TryGetValue(".cpg", out var bytes) ? Encoding.UTF8.GetString(bytes).Trim('\uFEFF', ' ', '\r', '\n', '\t', '\0') : "";
            if (cpg.Length > 0)
            {
                encoding = cpg.ToUpperInvariant() switch
                {
                    "UTF-8" or "UTF8" or "65001" => "UTF-8",
                    "936" or "CP936" or "GBK" or "GB2312" or "MS936" or "WINDOWS-936" or "ANSI 936" => "CP936",
                    "GB18030" or "54936" => "GB18030",
                    var other when other.All(char.IsAsciiDigit) => "CP" + other,
                    _ => cpg,
                };
                metadata["属性编码"] = $"{encoding}（.cpg：{cpg}）";
                return;
            }

            var records = DbfRecords(shapefile.Parts[".dbf"]);
            var hasNonAscii = records.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
            var utf8 = hasNonAscii && IsUtf8(records);
            encoding = utf8 ? "UTF-8" : "CP936";
            metadata["属性编码"] = utf8 ? "UTF-8（无 .cpg，按内容判断）" : "GBK（无 .cpg，默认）";
            if (hasNonAscii)
            {
                warnings.Add(new ImportIssue(0,
                    $"压缩包中没有 .cpg 文件，属性文字按 {(utf8 ? "UTF-8" : "GBK")} 读取；如名称显示为乱码，请在压缩包中加入 .cpg 文件（注明编码）后重新上传。"));
            }
        }

        private void CheckMapping(GdalFieldMapping mapping, List<string> fields)
        {
            foreach (var (label, field) in new[] { ("地块编号", mapping.Code), ("地块名称", mapping.Name), ("地类编码", mapping.LandClass),
                         ("用途", mapping.Use), ("面积", mapping.DeclaredArea) })
            {
                if (field is not null && !fields.Contains(field, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(new ImportIssue(0, $"“{label}”对应的字段“{field}”不在文件中（文件的字段：{(fields.Count == 0 ? "无" : string.Join("、", fields))}）。"));
                }
            }

            if (mapping.Code is null)
            {
                warnings.Add(new ImportIssue(0, "未找到地块编号字段（如 DKBH、BSM），地块编号按要素顺序记为“要素1”“要素2”……；可在预览页指定编号字段。"));
            }
        }

        /// <summary>
        /// The file's CRS (root EPSG code of the layer SRS, else recognised from CGCS2000 parameters; KML is always
        /// WGS 84), overridden by <see cref="GdalReadOptions.SourceEpsg"/>; legacy datums refused as the TXT reader does.
        /// </summary>
        private (SourceSystem? System, int? Detected) ResolveCrs(List<OgrLayer> layers, string? driver)
        {
            var declared = layers.Select(l => (l.Wkt, Epsg: l.Wkt is null ? null : GdalCrs.RootEpsg(l.Wkt) ?? GdalCrs.InferCgcs2000(l.Wkt)))
                .Select(d => d.Wkt is null && driver is "KML" or "LIBKML" ? (d.Wkt, Epsg: (int?)GdalCrs.Wgs84) : d)
                .Distinct().ToList();
            var first = declared[0];
            var detected = first.Epsg;
            var name = first.Wkt is null ? null : GdalCrs.RootName(first.Wkt);
            metadata["文件坐标系"] = first.Wkt is null ? (detected is { } d ? $"EPSG:{d}" : "未包含") : $"{name}{(detected is { } e ? $"（EPSG:{e}）" : "")}";

            if (options.SourceEpsg is { } chosen)
            {
                var system = SystemFor(chosen);
                if (system is null)
                {
                    errors.Add(new ImportIssue(0, $"所选坐标系 EPSG:{chosen} 不受支持：{Supported}"));
                    return (null, detected);
                }

                metadata["坐标系来源"] = "预览页选择";
                if (first.Wkt is not null && detected != chosen)
                {
                    warnings.Add(new ImportIssue(0, $"文件声明的坐标系为“{name}”{(detected is { } declaredCode ? $"（EPSG:{declaredCode}）" : "")}，已按所选的 EPSG:{chosen} 读取。"));
                }

                WarnIfWgs84(chosen);
                return (system, detected);
            }

            if (declared.Count > 1)
            {
                errors.Add(new ImportIssue(0, "文件中各图层的坐标系不一致，请在预览页选择坐标系，或分图层导出后分别导入。"));
                return (null, detected);
            }

            var legacy = (first.Wkt is null ? null : GdalCrs.LegacyDatum(first.Wkt)) ?? (detected is { } code ? GdalCrs.LegacyDatum(code) : null);
            if (legacy is not null)
            {
                errors.Add(new ImportIssue(0,
                    $"坐标系为“{name ?? legacy}”（{legacy}），系统只接受 2000 国家大地坐标系（CGCS2000）；请先转换坐标后再导入。"));
                return (null, detected);
            }

            if (detected is null)
            {
                errors.Add(new ImportIssue(0, first.Wkt is null
                    ? NoCrsMessage
                    : $"无法识别文件的坐标系“{name}”：{Supported}请在预览页选择坐标系。"));
                return (null, null);
            }

            var resolved = SystemFor(detected.Value);
            if (resolved is null)
            {
                errors.Add(new ImportIssue(0, $"文件的坐标系“{name}”（EPSG:{detected}）不受支持：{Supported}请先转换坐标，或在预览页选择坐标系。"));
                return (null, detected);
            }

            metadata["坐标系来源"] = "文件";
            WarnIfWgs84(detected.Value);
            return (resolved, detected);
        }

        private const string Supported = "仅支持 CGCS2000 经纬度（EPSG:4490，WGS 84 的 EPSG:4326 视同）和 CGCS2000 高斯-克吕格投影（EPSG:4491–4554）。";

        private static SourceSystem? SystemFor(int epsg) =>
            epsg is Cgcs2000.Srid or GdalCrs.Wgs84 ? new SourceSystem(Cgcs2000.Srid, null)
            : GaussKrugerZone.TryFromEpsg(epsg, out var zone) ? new SourceSystem(epsg, zone)
            : null;

        private void WarnIfWgs84(int epsg)
        {
            if (epsg == GdalCrs.Wgs84)
            {
                warnings.Add(new ImportIssue(0,
                    "文件的坐标为 WGS 84 经纬度（EPSG:4326；KML 和未声明坐标系的 GeoJSON 总是如此），已按 CGCS2000 经纬度（EPSG:4490）读取：两者相差在厘米级，低于测量精度。"));
            }
        }

        private List<ParsedParcel> ToParcels(List<OgrFeature> features, GdalFieldMapping mapping, ref SourceSystem system)
        {
            var parcels = new List<ParsedParcel>();
            var skipped = 0;
            bool? dataHasPrefix = null;
            var units = new SortedSet<string>(StringComparer.Ordinal);
            for (var index = 0; index < features.Count; index++)
            {
                var n = index + 1;
                var feature = features[index];
                if (feature.Polygons is null)
                {
                    if (++skipped <= MaxSkipWarnings)
                    {
                        warnings.Add(new ImportIssue(n, feature.OtherType is "空图形"
                            ? $"第 {n} 个要素：没有图形，已忽略。"
                            : $"第 {n} 个要素：不是面要素（{feature.OtherType}），已忽略。"));
                    }

                    continue;
                }

                string? Value(string? field) =>
                    field is not null && feature.Properties.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

                var code = Value(mapping.Code);
                if (code is null && mapping.Code is not null)
                {
                    warnings.Add(new ImportIssue(n, $"第 {n} 个要素：地块编号（字段 {mapping.Code}）为空，记为“要素{n}”。"));
                }

                MultiPolygon? projected = null, geographic = null;
                try
                {
                    (projected, geographic) = system.Zone is { } zone
                        ? FromPlane(feature.Polygons, zone, ref dataHasPrefix)
                        : FromGeographic(feature.Polygons, system.Epsg);
                }
                catch (DomainException e)
                {
                    errors.Add(new ImportIssue(n, $"第 {n} 个要素：{e.Message}"));
                }

                var planar = projected is null ? (double?)null : ParcelArea.Planar(projected);
                parcels.Add(new ParsedParcel(n, code ?? $"要素{n}", Value(mapping.Name) ?? "", Value(mapping.LandClass) ?? "",
                    Value(mapping.Use) ?? "", Declared(n, mapping.DeclaredArea, Value(mapping.DeclaredArea), planar, units),
                    projected, geographic, geographic is null ? null : ParcelArea.Ellipsoidal(geographic), planar));
            }

            if (skipped > MaxSkipWarnings)
            {
                warnings.Add(new ImportIssue(features.Count, $"另有 {skipped - MaxSkipWarnings} 个非面要素（点、线、注记等）已忽略。"));
            }

            if (units.Count > 0)
            {
                metadata["面积单位"] = string.Join("、", units);
            }

            // The coordinates tell whether eastings carry the zone number; report the system they are really in.
            if (system.Zone is { } declaredZone && dataHasPrefix is { } prefixed && prefixed != declaredZone.EastingHasZonePrefix)
            {
                var actual = GaussKrugerZone.Create(declaredZone.ZoneWidth, declaredZone.Zone, prefixed);
                warnings.Add(new ImportIssue(0,
                    $"坐标系为 EPSG:{declaredZone.Epsg}，但坐标的 Y {(prefixed ? "带有" : "不带")}带号，已按 EPSG:{actual.Epsg} 读取。"));
                system = new SourceSystem(actual.Epsg, actual);
            }

            return parcels;
        }

        /// <summary>Gauss–Krüger: drop the zone prefix (eastings ≥ 10 000 000) so the plane geometry is the zone's no-prefix system.</summary>
        private static (MultiPolygon Projected, MultiPolygon Geographic) FromPlane(MultiPolygon raw, GaussKrugerZone zone, ref bool? dataHasPrefix)
        {
            var minX = raw.EnvelopeInternal.MinX;
            var hasPrefix = minX >= 10_000_000;
            if (hasPrefix && (int)Math.Floor(minX / 1_000_000) is var prefix && prefix != zone.Zone)
            {
                throw new DomainException("gdal.zone_prefix",
                    $"坐标 Y 的带号前缀为 {prefix}，与坐标系的第 {zone.Zone} 带不符；请在预览页选择正确的坐标系。");
            }

            dataHasPrefix ??= hasPrefix;
            var plane = zone.WithoutPrefix();
            var offset = hasPrefix ? zone.Zone * 1_000_000.0 : 0;
            var projected = Map(raw, Factory(plane.Epsg), c => new Coordinate(c.X - offset, c.Y));
            return (projected, GaussKruger.ToCgcs2000(projected, plane));
        }

        /// <summary>Longitude/latitude: projected into the 3° zone of the parcel's longitude so the planar area exists too.</summary>
        private static (MultiPolygon Projected, MultiPolygon Geographic) FromGeographic(MultiPolygon raw, int epsg)
        {
            var envelope = raw.EnvelopeInternal;
            if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            {
                throw new DomainException("gdal.not_geographic", string.Create(CultureInfo.InvariantCulture,
                    $"坐标（{envelope.MinX:0.###}, {envelope.MinY:0.###}）不是经纬度，与坐标系 EPSG:{epsg} 不符；请在预览页选择正确的坐标系（如高斯-克吕格投影）。"));
            }

            var geographic = Map(raw, Cgcs2000.Factory, c => new Coordinate(c.X, c.Y));
            var zone = GaussKrugerZone.Create(3, (int)Math.Round(envelope.Centre.X / 3), prefix: false);
            return (GaussKruger.FromCgcs2000(geographic, zone), geographic);
        }

        /// <summary>The declared area in m²: hectares or m², whichever is closer to the computed planar area (as the TXT reader).</summary>
        private decimal? Declared(int n, string? field, string? text, double? planar, SortedSet<string> units)
        {
            if (text is null)
            {
                return null;
            }

            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                warnings.Add(new ImportIssue(n, $"第 {n} 个要素：面积字段 {field} 的值“{text}”不是数字，已忽略。"));
                return null;
            }

            if (value <= 0 || planar is not > 0)
            {
                // Without a computed area there is nothing to compare with: the standard unit (公顷) is assumed.
                return value * 10_000m;
            }

            var hectareGap = Math.Abs(((double)value * 10_000) - planar.Value) / planar.Value;
            var squareMetreGap = Math.Abs((double)value - planar.Value) / planar.Value;
            if (Math.Min(hectareGap, squareMetreGap) > AreaUnitTolerance)
            {
                warnings.Add(new ImportIssue(n, string.Create(CultureInfo.InvariantCulture,
                    $"第 {n} 个要素：面积字段 {field} 的值 {text} 与按坐标计算的面积 {planar:F2} 平方米（{planar / 10_000:F4} 公顷）相差超过 5%，请核对面积及其单位。")));
            }

            var hectares = hectareGap <= squareMetreGap;
            units.Add(hectares ? "公顷" : "平方米");
            return hectares ? value * 10_000m : value;
        }

        /// <summary>GDAL's stderr without our temp paths, short enough for a message.</summary>
        private string GdalSays(GdalRun run)
        {
            // ogrinfo reports "FAILURE: Unable to open datasource …" on stdout, followed by every driver it tried.
            var said = run.Error.Trim().Length > 0 ? run.Error : run.Output;
            var text = string.Join(" ", said.Replace(work + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(work, "", StringComparison.Ordinal)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(2));
            return text.Length == 0 ? "无详细信息" : text.Length > 300 ? text[..300] + "…" : text;
        }

        private static GeometryFactory Factory(int srid) =>
            NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), srid);

        private static MultiPolygon Map(MultiPolygon source, GeometryFactory factory, Func<Coordinate, Coordinate> map)
        {
            LinearRing Ring(LineString ring) => factory.CreateLinearRing(ring.Coordinates.Select(map).ToArray());
            return factory.CreateMultiPolygon(source.Geometries.Cast<Polygon>()
                .Select(p => factory.CreatePolygon(Ring(p.ExteriorRing), p.InteriorRings.Select(Ring).ToArray())).ToArray());
        }

        /// <summary>The bytes after the DBF header: the records, where the attribute text is.</summary>
        private static ReadOnlySpan<byte> DbfRecords(byte[] dbf)
        {
            var headerLength = dbf.Length >= 10 ? BitConverter.ToUInt16(dbf, 8) : dbf.Length;
            return headerLength < dbf.Length ? dbf.AsSpan(headerLength) : [];
        }

        private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
    }
}
