using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Infrastructure.Regions;

public sealed record RegionRowView(int Id, string Code, string Name, RegionLevel Level, int? ParentId, bool IsDemoCode, int Children);

/// <summary>Administrators maintain the townships and villages of their county (and correct demo codes).</summary>
public sealed class RegionAdministration(GuaGouDbContext db)
{
    /// <summary>The administrator's county and everything under it, in code order.</summary>
    public async Task<IReadOnlyList<RegionRowView>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        EnsureAdmin(user);
        var all = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        var children = all.Where(r => r.ParentId is not null).GroupBy(r => r.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return all.Where(r => r.Level >= RegionLevel.County && user.CanSeeCounty(r.Code.Value[..6]))
            .Select(r => new RegionRowView(r.Id, r.Code.Value, r.Name, r.Level, r.ParentId, r.IsDemoCode, children.GetValueOrDefault(r.Id)))
            .ToList();
    }

    public async Task<int> AddAsync(CurrentUser user, int parentId, string code, string name, bool isDemoCode, CancellationToken ct = default)
    {
        EnsureAdmin(user);
        var parent = await InScopeAsync(user, parentId, ct);
        var region = new Region(RegionCode.Parse(code), name, parent, isDemoCode);
        db.Regions.Add(region);
        await SaveAsync(region.Code, ct);
        return region.Id;
    }

    public async Task UpdateAsync(CurrentUser user, int id, string code, string name, bool isDemoCode, CancellationToken ct = default)
    {
        EnsureAdmin(user);
        var region = await InScopeAsync(user, id, ct);
        if (region.Level <= RegionLevel.County)
        {
            throw new DomainException("region.county.fixed", "省、市、县级行政区划代码为国家标准代码，不能在此修改。");
        }

        // A corrected code is checked against the parent's prefix.
        await db.Entry(region).Reference(r => r.Parent).LoadAsync(ct);

        region.Rename(name);
        var newCode = RegionCode.Parse(code);
        if (newCode != region.Code || isDemoCode != region.IsDemoCode)
        {
            if (newCode != region.Code && await db.Regions.AnyAsync(r => r.ParentId == region.Id, ct))
            {
                throw new DomainException("region.code.has_children", $"“{region.Name}”下还有下级行政区，请先修改下级的代码，或联系技术人员批量更正。");
            }

            region.CorrectCode(newCode, isDemoCode);
        }

        await SaveAsync(region.Code, ct);
    }

    private async Task<Region> InScopeAsync(CurrentUser user, int id, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (region is null || region.Level < RegionLevel.County || !user.CanSeeCounty(region.Code.Value[..6]))
        {
            throw new NotFoundException("行政区不存在或不在您的管辖范围内。");
        }

        return region;
    }

    private async Task SaveAsync(RegionCode code, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainException("region.code.duplicate", $"行政区划代码“{code}”已存在。");
        }
    }

    private static void EnsureAdmin(CurrentUser user)
    {
        if (!user.Is(Roles.SystemAdmin))
        {
            throw new DomainException("access.admin", "只有系统管理员可以维护行政区。");
        }
    }
}
