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
    /// <summary>(code, name, parent code). Official GB/T 2260 codes down to county level.</summary>
    private static readonly (string Code, string Name, string? Parent)[] RegionRows =
    [
        ("150000", "内蒙古自治区", null),
        ("150400", "赤峰市", "150000"),
        ("150421", "阿鲁科尔沁旗", "150400"), // seed 000
        ("360000", "江西省", null),
        ("360400", "九江市", "360000"),
        ("360404", "柴桑区", "360400"), // seed 001
        ("530000", "云南省", null),
        ("532500", "红河哈尼族彝族自治州", "530000"),
        ("532529", "红河县", "532500"),
    ];

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
    internal async Task<int> AddMissingRegionsAsync(
        IEnumerable<(string Code, string Name, string? Parent)> rows, CancellationToken cancellationToken)
    {
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code.Value, cancellationToken);
        var added = 0;
        foreach (var (code, name, parentCode) in rows)
        {
            if (existing.ContainsKey(code))
            {
                continue;
            }

            var parent = parentCode is null ? null : existing[parentCode];
            var region = new Region(RegionCode.Parse(code), name, parent);
            db.Regions.Add(region);
            existing[code] = region;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
