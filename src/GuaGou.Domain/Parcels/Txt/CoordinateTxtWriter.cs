using System.Globalization;
using System.Text;
using GuaGou.Domain.Common;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// Writes the standard form of the coordinate TXT (FORMATS.md §1): GBK and CRLF unless asked otherwise,
/// areas in 公顷 with 4 decimals, every ring closed, labels J1.. per parcel, X = northing, Y = easting.
/// </summary>
public static class CoordinateTxtWriter
{
    private const string NewLine = "\r\n";

    /// <summary>The standard [属性描述] keys, in the order they are written.</summary>
    private static readonly string[] StandardKeys =
        ["格式版本号", "数据产生单位", "数据产生日期", "坐标系", "几度分带", "投影类型", "计量单位", "带号", "精度", "转换参数"];

    /// <param name="projectInfo">Written as [项目信息] when not empty.</param>
    /// <param name="system">Gives 带号 and 几度分带 (they must agree with the Y prefix written).</param>
    /// <param name="attributes">
    /// Further [属性描述] values (e.g. 数据产生单位, or the attributes of a file read earlier); missing or blank standard
    /// keys are filled with 格式版本号=1.01, 坐标系=2000国家大地坐标系, 投影类型=高斯克吕格, 计量单位=米, 精度 from the
    /// decimals and 转换参数=,,,,,, ; 带号 and 几度分带 always come from <paramref name="system"/> when it knows them.
    /// </param>
    /// <exception cref="DomainException">The zone is unknown but needed, a parcel has no code or no geometry, or a geometry is not in the projected plane of the zone.</exception>
    public static byte[] Write(
        IReadOnlyDictionary<string, string>? projectInfo,
        TxtCoordinateSystem system,
        IReadOnlyList<TxtParcelToWrite> parcels,
        TxtWriteOptions? options = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(parcels);
        options ??= new TxtWriteOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.CoordinateDecimals, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CoordinateDecimals, 6, nameof(options));

        var zone = system.Zone;
        if (zone is null && options.WriteZonePrefix)
        {
            throw new DomainException("txt.write.zone_required", "未指定带号，无法写出带带号前缀的 Y 坐标。");
        }

        var width = system.ZoneWidth ?? (zone is int z ? TxtCoordinateSystem.WidthOfZone(z) : null);
        var text = new StringBuilder();
        if (projectInfo is { Count: > 0 })
        {
            text.Append("[项目信息]").Append(NewLine);
            foreach (var (key, value) in projectInfo)
            {
                AppendKeyValue(text, key, value);
            }
        }

        text.Append("[属性描述]").Append(NewLine);
        foreach (var (key, value) in AttributeLines(attributes, zone, width, options.CoordinateDecimals))
        {
            AppendKeyValue(text, key, value);
        }

        text.Append("[地块坐标]").Append(NewLine);
        var eastingOffset = options.WriteZonePrefix ? zone!.Value * 1_000_000d : 0;
        var format = "F" + options.CoordinateDecimals.ToString(CultureInfo.InvariantCulture);
        foreach (var parcel in parcels)
        {
            AppendParcel(text, parcel, system, eastingOffset, format);
        }

