using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GuaGou.Domain.Tests.Spatial;

public sealed class GaussKrugerTests(ITestOutputHelper output)
{
    private const double MetresPerDegree = 111_320; // ample for turning angular differences into a metre bound

    private static readonly double[] Latitudes = [18, 23, 30, 36.5, 44, 49, 53];
    private static readonly double[] OffsetsFromCentralMeridian = [-3, -1.5, -0.37, 0, 0.81, 1.5, 3];

    private static readonly GaussKrugerZone[] Zones =
    [
        new(3, 25, true), new(3, 35, false), new(3, 38, true), new(3, 40, true), new(3, 40, false), new(3, 45, true),
        new(6, 13, false), new(6, 18, true), new(6, 21, true), new(6, 23, false),
    ];

    [Fact]
    public void FromGeographic_AtTheCentralMeridianOnTheEquator_IsTheFalseOrigin()
    {
        var zone = new GaussKrugerZone(3, 39, true);

        var (northing, easting) = GaussKruger.FromGeographic(zone, 0, 117);

        Assert.Equal(0, northing, 1e-9);
        Assert.Equal(39_500_000, easting, 1e-9);
    }

    [Fact]
    public void FromGeographic_AlongTheCentralMeridian_IsTheMeridianArc()
    {
        // GRS 1980 meridian arc from the equator to 45° (and to the pole, a quarter meridian): k0 = 1 on the central meridian.
        var zone = new GaussKrugerZone(3, 40, false);

        Assert.Equal(4_984_944.378, GaussKruger.FromGeographic(zone, 45, 120).Northing, 0.001);
        Assert.Equal(500_000, GaussKruger.FromGeographic(zone, 45, 120).Easting, 1e-9);
        Assert.Equal(10_001_965.729, GaussKruger.FromGeographic(zone, 90 - 1e-12, 120).Northing, 0.001);
    }

    [Fact]
    public void RoundTrip_AcrossZonesAndLatitudes_IsBelowOneMillimetre()
    {
        var worstMetres = 0.0;
        foreach (var zone in Zones)
        {
            foreach (var latitude in Latitudes)
            {
                foreach (var offset in OffsetsFromCentralMeridian)
                {
                    var longitude = zone.CentralMeridian + offset;

                    // geographic → plane → geographic
                    var (northing, easting) = GaussKruger.FromGeographic(zone, latitude, longitude);
                    var (latitudeBack, longitudeBack) = GaussKruger.ToGeographic(zone, northing, easting);
                    var angular = Math.Max(Math.Abs(latitudeBack - latitude), Math.Abs(longitudeBack - longitude)) * MetresPerDegree;

                    // plane → geographic → plane, from round plane coordinates as a survey file has them
                    var (n0, e0) = (Math.Round(northing, 3), Math.Round(easting, 3));
                    var (lat1, lon1) = GaussKruger.ToGeographic(zone, n0, e0);
                    var (n1, e1) = GaussKruger.FromGeographic(zone, lat1, lon1);
                    var planar = Math.Max(Math.Abs(n1 - n0), Math.Abs(e1 - e0));

                    Assert.True(angular < 0.001 && planar < 0.001,
                        $"{zone}, B={latitude}, L={longitude}: {angular:E2} m geographic, {planar:E2} m planar");
                    worstMetres = Math.Max(worstMetres, Math.Max(angular, planar));
                }
            }
        }

        output.WriteLine($"worst round-trip error: {worstMetres:E2} m");
        Assert.True(worstMetres < 1e-6, $"the Krüger series should round-trip to nanometres, worst {worstMetres:E2} m");
    }

    [Fact]
    public void RoundTrip_DenseLatitudes_IsExactToNanometres()
    {
        // The inverse takes the geodetic latitude from the conformal one by a series; the forward computes the
        // conformal latitude in closed form. A dense sweep (0°–88°, whole 6° zone) checks the series everywhere.
        var zone = new GaussKrugerZone(6, 20, false);
        var worstMetres = 0.0;
        for (var latitude = 0.0; latitude <= 88; latitude += 0.25)
        {
            for (var offset = -3.0; offset <= 3; offset += 0.75)
            {
                var longitude = zone.CentralMeridian + offset;
                var (northing, easting) = GaussKruger.FromGeographic(zone, latitude, longitude);
                var (latitudeBack, longitudeBack) = GaussKruger.ToGeographic(zone, northing, easting);
                var error = Math.Max(Math.Abs(latitudeBack - latitude), Math.Abs(longitudeBack - longitude) * Math.Cos(latitude * Math.PI / 180));
                worstMetres = Math.Max(worstMetres, error * MetresPerDegree);
            }
        }

        output.WriteLine($"worst dense round-trip error: {worstMetres:E2} m");
        Assert.True(worstMetres < 1e-8, $"worst round-trip error {worstMetres:E2} m");
    }

