using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Households;

public sealed record CountyStandardView(int CountyId, string CountyName, HomesteadStandard Standard, bool IsDefault, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>Administrators set their county's homestead standard (003 四(三)1 values are the default).</summary>
public sealed class HomesteadStandardAdministration(GuaGouDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CountyStandardView>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        EnsureAdmin(user);
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).ToListAsync(ct);
        var settings = await db.HomesteadStandards.AsNoTracking().ToDictionaryAsync(s => s.CountyId, ct);
        return counties.Where(c => user.CanSeeCounty(c.Code.Value))
            .Select(c => settings.TryGetValue(c.Id, out var s)
                ? new CountyStandardView(c.Id, c.Name, s.Standard, false, s.UpdatedByName, s.UpdatedAt)
                : new CountyStandardView(c.Id, c.Name, HomesteadStandard.Default, true, null, null))
            .ToList();
    }

    public async Task SetAsync(CurrentUser user, int countyId, HomesteadStandard standard, CancellationToken ct = default)
    {
        EnsureAdmin(user);
        var county = await db.Regions.SingleOrDefaultAsync(r => r.Id == countyId && r.Level == RegionLevel.County, ct);
        if (county is null || !user.CanSeeCounty(county.Code.Value))
        {
            throw new NotFoundException("县不存在或不在您的管辖范围内。");
        }

        var setting = await db.HomesteadStandards.SingleOrDefaultAsync(s => s.CountyId == countyId, ct);
        if (setting is null)
        {
            setting = new HomesteadStandardSetting(countyId);
            db.HomesteadStandards.Add(setting);
        }

        setting.Set(standard, user.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private static void EnsureAdmin(CurrentUser user)
    {
        if (!user.Is(Roles.SystemAdmin))
        {
            throw new DomainException("access.admin", "只有系统管理员可以设置宅基地标准。");
        }
    }
}
