using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Testing;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using Xunit.Abstractions;

namespace GuaGou.Web.Tests.Persistence;

/// <summary>
/// Our ellipsoidal area (FORMATS.md §3 trapezoid series after the inverse Gauss–Krüger projection) against the
/// independent reference FORMATS.md names: PostGIS <c>ST_Area(geom::geography)</c> on the CGCS2000 ellipsoid.
/// The vertices are identical; PostGIS joins them by geodesics where the series takes edges straight in
/// latitude/longitude, which is what the 5 × 10⁻⁷ relative allowance is for (no densifying on either side).
/// </summary>
public sealed class EllipsoidalAreaTests(AreaDatabase database, ITestOutputHelper output) : IClassFixture<AreaDatabase>
{
    /// <summary>Parcels as survey files describe them: in a zone's plane, X = easting (with the zone's false easting), Y = northing.</summary>
    private static readonly Dictionary<string, (int Epsg, Func<GeometryFactory, GaussKrugerZone, MultiPolygon> Build)> Parcels = new()
    {
        // 阿鲁科尔沁旗, 3° zone 40 (prefixed), 44°N 120.3°E: 1 000 m × 500 m = 50 ha with a 200 m² triangular hole.
        ["zone 40, 44°N, 50 ha with a hole"] = (4528, (f, z) => Multi(f, f.CreatePolygon(
            Rectangle(f, Corner(z, 44, 120.3), 1000, 500, 0),
            [Triangle(f, Offset(Corner(z, 44, 120.3), 300, 200), 20, 20)]))),

        // 3° zone 38 (CM 114°E), 30°N: a 1 ha rectangle rotated 30° against the grid.
        ["zone 38, 30°N, 1 ha rotated"] = (4526, (f, z) => Multi(f, f.CreatePolygon(Rectangle(f, Corner(z, 30, 114.6), 125, 80, 30)))),

        // 3° zone 35 (CM 105°E), 23°N: a small irregular 200 m² pentagon (shoelace area 200 exactly).
        ["zone 35, 23°N, 200 m² pentagon"] = (4523, (f, z) => Multi(f, f.CreatePolygon(Ring(f, Corner(z, 23, 105.4),
            [(0, 0), (20, 0), (18, 8), (6, 12), (-3, 6)])))),

        // 6° zone 20 (CM 117°E, prefixed), 36°N 119.8°E: 10 ha about 250 km from the central meridian, near the zone edge.
        ["6° zone 20, 36°N, 10 ha near the edge"] = (4498, (f, z) => Multi(f, f.CreatePolygon(Rectangle(f, Corner(z, 36, 119.8), 400, 250, 0)))),

        // 6° zone 18 without prefix (CM 105°E), 25°N 102.2°E: 2 ha rotated 12° with a 30 m × 20 m hole.
        ["6° zone 18, 25°N, 2 ha with a hole"] = (4507, (f, z) => Multi(f, f.CreatePolygon(
            Rectangle(f, Corner(z, 25, 102.2), 200, 100, 12),
            [Rectangle(f, Offset(Corner(z, 25, 102.2), 50, 40), 30, 20, 12)]))),

        // 3° zone 40 without prefix, 41°N 121.45°E: a 7.9 ha hexagon at the edge of the 3° zone.
        ["zone 40 unprefixed, 41°N, 7.9 ha hexagon at the edge"] = (4549, (f, z) => Multi(f, f.CreatePolygon(Ring(f, Corner(z, 41, 121.45),
            [(0, 0), (250, -60), (400, 60), (400, 160), (150, 220), (0, 100)])))),

        // 3° zone 41 without prefix (CM 123°E), 52.9°N (漠河): two parts of 400 m × 250 m, 20 ha in all.
        ["zone 41 unprefixed, 52.9°N, 20 ha in two parts"] = (4550, (f, z) => Multi(f,
            f.CreatePolygon(Rectangle(f, Corner(z, 52.9, 122.4), 400, 250, 0)),
            f.CreatePolygon(Rectangle(f, Offset(Corner(z, 52.9, 122.4), 600, 100), 400, 250, 5)))),
    };

    public static TheoryData<string> ParcelNames() => new(Parcels.Keys);