    [Fact]
    public void BothDirections_AgreeWithCs2cs()
    {
        var worstMetres = 0.0;
        var worstDegrees = 0.0;
        foreach (var zone in Zones)
        {
            var geographic = (
                from latitude in Latitudes
                from offset in OffsetsFromCentralMeridian
                select (Latitude: latitude, Longitude: zone.CentralMeridian + offset + 0.000123)).ToList();

            // Forward: EPSG:4490 takes latitude, longitude and gives northing, easting.
            var reference = Cs2cs.Transform(Cgcs2000.Srid, zone.Epsg, geographic.Select(p => (p.Latitude, p.Longitude)).ToList());
            for (var i = 0; i < geographic.Count; i++)
            {
                var (northing, easting) = GaussKruger.FromGeographic(zone, geographic[i].Latitude, geographic[i].Longitude);
                var difference = Math.Max(Math.Abs(northing - reference[i].First), Math.Abs(easting - reference[i].Second));
                Assert.True(difference <= 0.001, $"{zone} {geographic[i]}: ours ({northing:F4}, {easting:F4}) vs cs2cs {reference[i]}");
                worstMetres = Math.Max(worstMetres, difference);
            }

            // Inverse, from plane coordinates not produced by our own forward projection.
            var projected = reference.Select(p => (Math.Round(p.First, 2) + 0.123, Math.Round(p.Second, 2) - 0.456)).ToList();
            var referenceBack = Cs2cs.Transform(zone.Epsg, Cgcs2000.Srid, projected);
            for (var i = 0; i < projected.Count; i++)
            {
                var (latitude, longitude) = GaussKruger.ToGeographic(zone, projected[i].Item1, projected[i].Item2);
                var difference = Math.Max(Math.Abs(latitude - referenceBack[i].First), Math.Abs(longitude - referenceBack[i].Second));
                Assert.True(difference <= 1e-9, $"{zone} {projected[i]}: ours ({latitude:F12}, {longitude:F12}) vs cs2cs {referenceBack[i]}");
                worstDegrees = Math.Max(worstDegrees, difference);
            }
        }

        output.WriteLine($"worst difference from cs2cs: forward {worstMetres:E2} m, inverse {worstDegrees:E2}°");
    }

    [Fact]
    public void ToCgcs2000_SwapsToLongitudeLatitudeAndKeepsRingsAndParts()
    {
        var zone = GaussKrugerZone.FromEpsg(4528);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), zone.Epsg);
        var projected = factory.CreateMultiPolygon([
            factory.CreatePolygon(Ring(factory, 40_500_000, 4_873_000, 100), [Ring(factory, 40_500_040, 4_873_040, 10)]),
            factory.CreatePolygon(Ring(factory, 40_501_000, 4_873_000, 50)),
        ]);

        var geographic = GaussKruger.ToCgcs2000(projected, zone);

        Assert.Equal(Cgcs2000.Srid, geographic.SRID);
        Assert.Equal(2, geographic.NumGeometries);
        Assert.Equal(1, ((Polygon)geographic.GetGeometryN(0)).NumInteriorRings);
        Assert.True(geographic.IsValid);
        var first = geographic.Coordinates[0];
        Assert.Equal(120, first.X, 1e-9);            // on the central meridian
        Assert.InRange(first.Y, 43.99, 44.0);

        var back = GaussKruger.FromCgcs2000(geographic, zone);
        Assert.Equal(zone.Epsg, back.SRID);
        Assert.True(projected.EqualsExact(back, 1e-6), "projected → geographic → projected should return the same coordinates");
    }

    [Fact]
    public void ToCgcs2000_EastingWithoutTheExpectedPrefix_IsRefused()
    {
        var zone = GaussKrugerZone.FromEpsg(4528);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 0);
        var withoutPrefix = factory.CreateMultiPolygon([factory.CreatePolygon(Ring(factory, 500_000, 4_873_000, 100))]);

        var error = Assert.Throws<DomainException>(() => GaussKruger.ToCgcs2000(withoutPrefix, zone));

        Assert.Equal("geometry.outside_zone", error.Code);
        var corner = GaussKruger.ToCgcs2000(withoutPrefix, zone.WithoutPrefix()).Coordinates[0];
        Assert.Equal(120, corner.X, 1e-9);
        Assert.InRange(corner.Y, 43.99, 44.0);
    }

    [Fact]
    public void ToCgcs2000_GeometryStatingAnotherZone_IsRefused()
    {
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4527);
        var zone39 = factory.CreateMultiPolygon([factory.CreatePolygon(Ring(factory, 39_500_000, 3_760_000, 100))]);

        var error = Assert.Throws<DomainException>(() => GaussKruger.ToCgcs2000(zone39, GaussKrugerZone.FromEpsg(4528)));

        Assert.Equal("geometry.srid.mismatch", error.Code);
    }

    private static LinearRing Ring(GeometryFactory factory, double west, double south, double size) => factory.CreateLinearRing([
        new Coordinate(west, south), new Coordinate(west + size, south), new Coordinate(west + size, south + size),
        new Coordinate(west, south + size), new Coordinate(west, south),
    ]);
}
