using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Exports;

/// <summary>One GeoJSON feature: properties and a (multi)polygon in CGCS2000 longitude/latitude.</summary>
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, object?> Properties, Geometry? Geometry);

/// <summary>
/// GeoJSON (RFC 7946) written with System.Text.Json — the NTS GeoJSON package is not in our registry, and polygons
/// are all we write. Coordinates keep 9 decimals (≈ 0.1 mm), enough to round-trip survey coordinates.
/// </summary>
public static class GeoJson
{
    public const string ContentType = "application/geo+json";

    public static byte[] Write(IEnumerable<GeoJsonFeature> features, IReadOnlyDictionary<string, object?>? collectionProperties = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            if (collectionProperties is not null)
            {
                writer.WritePropertyName("properties");
                WriteProperties(writer, collectionProperties);
            }

            writer.WriteStartArray("features");
            foreach (var feature in features)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WritePropertyName("properties");
                WriteProperties(writer, feature.Properties);
                writer.WritePropertyName("geometry");
                WriteGeometry(writer, feature.Geometry);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static string WriteString(IEnumerable<GeoJsonFeature> features, IReadOnlyDictionary<string, object?>? collectionProperties = null) =>
        Encoding.UTF8.GetString(Write(features, collectionProperties));

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> properties)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in properties)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter writer, Geometry? geometry)
    {
        switch (geometry)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Polygon polygon:
                writer.WriteStartObject();
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygon(writer, polygon);
                writer.WriteEndObject();
                break;
            case MultiPolygon multi:
                writer.WriteStartObject();
                writer.WriteString("type", "MultiPolygon");
                writer.WriteStartArray("coordinates");
                foreach (var part in multi.Geometries.Cast<Polygon>())
                {
                    WritePolygon(writer, part);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"GeoJSON export supports polygons only, not {geometry.GeometryType}.");
        }
    }

    /// <summary>RFC 7946: exterior rings counter-clockwise, holes clockwise.</summary>
    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing, counterClockwise: true);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole, counterClockwise: false);
        }

        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates;
        if (NetTopologySuite.Algorithm.Orientation.IsCCW(coordinates) != counterClockwise)
        {
            coordinates = coordinates.Reverse().ToArray();
        }

        writer.WriteStartArray();
        foreach (var c in coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(c.X, 9));
            writer.WriteNumberValue(Math.Round(c.Y, 9));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