    [Theory]
    [MemberData(nameof(ParcelNames))]
    public async Task Ellipsoidal_AfterReprojection_AgreesWithPostGisGeography(string parcel)
    {
        var (epsg, build) = Parcels[parcel];
        var zone = GaussKrugerZone.FromEpsg(epsg);
        var projected = build(NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), epsg), zone);
        var geographic = GaussKruger.ToCgcs2000(projected, zone);
        Assert.True(geographic.IsValid, $"{parcel} is not a valid polygon after reprojection");

        var ours = ParcelArea.Ellipsoidal(geographic);
        var postGis = await PostGisGeographyArea(geographic);

        var tolerance = 0.01 + (5e-7 * postGis);
        var planar = ParcelArea.Planar(projected);
        output.WriteLine($"{parcel}: planar {planar:F4} m², ours {ours:F4} m², PostGIS {postGis:F4} m², " +
                         $"Δ {ours - postGis:+0.00000;-0.00000} m² ({(ours - postGis) / postGis:E1}), allowed ±{tolerance:F4}");
        Assert.InRange(ours, postGis - tolerance, postGis + tolerance);
    }

    [Fact]
    public async Task Ellipsoidal_OfALargeIrregularParcel_IsWithinTenMillionthsOfPostGis()
    {
        // Known limit of taking vertices only (FORMATS.md §3, no densifying): for a parcel that is not centrally
        // symmetric and has edges of several hundred metres, "straight in latitude/longitude" and the series' mean
        // longitude per edge no longer cancel between opposite edges. For this 53.5 ha heptagon (edges up to 750 m)
        // at 42°N we measured +3.5 m² (+6.6 × 10⁻⁶) against PostGIS; PostGIS itself agrees with the densified true
        // Gauss–Krüger-straight boundary to 0.005 m². Pinned here so the size of the effect stays visible.
        var zone = GaussKrugerZone.FromEpsg(4527);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), zone.Epsg);
        var projected = Multi(factory, factory.CreatePolygon(Ring(factory, Corner(zone, 42, 118),
            [(0, 0), (700, -150), (950, 300), (600, 420), (640, 700), (150, 560), (-100, 250)])));
        var geographic = GaussKruger.ToCgcs2000(projected, zone);

        var ours = ParcelArea.Ellipsoidal(geographic);
        var postGis = await PostGisGeographyArea(geographic);

        output.WriteLine($"irregular 53.5 ha: planar {ParcelArea.Planar(projected):F4} m², ours {ours:F4} m², PostGIS {postGis:F4} m², " +
                         $"Δ {ours - postGis:+0.0000;-0.0000} m² ({(ours - postGis) / postGis:E1})");
        Assert.Equal(534_800, ParcelArea.Planar(projected), 1e-6);
        Assert.InRange(ours, postGis - (1e-5 * postGis), postGis + (1e-5 * postGis));
    }

    private async Task<double> PostGisGeographyArea(MultiPolygon geographic)
    {
        Assert.Equal(Cgcs2000.Srid, geographic.SRID);
        var ewkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true).Write(geographic);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT ST_Area(ST_GeomFromEWKB(@ewkb)::geography)", connection);
        command.Parameters.AddWithValue("ewkb", ewkb);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The plane point (easting, northing) nearest to a latitude/longitude, rounded to whole metres like a survey peg.</summary>
    private static Coordinate Corner(GaussKrugerZone zone, double latitude, double longitude)
    {
        var (northing, easting) = GaussKruger.FromGeographic(zone, latitude, longitude);
        return new Coordinate(Math.Round(easting), Math.Round(northing));
    }

    private static Coordinate Offset(Coordinate corner, double east, double north) => new(corner.X + east, corner.Y + north);

    private static MultiPolygon Multi(GeometryFactory factory, params Polygon[] parts) => factory.CreateMultiPolygon(parts);

    private static LinearRing Ring(GeometryFactory factory, Coordinate origin, (double East, double North)[] offsets) =>
        factory.CreateLinearRing([.. offsets.Select(o => Offset(origin, o.East, o.North)), Offset(origin, offsets[0].East, offsets[0].North)]);

    /// <summary>A width × height rectangle from a corner, turned anticlockwise by the given angle about that corner.</summary>
    private static LinearRing Rectangle(GeometryFactory factory, Coordinate corner, double width, double height, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        (double, double) Turn(double x, double y) => ((x * cos) - (y * sin), (x * sin) + (y * cos));
        return Ring(factory, corner, [Turn(0, 0), Turn(width, 0), Turn(width, height), Turn(0, height)]);
    }

    private static LinearRing Triangle(GeometryFactory factory, Coordinate corner, double baseLength, double height) =>
        Ring(factory, corner, [(0, 0), (baseLength, 0), (baseLength / 2, height)]);
}

/// <summary>One PostGIS database (only the extension) for all parcels of <see cref="EllipsoidalAreaTests"/>.</summary>
public sealed class AreaDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateEmptyAsync("area");

    public Task DisposeAsync() => Task.CompletedTask;
}
