using System.Globalization;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Parcels;

public sealed record ParcelCandidate(int Line, string Code, MultiPolygon Geographic);

public sealed record StoredOverlap(int Line, string Code, string OtherProject, string OtherProjectName, string OtherParcel, string OtherZone, double SquareMetres);

/// <summary>
/// New parcels against stored ones, in PostGIS with the GiST index: parcels of other active projects (any zone), and
/// of this project's other zone. The zone being replaced is left out — its parcels are what the file replaces.
/// </summary>
public sealed class ParcelOverlapChecker(GuaGouDbContext db)
{
    /// <summary>Overlaps below this (m², on the ellipsoid) are shared edges drawn twice, not real overlaps.</summary>
    public const double NoiseSquareMetres = 0.01;

    public async Task<IReadOnlyList<StoredOverlap>> FindAsync(int projectAreaId, Zone zone, IReadOnlyList<ParcelCandidate> candidates, CancellationToken ct = default)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var column = SpatialColumn.ParcelBoundary.GeometryColumn;
        var sql = $"""
            WITH {CandidateQuery.CandidateCte}
            SELECT c.line, c.code, pa.code, pa.name, p.code, p.zone,
                   ST_Area(ST_Intersection(p.{column}, c.geom)::geography)
            FROM candidate c
            JOIN {GuaGouDbContext.Schema}.parcels p ON p.{column} && c.geom AND ST_Intersects(p.{column}, c.geom)
            JOIN {GuaGouDbContext.Schema}.project_areas pa ON pa.id = p.project_area_id
            WHERE pa.stage < @completed AND (pa.id <> @project OR p.zone <> @zone)
            ORDER BY c.line, pa.code, p.code
            """;
        return await CandidateQuery.RunAsync(db, sql, candidates, parameters =>
        {
            parameters.AddWithValue("completed", (int)Stage.Completed);
            parameters.AddWithValue("project", projectAreaId);
            parameters.AddWithValue("zone", zone.ToString());
        }, reader => reader.GetDouble(6) is var area && area > NoiseSquareMetres
            ? new StoredOverlap(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), area)
            : null, ct);
    }

    public static string Describe(StoredOverlap o, Func<int, string> where) => string.Create(CultureInfo.InvariantCulture,
        $"{where(o.Line)}：地块 {o.Code} 与项目区 {o.OtherProject}（{o.OtherProjectName}）{(Enum.TryParse<Zone>(o.OtherZone, out var z) ? ChineseNames.Of(z) : o.OtherZone)}的地块 {o.OtherParcel} 重叠 {o.SquareMetres:0.00} 平方米。");
}
