using GuaGou.Domain.Regions;
using GuaGou.Domain.Spatial;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GuaGou.Web.Tests.Persistence;

/// <summary>
/// The geometry pattern of STACK.md end to end: NTS geometry → EWKB bytea through EF → the generated
/// PostGIS column → ST_Area on the ellipsoid, and back to an identical NTS geometry.
/// </summary>
public sealed class GeometryRoundTripTests
{
    // A 0.01° × 0.01° cell in 阿鲁科尔沁旗 (about 800 m × 1 110 m), with a square hole.
    private const double West = 120.05, South = 43.87, Size = 0.01, HoleWest = 120.052, HoleSouth = 43.872, HoleSize = 0.002;

    [Fact]
    public async Task Boundary_WhenSavedAndReloaded_IsTheSameGeometryAndPostGisMeasuresItOnTheEllipsoid()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("geometry");
        var boundary = Cgcs2000.Factory.CreateMultiPolygon([
            Cgcs2000.Factory.CreatePolygon(
                Ring(West, South, Size),
                [Ring(HoleWest, HoleSouth, HoleSize)]),
        ]);

        int id;
        await using (var db = TestDatabase.CreateContext(connectionString))
        {
            var county = await db.Regions.SingleAsync(r => r.Code == RegionCode.Parse("150421"));
            var township = new Region(RegionCode.Parse("150421999"), "几何测试镇", county);
            township.SetBoundary(boundary);
            db.Regions.Add(township);
            await db.SaveChangesAsync();
            id = township.Id;
        }

        await using (var db = TestDatabase.CreateContext(connectionString))
        {
            var reloaded = await db.Regions.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.NotNull(reloaded.Boundary);
            Assert.Equal(Cgcs2000.Srid, reloaded.Boundary.SRID);
            Assert.True(boundary.EqualsExact(reloaded.Boundary), "the reloaded boundary differs from the saved one");
        }

        var column = SpatialColumn.RegionBoundary;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT ST_Area({column.GeometryColumn}::geography), ST_SRID({column.GeometryColumn}), GeometryType({column.GeometryColumn}), ST_NumInteriorRings(ST_GeometryN({column.GeometryColumn}, 1)) " +
            $"FROM {GuaGouDbContext.Schema}.{column.Table} WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var postGisArea = reader.GetDouble(0);
        Assert.Equal(Cgcs2000.Srid, reader.GetInt32(1));
        Assert.Equal("MULTIPOLYGON", reader.GetString(2));
        Assert.Equal(1, reader.GetInt32(3));

        // Independent oracle: the exact area of a latitude/longitude "rectangle" on the GRS 1980 ellipsoid
        // (CGCS2000's). PostGIS joins the corners with geodesics rather than parallels; for cells this small
        // that changes the area by well under 1 m².
        var expected = EllipsoidalCellArea(West, South, Size) - EllipsoidalCellArea(HoleWest, HoleSouth, HoleSize);
        Assert.InRange(expected, 800_000, 900_000);
        Assert.InRange(postGisArea, expected - 1.0, expected + 1.0);
    }

    private static LinearRing Ring(double west, double south, double size) =>
        Cgcs2000.Factory.CreateLinearRing([
            new Coordinate(west, south), new Coordinate(west + size, south), new Coordinate(west + size, south + size),
            new Coordinate(west, south + size), new Coordinate(west, south),
        ]);

    /// <summary>Area between two meridians and two parallels on the ellipsoid: b²·Δλ/2·[q(φ₂) − q(φ₁)].</summary>
    private static double EllipsoidalCellArea(double west, double south, double size)
    {
        const double a = 6378137.0, f = 1 / 298.257222101; // GRS 1980
        var e2 = f * (2 - f);
        var e = Math.Sqrt(e2);
        var b2 = a * a * (1 - e2);
        double Q(double latitudeDegrees)
        {
            var s = Math.Sin(latitudeDegrees * Math.PI / 180);
            return s / (1 - e2 * s * s) + 1 / (2 * e) * Math.Log((1 + e * s) / (1 - e * s));
        }

        return b2 * (size * Math.PI / 180) / 2 * (Q(south + size) - Q(south));
    }
}
