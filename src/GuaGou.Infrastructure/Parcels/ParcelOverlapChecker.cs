using System.Globalization;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

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
            WITH candidate AS (
                SELECT c.line, c.code, ST_GeomFromEWKB(c.ewkb) AS geom
                FROM unnest(@lines, @codes, @ewkbs) AS c(line, code, ewkb))
            SELECT c.line, c.code, pa.code, pa.name, p.code, p.zone,
                   ST_Area(ST_Intersection(p.{column}, c.geom)::geography)
            FROM candidate c
            JOIN {GuaGouDbContext.Schema}.parcels p ON p.{column} && c.geom AND ST_Intersects(p.{column}, c.geom)
            JOIN {GuaGouDbContext.Schema}.project_areas pa ON pa.id = p.project_area_id
            WHERE pa.stage < @completed AND (pa.id <> @project OR p.zone <> @zone)
            ORDER BY c.line, pa.code, p.code
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("lines", candidates.Select(c => c.Line).ToArray());
            command.Parameters.AddWithValue("codes", candidates.Select(c => c.Code).ToArray());
            command.Parameters.AddWithValue("ewkbs", candidates.Select(c => EwkbGeometry.Write(c.Geographic)).ToArray());
            command.Parameters.AddWithValue("completed", (int)Stage.Completed);
            command.Parameters.AddWithValue("project", projectAreaId);
            command.Parameters.AddWithValue("zone", zone.ToString());
            var overlaps = new List<StoredOverlap>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var area = reader.GetDouble(6);
                if (area > NoiseSquareMetres)
                {
                    overlaps.Add(new StoredOverlap(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), reader.GetString(5), area));
                }
            }

            return overlaps;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public static string Describe(StoredOverlap o, Func<int, string> where) => string.Create(CultureInfo.InvariantCulture,
        $"{where(o.Line)}：地块 {o.Code} 与项目区 {o.OtherProject}（{o.OtherProjectName}）{(Enum.TryParse<Zone>(o.OtherZone, out var z) ? ChineseNames.Of(z) : o.OtherZone)}的地块 {o.OtherParcel} 重叠 {o.SquareMetres:0.00} 平方米。");
}
