using GuaGou.Domain.Access;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Seeding;

/// <summary>
/// Data every installation needs: the seven roles and the regions of the counties named in the policy
/// documents (seeds 000–004). Idempotent: adds what is missing, never changes what exists.
/// </summary>
public sealed class ReferenceDataSeeder(GuaGouDbContext db, RoleManager<AppRole> roles)
{
    /// <summary>Regions parent-first: official GB/T 2260 codes down to county level; below that, see RegionCatalog.</summary>
    private static IEnumerable<RegionRow> RegionRows => RegionCatalog.All;

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var role in Roles.All)
        {
            if (await roles.FindByNameAsync(role.Code) is null)
            {
                var result = await roles.CreateAsync(new AppRole(role.Code));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
                }

                added++;
            }
        }

        added += await AddMissingRegionsAsync(RegionRows, cancellationToken);
        return added;
    }

    /// <summary>Adds regions listed parent-first, skipping codes already present.</summary>
    internal async Task<int> AddMissingRegionsAsync(IEnumerable<RegionRow> rows, CancellationToken cancellationToken)
    {
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code.Value, cancellationToken);
        var added = 0;
        foreach (var (code, name, parentCode, isDemoCode) in rows)
        {
            if (existing.ContainsKey(code))
            {
                continue;
            }

            var parent = parentCode is null ? null : existing[parentCode];
            var region = new Region(RegionCode.Parse(code), name, parent, isDemoCode);
            db.Regions.Add(region);
            existing[code] = region;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
