using System.Numerics;
using GuaGou.Domain.Common;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using static GuaGou.Domain.Spatial.Geodesy.Cgcs2000Ellipsoid;

namespace GuaGou.Domain.Spatial.Geodesy;

/// <summary>
/// Gauss–Krüger (transverse Mercator) on CGCS2000 as FORMATS.md §2 specifies it: k0 = 1, false northing 0,
/// false easting from the zone. Krüger's series in the third flattening n to order n⁶ (Karney 2011,
/// "Transverse Mercator with an accuracy of a few nanometers"): within a 6° zone its error is a few nanometres,
/// far below the 1 mm we need, and it is the same method PROJ (cs2cs) uses, which the tests compare against.
/// </summary>
public static class GaussKruger
{
    /// <summary>
    /// Coordinates farther than this from the central meridian are refused when whole geometries are converted:
    /// a missing or extra zone prefix, or swapped X/Y, is off by thousands of kilometres, whereas a real parcel
    /// even at the edge of a 6° zone is within about 340 km.
    /// </summary>
    private const double MaxEastingOffset = 500_000;

    private const double N = Flattening / (2 - Flattening); // third flattening

    /// <summary>Radius of the rectifying sphere: a meridian arc of ξ radians is RectifyingRadius·ξ metres.</summary>
    private const double RectifyingRadius =
        SemiMajorAxis / (1 + N) * (1 + (N * N / 4) + (N * N * N * N / 64) + (N * N * N * N * N * N / 256));

    // Krüger coefficients α₁…α₆ (conformal → projected) and β₁…β₆ (projected → conformal), Karney 2011 eq. 35 and 36.
    private static readonly double[] Alpha = KrugerAlpha();
    private static readonly double[] Beta = KrugerBeta();

    // δ₁…δ₆: geodetic latitude from the conformal one, φ = χ + Σ δₖ sin 2kχ.
    private static readonly double[] Delta = ConformalToGeodetic();

    public static (double Northing, double Easting) FromGeographic(GaussKrugerZone zone, double latitude, double longitude)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var lambda = (longitude - zone.CentralMeridian) * DegreesToRadians;

        // Conformal latitude as τ′ = tan χ, then the spherical transverse Mercator (ξ′, η′) of Karney eq. 7–10.
        var tauPrime = ConformalTan(Math.Tan(latitude * DegreesToRadians));
        var cosLambda = Math.Cos(lambda);
        var xiPrime = Math.Atan2(tauPrime, cosLambda);
        var etaPrime = Math.Asinh(Math.Sin(lambda) / Math.Sqrt((tauPrime * tauPrime) + (cosLambda * cosLambda)));

        // ζ = ζ′ + Σ αⱼ sin 2jζ′ (Karney eq. 11), summed with Clenshaw's recurrence: four hyperbolic/trigonometric
        // calls per point instead of four per term.
        var (xi, eta) = AddKrugerSeries(xiPrime, etaPrime, Alpha, +1);

