using System.Text.Json;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>A replaced version of a zone's parcels compared with what the zone holds now.</summary>
public sealed record ZoneVersionRow(
    long Id, Zone Zone, DateTimeOffset ReplacedAt, string ReplacedByName, int ParcelCount, decimal TotalSquareMetres,
    IReadOnlyList<string> OnlyThen, IReadOnlyList<string> OnlyNow, IReadOnlyList<(string Code, decimal Then, decimal Now)> AreaChanged);

public sealed class ParcelVersions(GuaGouDbContext db)
{
    public async Task<IReadOnlyList<ZoneVersionRow>?> ListAsync(CurrentUser user, ProjectCode code, CancellationToken ct = default)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().Include(p => p.Parcels).SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            return null;
        }

        var versions = await db.ParcelZoneVersions.AsNoTracking().Where(v => v.ProjectAreaId == project.Id)
            .OrderByDescending(v => v.ReplacedAt).ToListAsync(ct);
        return versions.Select(v =>
        {
            var then = AreasOf(v.Snapshot);
            var now = project.Parcels.Where(p => p.Zone == v.Zone).ToDictionary(p => p.Code, p => p.EffectiveArea.SquareMetres, StringComparer.OrdinalIgnoreCase);
            var changed = then.Where(t => now.TryGetValue(t.Key, out var n) && Math.Abs(n - t.Value) >= 0.01m)
                .Select(t => (t.Key, t.Value, now[t.Key])).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            return new ZoneVersionRow(v.Id, v.Zone, v.ReplacedAt, v.ReplacedByName, v.ParcelCount, v.TotalSquareMetres,
                then.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
                now.Keys.Where(k => !then.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(), changed);
        }).ToList();
    }

    /// <summary>Code → effective area (m²) of each parcel in a snapshot (ellipsoidal when it had a boundary, else declared).</summary>
    private static Dictionary<string, decimal> AreasOf(string snapshot)
    {
        using var document = JsonDocument.Parse(snapshot);
        var areas = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var ellipsoid = properties.GetProperty("ellipsoidAreaM2");
            areas[properties.GetProperty("code").GetString()!] = ellipsoid.ValueKind == JsonValueKind.Number
                ? ellipsoid.GetDecimal()
                : properties.GetProperty("declaredAreaM2").GetDecimal();
        }

        return areas;
    }
}
