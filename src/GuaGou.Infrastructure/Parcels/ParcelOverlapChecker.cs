using System.Globalization;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Parcels;

public sealed record ParcelCandidate(int Line, string Code, MultiPolygon Geographic);

/// <summary>A new parcel overlapping a stored one; <see cref="OtherProjectId"/> decides whether the user may be told which.</summary>
public sealed record StoredOverlap(int Line, string Code, int OtherProjectId, string OtherProject, string OtherProjectName, string OtherParcel,
    string OtherZone, double SquareMetres);

/// <summary>
/// New parcels against stored ones, in PostGIS with the GiST index: parcels of other active projects (any zone, any
/// county — a parcel may belong to one project only), and of this project's other zone. The zone being replaced is
/// left out — its parcels are what the file replaces.
/// </summary>
public sealed class ParcelOverlapChecker(GuaGouDbContext db)
{
    /// <summary>Overlaps below this (m², on the ellipsoid) are shared edges drawn twice, not real overlaps.</summary>
    public const double NoiseSquareMetres = 0.01;

    /// <summary>Overlaps with stored parcels listed at most, as for overlaps within the file.</summary>
    public const int MaxFindings = ParcelSetValidator.MaxOverlapFindings;

    /// <summary>At most <paramref name="limit"/> overlaps, in line order; ask for one more than you list to know whether there are more.</summary>
    public async Task<IReadOnlyList<StoredOverlap>> FindAsync(int projectAreaId, Zone zone, IReadOnlyList<ParcelCandidate> candidates,
        int limit = MaxFindings + 1, CancellationToken ct = default)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        // The noise filter is in SQL so that LIMIT counts real overlaps only.
        var column = SpatialColumn.ParcelBoundary.GeometryColumn;
        var sql = $"""
            WITH {CandidateQuery.CandidateCte}
            SELECT * FROM (
                SELECT c.line, c.code, pa.id, pa.code AS project_code, pa.name, p.code AS parcel_code, p.zone,
                       ST_Area(ST_Intersection(p.{column}, c.geom)::geography) AS area
                FROM candidate c
                JOIN {GuaGouDbContext.Schema}.parcels p ON p.{column} && c.geom AND ST_Intersects(p.{column}, c.geom)
                JOIN {GuaGouDbContext.Schema}.project_areas pa ON pa.id = p.project_area_id
                WHERE pa.stage < @completed AND (pa.id <> @project OR p.zone <> @zone)) o
            WHERE o.area > @noise
            ORDER BY o.line, o.project_code, o.parcel_code
            LIMIT @limit
            """;
        return await CandidateQuery.RunAsync(db, sql, candidates, parameters =>
        {
            parameters.AddWithValue("completed", (int)Stage.Completed);
            parameters.AddWithValue("project", projectAreaId);
            parameters.AddWithValue("zone", zone.ToString());
            parameters.AddWithValue("noise", NoiseSquareMetres);
            parameters.AddWithValue("limit", limit);
        }, reader => new StoredOverlap(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetDouble(7)), ct);
    }

    /// <summary>
    /// The overlaps as the user may read them. An overlap with a parcel of a project the user may see
    /// (<see cref="Access.ProjectScope"/>) names the project, zone, parcel and area; one with a parcel out of their
    /// reach says only that there is one — once per new parcel — so that a preview is not a way to read other counties'
    /// (or, for a township official, other townships' projects') parcels. Both are errors: the commit refuses either.
    /// </summary>
    public static IReadOnlyList<ImportIssue> Describe(IReadOnlyList<StoredOverlap> found, IReadOnlySet<int> visibleProjects, Func<int, string> where)
    {
        var issues = new List<ImportIssue>();
        var foreignLines = new HashSet<int>();
        foreach (var o in found.Take(MaxFindings))
        {
            if (visibleProjects.Contains(o.OtherProjectId))
            {
                issues.Add(new ImportIssue(o.Line, string.Create(CultureInfo.InvariantCulture,
                    $"{where(o.Line)}：地块 {o.Code} 与项目区 {o.OtherProject}（{o.OtherProjectName}）{(Enum.TryParse<Zone>(o.OtherZone, out var z) ? ChineseNames.Of(z) : o.OtherZone)}的地块 {o.OtherParcel} 重叠 {o.SquareMetres:0.00} 平方米。")));
            }
            else if (foreignLines.Add(o.Line))
            {
                issues.Add(new ImportIssue(o.Line, $"{where(o.Line)}：地块 {o.Code} 与其他单位已登记的地块重叠，请与相关县级自然资源主管部门核实。"));
            }
        }

        if (found.Count > MaxFindings)
        {
            issues.Add(new ImportIssue(0, $"与已登记地块的重叠超过 {MaxFindings} 处，只列出前 {MaxFindings} 处。请修正后重新上传。"));
        }

        return issues;
    }
}
