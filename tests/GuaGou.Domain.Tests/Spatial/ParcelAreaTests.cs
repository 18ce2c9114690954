using System.Globalization;
using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GuaGou.Domain.Tests.Spatial;

public sealed class ParcelAreaTests(ITestOutputHelper output)
{
    private const double SemiMajorAxis = 6378137.0, Flattening = 1 / 298.257222101; // CGCS2000, FORMATS.md §2
    private static readonly GaussKrugerZone Zone39 = GaussKrugerZone.FromEpsg(4527);
    private static readonly GeometryFactory Plane = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Zone39.Epsg);

    [Fact]
    public void Planar_FormatsExampleParcels_AreExact()
    {
        // FORMATS.md §1, file order "X (northing), Y (easting)": CJ01 is 100 m × 80 m minus a 200 m² triangle.
        var cj01 = Plane.CreatePolygon(
            FileRing(Plane, "3760100,39500000 3760100,39500080 3760000,39500080 3760000,39500000 3760100,39500000"),
            [FileRing(Plane, "3760060,39500020 3760060,39500040 3760040,39500030 3760060,39500020")]);
        var jx01 = Plane.CreatePolygon(
            FileRing(Plane, "3761000,39501000 3761000,39501040 3760950,39501040 3760950,39501000 3761000,39501000"));

        Assert.Equal(7800, ParcelArea.Planar(cj01), 1e-6);
        Assert.Equal(2000, ParcelArea.Planar(jx01), 1e-6);
        Assert.Equal(9800, ParcelArea.Planar(Plane.CreateMultiPolygon([cj01, jx01])), 1e-6);
        Assert.Equal(7800, ParcelArea.Planar(cj01.Reverse()), 1e-6);   // orientation does not matter
        Assert.Equal(0, ParcelArea.Planar(cj01.Boundary));              // lines have no area
    }

    [Fact]
    public void Planar_WithPrefixedEastings_IsExactWhereTheTextbookShoelaceIsNot()
    {
        // An irregular 24-point parcel with millimetre coordinates, zone 39 prefixed eastings. The exact area comes
        // from decimal arithmetic on the same numbers as typed in the file.
        var points = new List<(decimal Northing, decimal Easting)>();
        for (var i = 0; i < 24; i++)
        {
            var angle = 2 * Math.PI * i / 24;
            var radius = 150 + (37 * Math.Sin(3 * angle)) + (11 * Math.Cos(7 * angle));
            points.Add((Math.Round(3_760_123.4567m + (decimal)(radius * Math.Sin(angle)), 3),
                        Math.Round(39_512_345.6789m + (decimal)(radius * Math.Cos(angle)), 3)));
        }

        points.Add(points[0]);
        var exact = 0m;
        for (var i = 0; i < points.Count - 1; i++)
        {
            exact += (points[i].Easting * points[i + 1].Northing) - (points[i + 1].Easting * points[i].Northing);
        }

        var exactArea = (double)(Math.Abs(exact) / 2);
        var polygon = Plane.CreatePolygon(points.Select(p => new Coordinate((double)p.Easting, (double)p.Northing)).ToArray());

        var naive = Math.Abs(NaiveShoelace(polygon.Shell.Coordinates));
        var ours = ParcelArea.Planar(polygon);

        output.WriteLine($"exact {exactArea:F6} m², ours {ours:F9} (Δ {ours - exactArea:E2}), textbook {naive:F6} (Δ {naive - exactArea:E2})");
        Assert.True(Math.Abs(naive - exactArea) > 1e-3, $"expected the textbook shoelace to lose precision here, it is off by only {naive - exactArea:E2} m²");
        Assert.Equal(exactArea, ours, 1e-6);
    }

    [Fact]
    public void Planar_OfGeographicCoordinates_IsRefused()
    {
        var degrees = Cgcs2000.Factory.CreatePolygon(Cell(Cgcs2000.Factory, 120, 44, 0.01, 0.01));

        Assert.Equal("geometry.srid.mismatch", Assert.Throws<DomainException>(() => ParcelArea.Planar(degrees)).Code);
    }

    [Theory]
    [InlineData(18)]
    [InlineData(30)]
    [InlineData(44)]
    [InlineData(53)]
    public void Ellipsoidal_OneSquareKilometreCell_MatchesTheExactEllipsoidalRectangle(double south)
    {
        // A cell between two meridians and two parallels, about 1 km × 1 km: its exact area is b²·ΔL/2·[q(B₂) − q(B₁)].
        var (meridional, primeVertical) = Radii(south);
        var height = 1000 / meridional / Math.PI * 180;
        var width = 1000 / (primeVertical * Math.Cos(south * Math.PI / 180)) / Math.PI * 180;
        var cell = Cgcs2000.Factory.CreatePolygon(Cell(Cgcs2000.Factory, 120.3, south, width, height));

        var ours = ParcelArea.Ellipsoidal(cell);
        var exact = ExactCellArea(south, south + height, width);

        output.WriteLine($"B={south}: ours {ours:F6} m², exact {exact:F6} m², Δ {ours - exact:E2}");
        Assert.InRange(exact, 999_000, 1_001_000);
        Assert.Equal(exact, ours, 0.001);
        Assert.Equal(exact, ParcelArea.Ellipsoidal(cell.Reverse()), 0.001);
    }

    [Fact]
    public void Ellipsoidal_HolesSubtractAndPartsAdd()
    {
        var f = Cgcs2000.Factory;
        var outer = f.CreatePolygon(Cell(f, 120.05, 43.87, 0.01, 0.01));
        var hole = f.CreatePolygon(Cell(f, 120.052, 43.872, 0.002, 0.003));
        var other = f.CreatePolygon(Cell(f, 120.2, 43.9, 0.004, 0.001));
        var withHole = f.CreatePolygon(outer.Shell, [hole.Shell]);

        var expectedWithHole = ExactCellArea(43.87, 43.88, 0.01) - ExactCellArea(43.872, 43.875, 0.002);
        Assert.Equal(expectedWithHole, ParcelArea.Ellipsoidal(withHole), 0.001);
        Assert.Equal(ParcelArea.Ellipsoidal(outer) - ParcelArea.Ellipsoidal(hole), ParcelArea.Ellipsoidal(withHole), 1e-6);
        Assert.Equal(expectedWithHole + ExactCellArea(43.9, 43.901, 0.004),
            ParcelArea.Ellipsoidal(f.CreateMultiPolygon([withHole, other])), 0.001);
        Assert.Equal(0, ParcelArea.Ellipsoidal(f.CreateMultiPolygon()));
    }

    [Fact]
    public void Ellipsoidal_OfTheFormatsExampleOnTheCentralMeridian_EqualsItsPlanarArea()
    {
        // CJ01 lies on zone 39's central meridian (easting 39 500 000), where the Gauss–Krüger scale is 1.
        var cj01 = Plane.CreatePolygon(
            FileRing(Plane, "3760100,39500000 3760100,39500080 3760000,39500080 3760000,39500000 3760100,39500000"),
            [FileRing(Plane, "3760060,39500020 3760060,39500040 3760040,39500030 3760060,39500020")]);

        var geographic = GaussKruger.ToCgcs2000(Plane.CreateMultiPolygon([cj01]), Zone39);

        Assert.Equal(7800, ParcelArea.Ellipsoidal(geographic), 0.001);
    }

    [Theory]
    [InlineData(44, 100_000)]     // FORMATS.md §3: about +2.5 m²/ha at 100 km
    [InlineData(44, -100_000)]
    [InlineData(33, 140_000)]     // near the edge of a 3° zone: about +4.8 m²/ha
    [InlineData(23, 300_000)]     // near the edge of a 6° zone: about 0.2 %
    public void Ellipsoidal_AwayFromTheCentralMeridian_IsSmallerThanPlanarBySquaredDistanceOverRadius(double latitude, double offset)
    {
        var zone = new GaussKrugerZone(6, 20, true);
        var (northing, _) = GaussKruger.FromGeographic(zone, latitude, zone.CentralMeridian);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), zone.Epsg);
        var hectare = factory.CreateMultiPolygon([factory.CreatePolygon(Cell(factory, zone.FalseEasting + offset - 50, Math.Round(northing), 100, 100))]);

        var planar = ParcelArea.Planar(hectare);
        var ellipsoidal = ParcelArea.Ellipsoidal(GaussKruger.ToCgcs2000(hectare, zone));

        // Gauss–Krüger scale k ≈ 1 + x²/(2R²), R² = M·N: areas grow by k² ≈ 1 + x²/R².
        var (meridional, primeVertical) = Radii(latitude);
        var expected = 10_000 * offset * offset / (meridional * primeVertical);
        output.WriteLine($"B={latitude}, x={offset / 1000} km: planar − ellipsoidal = {planar - ellipsoidal:F4} m²/ha, x²/R² gives {expected:F4}");
        Assert.Equal(10_000, planar, 1e-6);
        Assert.Equal(expected, planar - ellipsoidal, expected * 0.02);
        if (Math.Abs(offset) == 100_000)
        {
            Assert.InRange(planar - ellipsoidal, 2.4, 2.6);
        }
    }

    [Fact]
    public void Ellipsoidal_OnTheCentralMeridian_EqualsPlanar()
    {
        var zone = GaussKrugerZone.FromEpsg(4528);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), zone.Epsg);
        var hectare = factory.CreateMultiPolygon([factory.CreatePolygon(Cell(factory, 40_499_950, 4_873_000, 100, 100))]);

        Assert.Equal(10_000, ParcelArea.Ellipsoidal(GaussKruger.ToCgcs2000(hectare, zone)), 0.001);
    }

    [Fact]
    public void Ellipsoidal_OfProjectedCoordinates_IsRefused() =>
        Assert.Equal("geometry.srid.mismatch", Assert.Throws<DomainException>(() =>
            ParcelArea.Ellipsoidal(Plane.CreatePolygon(Cell(Plane, 39_500_000, 3_760_000, 100, 100)))).Code);

    /// <summary>The textbook shoelace Σ xᵢyᵢ₊₁ − xᵢ₊₁yᵢ on the raw coordinates, twice the signed area.</summary>
    private static double NaiveShoelace(Coordinate[] ring)
    {
        var twice = 0.0;
        for (var i = 0; i < ring.Length - 1; i++)
        {
            twice += (ring[i].X * ring[i + 1].Y) - (ring[i + 1].X * ring[i].Y);
        }

        return twice / 2;
    }

    /// <summary>"X,Y X,Y …" in the file's order (X = northing, Y = easting) → NTS coordinates (X = easting, Y = northing).</summary>
    private static LinearRing FileRing(GeometryFactory factory, string points) => factory.CreateLinearRing(points
        .Split(' ')
        .Select(p => p.Split(','))
        .Select(p => new Coordinate(double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[0], CultureInfo.InvariantCulture)))
        .ToArray());

    private static LinearRing Cell(GeometryFactory factory, double west, double south, double width, double height) => factory.CreateLinearRing([
        new Coordinate(west, south), new Coordinate(west + width, south), new Coordinate(west + width, south + height),
        new Coordinate(west, south + height), new Coordinate(west, south),
    ]);

    /// <summary>Meridional (M) and prime-vertical (N) radii of curvature at a latitude.</summary>
    private static (double M, double N) Radii(double latitude)
    {
        var e2 = Flattening * (2 - Flattening);
        var s = Math.Sin(latitude * Math.PI / 180);
        var w = Math.Sqrt(1 - (e2 * s * s));
        return (SemiMajorAxis * (1 - e2) / (w * w * w), SemiMajorAxis / w);
    }

    /// <summary>Exact area between two meridians width° apart and two parallels: b²·ΔL/2·[q(B₂) − q(B₁)].</summary>
    private static double ExactCellArea(double south, double north, double width)
    {
        var e2 = Flattening * (2 - Flattening);
        var e = Math.Sqrt(e2);
        var b2 = SemiMajorAxis * SemiMajorAxis * (1 - e2);
        double Q(double latitude)
        {
            var s = Math.Sin(latitude * Math.PI / 180);
            return (s / (1 - (e2 * s * s))) + (1 / (2 * e) * Math.Log((1 + (e * s)) / (1 - (e * s))));
        }

        return b2 * (width * Math.PI / 180) / 2 * (Q(north) - Q(south));
    }
}
