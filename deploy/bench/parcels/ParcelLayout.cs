using System.Globalization;
using GuaGou.Domain.Parcels.Txt;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Bench.Parcels;

/// <summary>
/// The benchmark's parcels: irregular, homestead-sized (旧宅基地, 0.1–0.3 ha) polygons, one per 80 m cell of a square
/// grid centred on 120°E 44°N (阿鲁科尔沁旗) in CGCS2000 3° zone 40. Every tenth parcel has a hole (扣除部分). Each
/// outline is star-shaped around its cell centre with strictly increasing angles, so it is a valid polygon; it stays
/// at least 3 m inside its cell, so no two parcels overlap or touch. Coordinates are rounded to the millimetre the
/// TXT keeps, so a parcel read back from the file is exactly the one generated. Parcel i depends only on i and the
/// parcel count: the overlap benchmark rebuilds any of them without the file.
/// </summary>
internal static class ParcelLayout
{
    public const int ZoneNumber = 40;
    public const double CellMetres = 80;
    public const int HoleVertices = 8;

    private static readonly string[] LandClasses = ["0702", "0702", "0702", "0602", "1201"];

    public static GaussKrugerZone Zone { get; } = GaussKrugerZone.Create(3, ZoneNumber, prefix: false);

    private static GeometryFactory Factory { get; } =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), Zone.Epsg);

    private static (double Northing, double Easting) Centre { get; } = GaussKruger.FromGeographic(Zone, 44, 120);

    public static string Code(int index) => string.Create(CultureInfo.InvariantCulture, $"CJ-{index + 1:D5}");

    /// <summary>Parcel <paramref name="index"/> of <paramref name="count"/> in the zone's plane (X = easting without prefix, Y = northing).</summary>
    public static MultiPolygon Projected(int index, int count, int vertices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vertices, 4);
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (count + columns - 1) / columns;
        var centreX = Centre.Easting + ((index % columns + 0.5 - (columns / 2.0)) * CellMetres);
        var centreY = Centre.Northing + ((index / columns + 0.5 - (rows / 2.0)) * CellMetres);

        var random = new Random(20_261_122 + index);
        var radius = 20 + (random.NextDouble() * 7);
        var withHole = index % 10 == 3 && vertices >= HoleVertices + 4;
        // The outline's radius varies by at most ±36 %: it stays within 1.36 × 27 = 36.7 m of the centre (the cell's
        // half-width is 40 m) and, edges included, farther than 0.63 × radius from it; the hole (centre offset 0.2 ×
        // radius, its own radius at most 0.3 × radius) stays within 0.5 × radius, so it is always inside the outline.
        var shell = Star(random, centreX, centreY, radius, withHole ? vertices - HoleVertices : vertices, [0.15, 0.10, 0.08], 0.03);
        LinearRing[] holes = withHole
            ? [Star(random, centreX + (0.2 * radius * Math.Cos(index)), centreY + (0.2 * radius * Math.Sin(index)), 0.25 * radius,
                HoleVertices, [0.10, 0.05, 0], 0.05)]
            : [];
        return Factory.CreateMultiPolygon([Factory.CreatePolygon(shell, holes)]);
    }

    public static TxtParcelToWrite ToWrite(int index, MultiPolygon projected) => new(
        Code(index),
        string.Create(CultureInfo.InvariantCulture, $"基准测试村旧宅基地{index + 1}号"),
        Math.Round((decimal)ParcelArea.Planar(projected) / 10_000m, 4, MidpointRounding.AwayFromZero),
        "拆旧复垦",
        LandClasses[index % LandClasses.Length],
        projected);

    private static LinearRing Star(Random random, double x, double y, double radius, int vertices, double[] harmonics, double jitter)
    {
        var phases = harmonics.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var coordinates = new Coordinate[vertices + 1];
        for (var k = 0; k < vertices; k++)
        {
            var theta = 2 * Math.PI * (k + (0.6 * random.NextDouble())) / vertices;
            var factor = 1 + (jitter * ((2 * random.NextDouble()) - 1));
            for (var h = 0; h < harmonics.Length; h++)
            {
                factor += harmonics[h] * Math.Cos(((h + 1) * theta) + phases[h]);
            }

            coordinates[k] = new Coordinate(
                Math.Round(x + (radius * factor * Math.Cos(theta)), 3),
                Math.Round(y + (radius * factor * Math.Sin(theta)), 3));
        }

        coordinates[vertices] = coordinates[0].Copy();
        return Factory.CreateLinearRing(coordinates);
    }
}
