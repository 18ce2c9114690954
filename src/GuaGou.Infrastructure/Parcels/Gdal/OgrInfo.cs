using System.Text.RegularExpressions;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>One layer as <c>ogrinfo -so -al</c> describes it.</summary>
internal sealed record OgrLayer(string Name, string GeometryType, string? Wkt, IReadOnlyList<string> Fields)
{
    /// <summary>Attribute-only tables (GeoPackage) and the like have no geometry to import.</summary>
    public bool IsSpatial => !GeometryType.Equals("None", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads the text of <c>ogrinfo -ro -so -al</c> (GDAL 3.6 has no JSON output for ogrinfo): driver, and per layer the
/// geometry type, the SRS as WKT2 and the attribute fields.
/// </summary>
internal static partial class OgrInfo
{
    public static (string? Driver, IReadOnlyList<OgrLayer> Layers) Parse(string output)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var driver = lines.Select(l => DriverLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var layers = new List<OgrLayer>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("Layer name: ", StringComparison.Ordinal))
            {
                continue;
            }

            var name = lines[i]["Layer name: ".Length..];
            var geometry = "Unknown";
            string? wkt = null;
            var fields = new List<string>();
            var afterSrs = false;
            for (i++; i < lines.Length && !lines[i].StartsWith("Layer name: ", StringComparison.Ordinal); i++)
            {
                var line = lines[i];
                if (!afterSrs && line.StartsWith("Geometry: ", StringComparison.Ordinal))
                {
                    geometry = line["Geometry: ".Length..].Trim();
                }
                else if (line.StartsWith("Layer SRS WKT:", StringComparison.Ordinal))
                {
                    (wkt, i) = ReadWkt(lines, i + 1);
                    afterSrs = true;
                }
                else if (FieldLine().Match(line) is { Success: true } field)
                {
                    // "Feature Count: 1", "Extent: (…)" and the like never match a field type, so this is safe anywhere.
                    fields.Add(field.Groups["name"].Value);
                }
            }

            i--;
            layers.Add(new OgrLayer(name, geometry, wkt, fields));
        }

        return (driver, layers);
    }

    /// <summary>The WKT runs over several lines until its brackets balance; "(unknown)" means the layer has no SRS.</summary>
    private static (string? Wkt, int LastLine) ReadWkt(string[] lines, int start)
    {
        if (start >= lines.Length || lines[start].Trim() == "(unknown)")
        {
            return (null, start);
        }

        var depth = 0;
        var inQuotes = false;
        var text = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            text.Add(lines[i].Trim());
            foreach (var c in lines[i])
            {
                switch (c)
                {
                    case '"':
                        inQuotes = !inQuotes;
                        break;
                    case '[' when !inQuotes:
                        depth++;
                        break;
                    case ']' when !inQuotes:
                        depth--;
                        break;
                }
            }

            if (depth <= 0)
            {
                return (string.Join(' ', text), i);
            }
        }

        return (string.Join(' ', text), lines.Length - 1);
    }

    [GeneratedRegex(@"using driver `(.+)' successful")]
    private static partial Regex DriverLine();

    [GeneratedRegex(@"^(?<name>\S.*?): (Integer|Integer64|Real|String|Date|Time|DateTime|Binary|IntegerList|Integer64List|RealList|StringList)(\(\w+\))? \(\d+\.\d+\)")]
    private static partial Regex FieldLine();
}
