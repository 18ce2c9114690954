using System.Globalization;
using System.IO.Compression;
using System.Text;
using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Infrastructure.Exports;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>
/// Parcels as a zipped ESRI shapefile (.shp/.shx/.dbf/.prj/.cpg) for desktop GIS: geometry projected here (our own
/// Gauss–Krüger code, the same the TXT export uses) into the target CRS, then written by <c>ogr2ogr</c> from a
/// temporary GeoJSON with the CRS assigned, not transformed, by GDAL. Attribute text is GBK by default because the
/// Chinese desktop tools expect it; field names are the usual pinyin abbreviations (≤ 10 bytes, a DBF limit).
/// Problems throw <see cref="DomainException"/> (GDAL missing, timeout, unsupported CRS).
/// </summary>
public sealed class ShapefileExporter
{
    public const string GdalMissingMessage =
        "服务器未安装 GDAL（ogr2ogr），无法导出 Shapefile；请联系系统管理员安装 gdal-bin，或改用 GeoJSON、标准坐标文本（.txt）导出。";

    /// <summary>The layer (and file) name inside the zip.</summary>
    public const string LayerName = "parcels";

    /// <summary>Our property names (ParcelSnapshots, the GeoJSON export) → the field names of Chinese land data.</summary>
    private static readonly Dictionary<string, string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "DKBH",
        ["name"] = "DKMC",
        ["landClass"] = "DLBM",
        ["use"] = "DKYT",
        ["plannedUse"] = "DKYT",
        ["zone"] = "QU",
        ["declaredAreaM2"] = "SBMJ",
        ["ellipsoidAreaM2"] = "TQMJ",
        ["planarAreaM2"] = "PMMJ",
        ["townshipId"] = "XZID",
        ["villageId"] = "CID",
        ["reclamationDirection"] = "FKFX",
        ["ownership"] = "QSDW",
        ["sourceEpsg"] = "EPSG",
        ["note"] = "BZ",
        ["areaText"] = "MJSM",
    };

    private static readonly Encoding Gbk = LoadGbk();

    private readonly GdalTools tools;

    /// <param name="timeout">Per call; default 60 s.</param>
    /// <param name="ogr2ogrPath">Full path or name on PATH; default "ogr2ogr".</param>
    /// <param name="tempRoot">Where the per-call temp directories go; default the system temp directory.</param>
    /// <param name="bwrapPath">The sandbox (bubblewrap); default "bwrap" on PATH. Without it nothing is exported.</param>
    public ShapefileExporter(TimeSpan? timeout = null, string? ogr2ogrPath = null, string? tempRoot = null, string? bwrapPath = null) =>
        tools = new GdalTools(timeout ?? GdalTools.DefaultTimeout, ogr2ogrPath, tempRoot, bwrapPath);

    /// <param name="features">Geometry in EPSG:4490 (longitude, latitude) or SRID 0 meaning the same; Polygon or MultiPolygon.</param>
    /// <param name="targetEpsg">4490, or a CGCS2000 Gauss–Krüger code (4491–4554, with or without zone prefix).</param>
    /// <param name="utf8">UTF-8 attribute text instead of GBK.</param>
    public async Task<byte[]> ZipAsync(IReadOnlyList<GeoJsonFeature> features, int targetEpsg, bool utf8 = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            throw new DomainException("export.no_boundaries", "没有可导出的地块。");
        }

        GaussKrugerZone? zone = null;
        if (targetEpsg != Cgcs2000.Srid && !GaussKrugerZone.TryFromEpsg(targetEpsg, out zone))
        {
            throw new DomainException("export.crs.unsupported",
                $"不支持导出为 EPSG:{targetEpsg}：仅支持 CGCS2000 经纬度（EPSG:4490）和 CGCS2000 高斯-克吕格投影（EPSG:4491–4554）。");
        }

        var names = FieldNames(features.SelectMany(f => f.Properties.Keys).Distinct(StringComparer.Ordinal).ToList(), utf8 ? Encoding.UTF8 : Gbk);
        var projected = features.Select(f => new GeoJsonFeature(
            f.Properties.ToDictionary(p => names[p.Key], p => p.Value), Project(f.Geometry, zone))).ToList();

        var work = tools.CreateWorkDirectory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(tools.Timeout);
        try
        {
            var input = Path.Combine(work, "input.geojson");
            await File.WriteAllBytesAsync(input, GeoJson.Write(projected), deadline.Token).ConfigureAwait(false);
            var output = Path.Combine(work, "out");
            Directory.CreateDirectory(output);
            var ogr2ogr = tools.LocateOgr2Ogr(GdalMissingMessage);
            // -a_srs only labels the layer: the coordinates are already in the target CRS.
            // Our own GeoJSON in, a shapefile out: still sandboxed, as every GDAL run is (attribute text comes from users).
            var run = await tools.RunAsync(ogr2ogr,
                ["-f", "ESRI Shapefile", Path.Combine(output, LayerName + ".shp"), input, "-a_srs", $"EPSG:{targetEpsg}", "-nln", LayerName,
                    "-nlt", "MULTIPOLYGON", "-lco", "ENCODING=" + (utf8 ? "UTF-8" : "CP936"), "-lco", "SPATIAL_INDEX=NO"],
                work, ["GeoJSON", "ESRI Shapefile"], GdalMissingMessage, deadline.Token).ConfigureAwait(false);
            var dbf = Path.Combine(output, LayerName + ".dbf");
            if (run.ExitCode != 0 || !File.Exists(dbf))
            {
                var error = run.Error.Replace(work, "", StringComparison.Ordinal).Trim();
                throw new DomainException("export.gdal.failed", $"GDAL 导出 Shapefile 失败（{(error.Length > 300 ? error[..300] : error)}）。");
            }

            if (!utf8)
            {
                await MarkGbkAsync(output, dbf, deadline.Token).ConfigureAwait(false);
            }

            return Zip(output);
        }
        catch (GdalMissingException)
        {
            throw new DomainException("export.gdal.missing", GdalMissingMessage);
        }
        catch (GdalSandboxException e)
        {
            throw new DomainException("export.gdal.sandbox", e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DomainException("export.gdal.timeout", tools.TimeoutMessage);
        }
        finally
        {
            GdalTools.DeleteWorkDirectory(work);
        }
    }

    /// <summary>
    /// GDAL writes "CP936" into the .cpg, which GDAL/QGIS understand but ArcGIS does not; the code page number
    /// "936" is understood by all of them. The DBF language driver byte 0x4D (= code page 936) is for tools that
    /// ignore the .cpg.
    /// </summary>
    private static async Task MarkGbkAsync(string directory, string dbf, CancellationToken ct)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, LayerName + ".cpg"), "936", Encoding.ASCII, ct).ConfigureAwait(false);
        await using var stream = new FileStream(dbf, FileMode.Open, FileAccess.Write);
        stream.Seek(29, SeekOrigin.Begin);
        stream.WriteByte(0x4D);
    }

    private static byte[] Zip(string directory)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var extension in new[] { ".shp", ".shx", ".dbf", ".prj", ".cpg" })
            {
                var path = Path.Combine(directory, LayerName + extension);
                if (File.Exists(path))
                {
                    zip.CreateEntryFromFile(path, LayerName + extension, CompressionLevel.Optimal);
                }
            }
        }

        return buffer.ToArray();
    }

    private static MultiPolygon? Project(Geometry? geometry, GaussKrugerZone? zone)
    {
        var multi = geometry switch
        {
            null => null,
            MultiPolygon m => m,
            Polygon p => p.Factory.CreateMultiPolygon([p]),
            _ => throw new DomainException("export.geometry", $"Shapefile 导出只支持面图形，而不是 {geometry.GeometryType}。"),
        };
        if (multi is null || zone is null)
        {
            return multi;
        }

        return GaussKruger.FromCgcs2000(multi, zone);
    }

    /// <summary>Each property name → a unique DBF field name of at most 10 bytes in the output encoding.</summary>
    private static Dictionary<string, string> FieldNames(IReadOnlyList<string> keys, Encoding encoding)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var wanted = KnownFields.TryGetValue(key, out var known) ? known : Sanitize(key, encoding);
            var name = wanted;
            for (var i = 2; !used.Add(name); i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                name = Truncate(wanted, 10 - suffix.Length, encoding) + suffix;
            }

            names[key] = name;
        }

        return names;
    }

    private static string Sanitize(string key, Encoding encoding)
    {
        var text = new string(key.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 0x7F ? char.ToUpperInvariant(c) : '_').ToArray());
        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text = "F" + text;
        }

        return Truncate(text, 10, encoding);
    }

    private static string Truncate(string text, int maxBytes, Encoding encoding)
    {
        var length = text.Length;
        while (length > 0 && encoding.GetByteCount(text.AsSpan(0, length)) > maxBytes)
        {
            length--;
        }

        return text[..length];
    }

    private static Encoding LoadGbk()
    {
        // The code-page encodings ship with the shared framework but must be registered before first use.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    }
}
