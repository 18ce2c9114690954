using System.Globalization;
using System.Text.RegularExpressions;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>
/// What the layer SRS (WKT as ogrinfo prints it) says: the EPSG code of the root CRS, or, for an ESRI .prj GDAL could
/// not identify, the CGCS2000 Gauss–Krüger zone recognised from its parameters; and whether it is a legacy datum.
/// </summary>
internal static partial class GdalCrs
{
    public const int Wgs84 = 4326;

    /// <summary>The EPSG code of the root CRS: the <c>ID[…]</c>/<c>AUTHORITY[…]</c> directly inside it, not its base CRS's.</summary>
    public static int? RootEpsg(string wkt)
    {
        int? found = null;
        var depth = 0;
        var inQuotes = false;
        for (var i = 0; i < wkt.Length; i++)
        {
            var c = wkt[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '[')
            {
                depth++;
            }
            else if (!inQuotes && c == ']')
            {
                depth--;
            }
            else if (!inQuotes && depth == 1 && (c == 'I' || c == 'A') && (wkt[i - 1] == ',' || char.IsWhiteSpace(wkt[i - 1]))
                && EpsgId().Match(wkt, i) is { Success: true } id)
            {
                found = int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return found;
    }

    /// <summary>The root CRS's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 39".</summary>
    public static string? RootName(string wkt) => Name().Match(wkt) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Xi'an 1980, Beijing 1954 and New Beijing systems (geographic and Gauss–Krüger).</summary>
    public static string? LegacyDatum(int epsg) => epsg switch
    {
        >= 2327 and <= 2390 or 4610 => "1980 西安坐标系",
        >= 2401 and <= 2442 or >= 21413 and <= 21483 or 4214 => "1954 北京坐标系",
        >= 4568 and <= 4589 or 4555 => "新 1954 北京坐标系",
        _ => null,
    };

    public static string? LegacyDatum(string wkt)
    {
        var names = CrsNames().Matches(wkt).Select(m => m.Groups[1].Value).ToList();
        bool Says(params string[] words) => names.Any(n => words.Any(w => n.Contains(w, StringComparison.OrdinalIgnoreCase)));
        return Says("Xian", "Xi'an", "西安") ? "1980 西安坐标系" : Says("Beijing", "北京") ? "1954 北京坐标系" : null;
    }

    /// <summary>
    /// A CGCS2000 CRS GDAL did not match to an EPSG code (custom names in .prj files of Chinese tools): geographic →
    /// 4490; transverse Mercator with k0 = 1, no false northing and a central meridian / false easting of one of our
    /// zones → that zone's code. A 3° and a 6° zone with the same meridian are the same projection when unprefixed;
    /// 3° (cadastral use) wins unless the name says 6°.
    /// </summary>
    public static int? InferCgcs2000(string wkt)
    {
        var datums = CrsNames().Matches(wkt).Where(m => m.Value.StartsWith("DATUM", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups[1].Value).ToList();
        if (!datums.Any(d => d.Contains("2000", StringComparison.Ordinal)
                && (d.Contains("China", StringComparison.OrdinalIgnoreCase) || d.Contains("CGCS", StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        if (wkt.StartsWith("GEOG", StringComparison.OrdinalIgnoreCase))
        {
            return Cgcs2000.Srid;
        }

        if (!wkt.StartsWith("PROJ", StringComparison.OrdinalIgnoreCase)
            || !(wkt.Contains("Transverse Mercator", StringComparison.OrdinalIgnoreCase)
                || wkt.Contains("Transverse_Mercator", StringComparison.OrdinalIgnoreCase)
                || wkt.Contains("Gauss", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var parameters = Parameter().Matches(wkt)
            .GroupBy(m => m.Groups["name"].Value.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            .ToDictionary(g => g.Key, g => double.TryParse(g.First().Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN);
        double? Get(params string[] keys) => keys.Select(k => parameters.TryGetValue(k, out var v) ? v : (double?)null).FirstOrDefault(v => v is not null);
        var meridian = Get("LONGITUDEOFNATURALORIGIN", "CENTRALMERIDIAN");
        var falseEasting = Get("FALSEEASTING");
        if (meridian is not { } cm || falseEasting is not { } fe || (Get("SCALEFACTORATNATURALORIGIN", "SCALEFACTOR") ?? 1) != 1
            || (Get("FALSENORTHING") ?? 0) != 0 || (Get("LATITUDEOFNATURALORIGIN", "LATITUDEOFORIGIN") ?? 0) != 0)
        {
            return null;
        }

        var name = RootName(wkt) ?? string.Empty;
        var saysSixDegree = name.Contains("6_Degree", StringComparison.OrdinalIgnoreCase) || name.Contains("6-degree", StringComparison.OrdinalIgnoreCase)
            || name.Contains("6 degree", StringComparison.OrdinalIgnoreCase) || name.Contains("6度", StringComparison.Ordinal);
        var candidates = new List<GaussKrugerZone>();
        if (fe == 500_000)
        {
            Add(3, cm / 3, false);
            Add(6, (cm + 3) / 6, false);
        }
        else if ((fe - 500_000) / 1_000_000 is var prefix && prefix == Math.Floor(prefix))
        {
            Add(3, prefix, true);
            Add(6, prefix, true);
        }

        var zone = candidates.FirstOrDefault(z => (z.ZoneWidth == 6) == saysSixDegree) ?? candidates.FirstOrDefault();
        return zone?.Epsg;

        void Add(int width, double number, bool withPrefix)
        {
            if (number == Math.Floor(number) && number is >= 13 and <= 45)
            {
                var n = (int)number;
                if ((width, n) is (3, >= 25 and <= 45) or (6, >= 13 and <= 23))
                {
                    var candidate = GaussKrugerZone.Create(width, n, withPrefix);
                    if (candidate.CentralMeridian == cm)
                    {
                        candidates.Add(candidate);
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"\G(?:ID|AUTHORITY)\[\s*""EPSG""\s*,\s*""?(\d+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgId();

    [GeneratedRegex(@"^\s*\w+\[\s*""([^""]*)""")]
    private static partial Regex Name();

    [GeneratedRegex(@"(?:DATUM|GEOGCS|GEOGCRS|BASEGEOGCRS|GEODCRS|PROJCS|PROJCRS)\[\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CrsNames();

    [GeneratedRegex(@"PARAMETER\[\s*""(?<name>[^""]+)""\s*,\s*(?<value>[-+0-9.eE]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Parameter();
}
