using System.Globalization;
using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>
/// One feature of ogr2ogr's GeoJSON output: its attributes as text and, when it is a surface, its polygons in the
/// file's own coordinates (SRID 0: the reader decides what they mean). <see cref="OtherType"/> names what it was
/// when it is not a surface; both null = no geometry.
/// </summary>
internal sealed record OgrFeature(IReadOnlyDictionary<string, string?> Properties, MultiPolygon? Polygons, string? OtherType);

/// <summary>
/// Parses the GeoJSON that <c>ogr2ogr -f GeoJSON -lco RFC7946=NO</c> writes (coordinates as in the source CRS, no
/// reprojection) with System.Text.Json — NetTopologySuite.IO.GeoJSON is not in our registry (STACK.md).
/// </summary>
internal static class OgrGeoJson
{
    private static readonly GeometryFactory Raw = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), 0);

    /// <param name="closedLinesArePolygons">DXF: parcels drawn in CAD are closed polylines, which GDAL reads as lines.</param>
    public static IEnumerable<OgrFeature> Read(Stream json, bool closedLinesArePolygons)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var feature in features.EnumerateArray())
        {
            var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in props.EnumerateObject())
                {
                    properties.TryAdd(property.Name, Text(property.Value));
                }
            }

            var geometry = feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object ? g : (JsonElement?)null;
            if (geometry is null)
            {
                yield return new OgrFeature(properties, null, null);
                continue;
            }

            var polygons = new List<Polygon>();
            var other = Collect(geometry.Value, polygons, closedLinesArePolygons);
            yield return other is null && polygons.Count > 0
                ? new OgrFeature(properties, Raw.CreateMultiPolygon([.. polygons]), null)
                : new OgrFeature(properties, null, other ?? "空图形");
        }
    }

    /// <summary>Adds the feature's polygons; returns the first non-surface geometry type met, or null if all were surfaces.</summary>
    private static string? Collect(JsonElement geometry, List<Polygon> polygons, bool closedLinesArePolygons)
    {
        var type = geometry.TryGetProperty("type", out var t) ? t.GetString() ?? "?" : "?";
        var coordinates = geometry.TryGetProperty("coordinates", out var c) ? c : default;
        switch (type)
        {
            case "Polygon":
                polygons.Add(ToPolygon(coordinates));
                return null;
            case "MultiPolygon":
                polygons.AddRange(coordinates.EnumerateArray().Select(ToPolygon));
                return null;
            case "GeometryCollection" when geometry.TryGetProperty("geometries", out var members):
                return members.EnumerateArray().Select(m => Collect(m, polygons, closedLinesArePolygons)).FirstOrDefault(o => o is not null);
            case "LineString" or "MultiLineString" when closedLinesArePolygons:
                var lines = type == "LineString" ? [Ring(coordinates)] : coordinates.EnumerateArray().Select(Ring).ToList();
                if (lines.Count == 0 || lines.Any(l => l.Length < 4 || !l[0].Equals2D(l[^1])))
                {
                    return "LineString";
                }

                polygons.AddRange(lines.Select(l => Raw.CreatePolygon(l)));
                return null;
            default:
                // -nlt PROMOTE_TO_MULTI turns every LineString into a MultiLineString; name the simple type.
                return type.StartsWith("Multi", StringComparison.Ordinal) ? type["Multi".Length..] : type;
        }
    }

    private static Polygon ToPolygon(JsonElement rings)
    {
        var all = rings.EnumerateArray().Select(Ring).Select(Close).ToList();
        if (all.Count == 0)
        {
            return Raw.CreatePolygon();
        }

        return Raw.CreatePolygon(Raw.CreateLinearRing(all[0]), all.Skip(1).Select(r => Raw.CreateLinearRing(r)).ToArray());
    }

    private static Coordinate[] Ring(JsonElement positions) =>
        positions.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray();

    /// <summary>GDAL writes closed rings; a degenerate one is padded so NTS accepts it and the validator can report it.</summary>
    private static Coordinate[] Close(Coordinate[] ring)
    {
        var closed = ring.Length > 0 && !ring[0].Equals2D(ring[^1]) ? [.. ring, ring[0].Copy()] : ring;
        while (closed.Length is > 0 and < 4)
        {
            closed = [.. closed[..^1], closed[^1].Copy(), closed[0].Copy()];
        }

        return closed;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        // An integral Real (a code stored as 1001.0) reads as "1001", not "1001.0".
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture)
            : value.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