        return (RectifyingRadius * xi, zone.FalseEasting + (RectifyingRadius * eta));
    }

    public static (double Latitude, double Longitude) ToGeographic(GaussKrugerZone zone, double northing, double easting)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var xi = northing / RectifyingRadius;
        var eta = (easting - zone.FalseEasting) / RectifyingRadius;

        // ζ′ = ζ − Σ βⱼ sin 2jζ (Karney eq. 15), by Clenshaw as in the forward direction.
        var (xiPrime, etaPrime) = AddKrugerSeries(xi, eta, Beta, -1);

        var sinhEtaPrime = Math.Sinh(etaPrime);
        var cosXiPrime = Math.Cos(xiPrime);
        var tauPrime = Math.Sin(xiPrime) / Math.Sqrt((sinhEtaPrime * sinhEtaPrime) + (cosXiPrime * cosXiPrime));
        var lambda = Math.Atan2(sinhEtaPrime, cosXiPrime);

        var latitude = GeodeticFromConformal(Math.Atan(tauPrime)) / DegreesToRadians;
        return (latitude, zone.CentralMeridian + (lambda / DegreesToRadians));
    }

    /// <summary>Projected (X = easting incl. the zone's false easting, Y = northing) → EPSG:4490 (X = longitude, Y = latitude).</summary>
    public static MultiPolygon ToCgcs2000(MultiPolygon projected, GaussKrugerZone zone)
    {
        ArgumentNullException.ThrowIfNull(projected);
        ArgumentNullException.ThrowIfNull(zone);
        RequireSrid(projected, zone.Epsg);
        return Transform(projected, Cgcs2000.Factory, c =>
        {
            if (!(Math.Abs(c.X - zone.FalseEasting) <= MaxEastingOffset) || !double.IsFinite(c.Y))
            {
                throw new DomainException("geometry.outside_zone",
                    $"坐标（X={c.Y:0.###}, Y={c.X:0.###}）不在{zone}的范围内：请检查带号前缀和 X/Y 顺序（X 为北坐标，Y 为东坐标）。");
            }

            var (latitude, longitude) = ToGeographic(zone, c.Y, c.X);
            return new Coordinate(longitude, latitude);
        });
    }

    /// <summary>EPSG:4490 (X = longitude, Y = latitude) → the zone's plane (X = easting, Y = northing), SRID = the zone's EPSG code.</summary>
    public static MultiPolygon FromCgcs2000(MultiPolygon geographic, GaussKrugerZone zone)
    {
        ArgumentNullException.ThrowIfNull(geographic);
        ArgumentNullException.ThrowIfNull(zone);
        RequireSrid(geographic, Cgcs2000.Srid);
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), zone.Epsg);
        return Transform(geographic, factory, c =>
        {
            if (!(Math.Abs(c.X - zone.CentralMeridian) <= zone.ZoneWidth) || !(Math.Abs(c.Y) < 90))
            {
                throw new DomainException("geometry.outside_zone",
                    $"经纬度（{c.X:0.######}°, {c.Y:0.######}°）离{zone}的中央经线太远，不能投影到该带。");
            }

            var (northing, easting) = FromGeographic(zone, c.Y, c.X);
            return new Coordinate(easting, northing);
        });
    }

    /// <summary>τ′ = tan(conformal latitude) from τ = tan(geodetic latitude), Karney 2011 eq. 7–9.</summary>
    private static double ConformalTan(double tau)
    {
        var sigma = Math.Sinh(Eccentricity * Math.Atanh(Eccentricity * tau / Math.Sqrt(1 + (tau * tau))));
        return (tau * Math.Sqrt(1 + (sigma * sigma))) - (sigma * Math.Sqrt(1 + (tau * tau)));
    }

    /// <summary>
    /// Geodetic latitude φ from the conformal latitude χ (radians) by the series φ = χ + Σ δₖ sin 2kχ in the third
    /// flattening to order n⁶ (Karney 2011, appendix; the "Gaussian → geodetic" coefficients PROJ also uses). The
    /// truncation error is of order n⁷ ≈ 4·10⁻²⁰ rad, so it is as exact as the Newton iteration it replaces
    /// (eq. 19–21), at the cost of one sine and one cosine instead of 2–3 rounds of sinh/atanh/sqrt.
    /// </summary>
    private static double GeodeticFromConformal(double chi)
    {
        var sin2 = Math.Sin(2 * chi);
        var cos2 = Math.Cos(2 * chi);
        // Clenshaw for Σ δₖ sin(2kχ): b_k = δ_k + 2cos(2χ)·b_{k+1} − b_{k+2}; the sum is b_1·sin(2χ).
        double next = 0, afterNext = 0;
        for (var k = Delta.Length - 1; k >= 1; k--)
        {
            var current = Delta[k] + (2 * cos2 * next) - afterNext;
            afterNext = next;
            next = current;
        }

        return chi + (next * sin2);
    }

    /// <summary>
    /// (ξ, η) + sign · Σⱼ cⱼ sin(2j(ξ + iη)), the complex Krüger series (Karney 2011 eq. 11 and 15), by Clenshaw's
    /// recurrence over complex numbers: b_j = c_j + 2cos(2ζ)·b_{j+1} − b_{j+2}, sum = b_1·sin(2ζ).
    /// </summary>
    private static (double Xi, double Eta) AddKrugerSeries(double xi, double eta, double[] coefficients, int sign)
    {
        var sin2Xi = Math.Sin(2 * xi);
        var cos2Xi = Math.Cos(2 * xi);
        var sinh2Eta = Math.Sinh(2 * eta);
        var cosh2Eta = Math.Cosh(2 * eta);
        var sin2Zeta = new Complex(sin2Xi * cosh2Eta, cos2Xi * sinh2Eta);
        var twoCos2Zeta = 2 * new Complex(cos2Xi * cosh2Eta, -sin2Xi * sinh2Eta);
        Complex next = Complex.Zero, afterNext = Complex.Zero;
        for (var j = coefficients.Length - 1; j >= 1; j--)
        {
            var current = coefficients[j] + (twoCos2Zeta * next) - afterNext;
            afterNext = next;
            next = current;
        }

        var sum = next * sin2Zeta;
        return (xi + (sign * sum.Real), eta + (sign * sum.Imaginary));
    }

    private static double[] KrugerAlpha()
    {
        const double n2 = N * N, n3 = n2 * N, n4 = n3 * N, n5 = n4 * N, n6 = n5 * N;
        return
        [
            0,
            (N / 2) - (2 * n2 / 3) + (5 * n3 / 16) + (41 * n4 / 180) - (127 * n5 / 288) + (7891 * n6 / 37800),
            (13 * n2 / 48) - (3 * n3 / 5) + (557 * n4 / 1440) + (281 * n5 / 630) - (1983433 * n6 / 1935360),
            (61 * n3 / 240) - (103 * n4 / 140) + (15061 * n5 / 26880) + (167603 * n6 / 181440),
            (49561 * n4 / 161280) - (179 * n5 / 168) + (6601661 * n6 / 7257600),
            (34729 * n5 / 80640) - (3418889 * n6 / 1995840),
            212378941 * n6 / 319334400,
        ];
    }

    private static double[] KrugerBeta()
    {
        const double n2 = N * N, n3 = n2 * N, n4 = n3 * N, n5 = n4 * N, n6 = n5 * N;
        return
        [
            0,
            (N / 2) - (2 * n2 / 3) + (37 * n3 / 96) - (n4 / 360) - (81 * n5 / 512) + (96199 * n6 / 604800),
            (n2 / 48) + (n3 / 15) - (437 * n4 / 1440) + (46 * n5 / 105) - (1118711 * n6 / 3870720),
            (17 * n3 / 480) - (37 * n4 / 840) - (209 * n5 / 4480) + (5569 * n6 / 90720),
            (4397 * n4 / 161280) - (11 * n5 / 504) - (830251 * n6 / 7257600),
            (4583 * n5 / 161280) - (108847 * n6 / 3991680),
            20648693 * n6 / 638668800,
        ];
    }

    private static double[] ConformalToGeodetic()
    {
        const double n2 = N * N, n3 = n2 * N, n4 = n3 * N, n5 = n4 * N, n6 = n5 * N;
        return
        [
            0,
            (2 * N) - (2 * n2 / 3) - (2 * n3) + (116 * n4 / 45) + (26 * n5 / 45) - (2854 * n6 / 675),
            (7 * n2 / 3) - (8 * n3 / 5) - (227 * n4 / 45) + (2704 * n5 / 315) + (2323 * n6 / 945),
            (56 * n3 / 15) - (136 * n4 / 35) - (1262 * n5 / 105) + (73814 * n6 / 2835),
            (4279 * n4 / 630) - (332 * n5 / 35) - (399572 * n6 / 14175),
            (4174 * n5 / 315) - (144838 * n6 / 6237),
            601676 * n6 / 22275,
        ];
    }

    private static void RequireSrid(Geometry geometry, int expected)
    {
        // SRID 0 means "not stated": trust the caller's zone. A different stated SRID is a mix-up.
        if (geometry.SRID != 0 && geometry.SRID != expected)
        {
            throw new DomainException("geometry.srid.mismatch",
                $"图形的坐标系为 EPSG:{geometry.SRID}，而转换要求 EPSG:{expected}。");
        }
    }

    private static MultiPolygon Transform(MultiPolygon source, GeometryFactory target, Func<Coordinate, Coordinate> map)
    {
        LinearRing Ring(LinearRing ring) =>
            target.CreateLinearRing(ring.Coordinates.Select(map).ToArray());

        var polygons = new Polygon[source.NumGeometries];
        for (var i = 0; i < polygons.Length; i++)
        {
            var polygon = (Polygon)source.GetGeometryN(i);
            polygons[i] = target.CreatePolygon(Ring(polygon.Shell), polygon.Holes.Select(Ring).ToArray());
        }

        return target.CreateMultiPolygon(polygons);
    }
}
