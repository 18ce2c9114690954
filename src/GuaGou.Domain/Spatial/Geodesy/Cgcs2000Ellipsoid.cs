namespace GuaGou.Domain.Spatial.Geodesy;

/// <summary>The CGCS2000 ellipsoid (FORMATS.md §2): the same a and f as GRS 1980.</summary>
internal static class Cgcs2000Ellipsoid
{
    public const double SemiMajorAxis = 6378137.0;
    public const double InverseFlattening = 298.257222101;
    public const double Flattening = 1 / InverseFlattening;

    /// <summary>First eccentricity squared, e² = f(2 − f) ≈ 0.00669438002290.</summary>
    public const double EccentricitySquared = Flattening * (2 - Flattening);

    public const double SemiMinorAxis = SemiMajorAxis * (1 - Flattening);

    public static readonly double Eccentricity = Math.Sqrt(EccentricitySquared);

    public const double DegreesToRadians = Math.PI / 180;
}
