using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Identity;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, string RoleCode, string RegionCode, string RegionName,
    bool LockedOut, bool MustChangePassword, DateTimeOffset CreatedAt);

public sealed record RegionChoice(string Code, string Name, RegionLevel Level);

/// <summary>
/// The administrator's view of accounts: the users of their county (county staff and township officials), and the
/// changes an administrator may make — create, change role or region (which ends the user's sessions), lock and
/// unlock. Accounts above the county (city and province approvers) are kept with the CLI by whoever runs the server.
/// </summary>
public sealed class UserDirectory(GuaGouDbContext db, UserAdministration administration, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CurrentUser admin, CancellationToken ct = default)
    {
        EnsureAdmin(admin);
        var prefix = admin.ScopePrefix;
        var rows = await db.Users.AsNoTracking().Where(u => u.Region != null)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Region!.Code, RegionName = u.Region.Name, u.LockoutEnd, u.MustChangePassword, u.CreatedAt,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Where(r => r.Code.Value.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(r => r.Code.Value, StringComparer.Ordinal).ThenBy(r => r.UserName, StringComparer.Ordinal)
            .Select(r => new UserRow(r.Id, r.UserName!, r.DisplayName, r.Role ?? "", r.Code.Value, r.RegionName, r.LockoutEnd > now,
                r.MustChangePassword, r.CreatedAt))
            .ToList();
    }

    public async Task<UserRow> FindAsync(CurrentUser admin, Guid id, CancellationToken ct = default) =>
        (await ListAsync(admin, ct)).SingleOrDefault(u => u.Id == id) ?? throw new NotFoundException("用户不存在或不在您的管辖范围内。");

    /// <summary>The county and its townships: the places an administrator can give their users.</summary>
    public async Task<IReadOnlyList<RegionChoice>> RegionsAsync(CurrentUser admin, CancellationToken ct = default)
    {
        EnsureAdmin(admin);
        var all = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County || r.Level == RegionLevel.Township).ToListAsync(ct);
        return all.Where(r => r.Code.Value.StartsWith(admin.ScopePrefix, StringComparison.Ordinal))
            .OrderBy(r => r.Code.Value, StringComparer.Ordinal).Select(r => new RegionChoice(r.Code.Value, r.Name, r.Level)).ToList();
    }

    /// <summary>Roles an administrator may hand out: those held at county or township level.</summary>
    public static IReadOnlyList<RoleDefinition> AssignableRoles { get; } =
        Roles.All.Where(r => r.RegionLevel is RegionLevel.County or RegionLevel.Township).ToList();

    public async Task<Guid> CreateAsync(CurrentUser admin, string userName, string displayName, string password, string roleCode, string regionCode,
        CancellationToken ct = default)
    {
        await EnsureAssignableAsync(admin, roleCode, regionCode, ct);
        var user = await administration.AddAsync(new NewUser(userName, displayName, password, roleCode, regionCode, MustChangePassword: true), ct);
        return user.Id;
    }

    public async Task ChangeAccessAsync(CurrentUser admin, Guid id, string roleCode, string regionCode, CancellationToken ct = default)
    {
        await FindAsync(admin, id, ct);
        if (id == admin.Id)
        {
            throw new DomainException("user.self", "不能修改自己的角色或区域，请由另一位管理员办理。");
        }

        await EnsureAssignableAsync(admin, roleCode, regionCode, ct);
        await administration.ChangeAccessAsync(id, roleCode, regionCode, ct);
    }

    /// <summary>Locks (until unlocked) or unlocks an account; locking also ends its sessions.</summary>
    public async Task SetLockedAsync(CurrentUser admin, Guid id, bool locked, CancellationToken ct = default)
    {
        await FindAsync(admin, id, ct);
        if (id == admin.Id)
        {
            throw new DomainException("user.self", "不能锁定自己的账户。");
        }

        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户不存在。");
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        await users.UpdateSecurityStampAsync(user);
    }

    private async Task EnsureAssignableAsync(CurrentUser admin, string roleCode, string regionCode, CancellationToken ct)
    {
        EnsureAdmin(admin);
        if (AssignableRoles.All(r => r.Code != roleCode))
        {
            throw new DomainException("access.role", "管理员只能分配县级和乡镇级角色；市级、省级审批人的账户由上级管理。");
        }

        if ((await RegionsAsync(admin, ct)).All(r => r.Code != regionCode))
        {
            throw new DomainException("access.region", "只能把用户分配到本县或本县的乡镇。");
        }
    }

    private static void EnsureAdmin(CurrentUser user)
    {
        if (!user.Is(Roles.SystemAdmin))
        {
            throw new DomainException("access.admin", "只有系统管理员可以管理用户。");
        }
    }
}
