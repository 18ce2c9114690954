using GuaGou.Domain.Common;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Spatial;

/// <summary>
/// Every stored geometry is in CGCS2000 geographic coordinates (EPSG:4490, longitude/latitude in degrees),
/// whatever projected system it arrived in; the source CRS is remembered separately where it matters.
/// </summary>
public static class Cgcs2000
{
    public const int Srid = 4490;

    public static GeometryFactory Factory { get; } =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), Srid);

    /// <summary>Refuses geometries in another SRID, empty ones and invalid ones, with NTS's reason in Chinese context.</summary>
    public static MultiPolygon EnsureValidArea(MultiPolygon geometry, string what)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.SRID != Srid)
        {
            throw new DomainException("geometry.srid.mismatch",
                $"{what}的坐标系为 EPSG:{geometry.SRID}，应为 CGCS2000 地理坐标（EPSG:{Srid}）。");
        }

        if (geometry.IsEmpty)
        {
            throw new DomainException("geometry.empty", $"{what}为空图形。");
        }

        var validity = new NetTopologySuite.Operation.Valid.IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            throw new DomainException("geometry.invalid",
                $"{what}不是有效的面：{error.Message}（位置 {error.Coordinate.X:0.######}, {error.Coordinate.Y:0.######}）。");
        }

        return geometry;
    }
}