        var encoding = options.Utf8 ? TxtEncodings.Utf8 : TxtEncodings.Gb18030;
        return encoding.GetBytes(text.ToString());
    }

    private static List<KeyValuePair<string, string>> AttributeLines(
        IReadOnlyDictionary<string, string>? given, int? zone, int? width, int decimals)
    {
        var precision = decimals == 0 ? "1" : "0." + new string('0', decimals - 1) + "1";
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["格式版本号"] = "1.01",
            ["坐标系"] = TxtCoordinateSystem.StandardDatumText,
            ["投影类型"] = "高斯克吕格",
            ["计量单位"] = "米",
            ["精度"] = precision,
            ["转换参数"] = ",,,,,,",
        };
        if (width is int w)
        {
            defaults["几度分带"] = w.ToString(CultureInfo.InvariantCulture);
        }

        if (zone is int z)
        {
            defaults["带号"] = z.ToString(CultureInfo.InvariantCulture);
        }

        string? Given(string key) => given is not null && given.TryGetValue(key, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        var lines = new List<KeyValuePair<string, string>>();
        foreach (var key in StandardKeys)
        {
            // The zone must match the prefix of the Y written below, so the system wins over given values.
            var value = key is "带号" or "几度分带"
                ? defaults.GetValueOrDefault(key) ?? Given(key)
                : Given(key) ?? defaults.GetValueOrDefault(key);
            if (value is not null)
            {
                lines.Add(new(key, value));
            }
        }

        if (given is not null)
        {
            lines.AddRange(given.Where(g => !StandardKeys.Contains(g.Key, StringComparer.Ordinal)));
        }

        return lines;
    }

    private static void AppendKeyValue(StringBuilder text, string key, string value) =>
        text.Append(OneLine(key)).Append('=').Append(OneLine(value)).Append(NewLine);

    private static void AppendParcel(StringBuilder text, TxtParcelToWrite parcel, TxtCoordinateSystem system, double eastingOffset, string format)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        var code = Field(parcel.Code);
        if (code.Length == 0)
        {
            throw new DomainException("txt.write.code_required", "有地块没有编号，无法写入坐标文本。");
        }

        var geometry = parcel.Geometry;
        if (geometry is null || geometry.IsEmpty)
        {
            throw new DomainException("txt.write.geometry_empty", $"地块“{code}”没有图形，无法写入坐标文本。");
        }

        var expectedSrid = system.EpsgWithoutPrefix;
        var envelope = geometry.EnvelopeInternal;
        if ((geometry.SRID != 0 && expectedSrid is not null && geometry.SRID != expectedSrid) || envelope.MaxX >= 1_000_000)
        {
            throw new DomainException("txt.write.srid_mismatch",
                $"地块“{code}”的图形不在第 {system.Zone} 带的投影平面内（EPSG:{geometry.SRID}，应为 EPSG:{expectedSrid}，Y 不含带号）。");
        }

        // Shells clockwise and holes counter-clockwise, as the reader normalises them, so a written parcel reads back identical.
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(geometry.SRID);
        var rings = new List<Coordinate[]>();
        foreach (var polygon in geometry.Geometries.Cast<Polygon>().Where(p => !p.IsEmpty))
        {
            rings.Add(TxtRingAssembler.Orient(factory, polygon.Shell.Coordinates, clockwise: true).Coordinates);
            rings.AddRange(polygon.Holes.Select(h => TxtRingAssembler.Orient(factory, h.Coordinates, clockwise: false).Coordinates));
        }

        var pointCount = rings.Sum(r => r.Length);
        var area = Math.Round(parcel.AreaHectares, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture,
            $"{pointCount},{area},{code},{Field(parcel.Name)},面,{Field(parcel.SheetNumber)},{Field(parcel.Use)},{Field(parcel.LandClass)},@")
            .Append(NewLine);

        var label = 1;
        for (var ring = 0; ring < rings.Count; ring++)
        {
            var coordinates = rings[ring];
            var firstLabel = label;
            for (var i = 0; i < coordinates.Length; i++)
            {
                // The closing point (last == first) repeats the ring's first label.
                var pointLabel = i == coordinates.Length - 1 ? firstLabel : label++;
                var c = coordinates[i];
                text.Append(CultureInfo.InvariantCulture, $"J{pointLabel},{ring + 1},")
                    .Append(c.Y.ToString(format, CultureInfo.InvariantCulture)).Append(',')
                    .Append((c.X + eastingOffset).ToString(format, CultureInfo.InvariantCulture)).Append(NewLine);
            }
        }
    }

    /// <summary>A comma would shift every later attribute of the header, so commas inside a value become "、".</summary>
    private static string Field(string? value) => OneLine(value).Replace(',', '、').Replace('，', '、');

    private static string OneLine(string? value) => (value ?? string.Empty).ReplaceLineEndings(" ").Trim();
}
