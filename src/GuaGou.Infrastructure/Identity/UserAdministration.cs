using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Identity;

public sealed record NewUser(string UserName, string DisplayName, string Password, string RoleCode, string RegionCode, bool MustChangePassword);

/// <summary>Creating accounts: the one path used by the CLI (<c>guagou users add</c>) and by demo seeding.</summary>
public sealed class UserAdministration(GuaGouDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<AppUser> AddAsync(NewUser request, CancellationToken cancellationToken = default)
    {
        var role = Roles.Find(request.RoleCode)
            ?? throw new DomainException("user.role.unknown",
                $"未知角色“{request.RoleCode}”。可用角色：{string.Join("、", Roles.All.Select(r => $"{r.Code}（{r.ChineseName}）"))}。");
        var code = RegionCode.Parse(request.RegionCode);
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, cancellationToken)
            ?? throw new DomainException("user.region.unknown", $"行政区划代码“{code}”不存在，请先维护行政区。");
        role.EnsureRegionFits(region);
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > AppUser.MaxDisplayNameLength)
        {
            throw new DomainException("user.display_name.invalid", $"姓名不能为空，且不超过 {AppUser.MaxDisplayNameLength} 个字符。");
        }

        var user = new AppUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = request.DisplayName.Trim(),
            RegionId = region.Id,
            MustChangePassword = request.MustChangePassword,
            LockoutEnabled = true,
            CreatedAt = clock.GetUtcNow(),
        };

        // User and role membership are one write: a user without their role must not be left behind.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ThrowIfFailed(await users.CreateAsync(user, request.Password));
        ThrowIfFailed(await users.AddToRoleAsync(user, role.Code));
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Gives a user another role and/or region (the role must fit the region's level). A new security stamp ends every
    /// session the user has open: their cookies stop working at the next request and they sign in with the new rights.
    /// </summary>
    public async Task ChangeAccessAsync(Guid userId, string roleCode, string regionCode, CancellationToken cancellationToken = default)
    {
        var role = Roles.Find(roleCode)
            ?? throw new DomainException("user.role.unknown",
                $"未知角色“{roleCode}”。可用角色：{string.Join("、", Roles.All.Select(r => $"{r.Code}（{r.ChineseName}）"))}。");
        var code = RegionCode.Parse(regionCode);
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, cancellationToken)
            ?? throw new DomainException("user.region.unknown", $"行政区划代码“{code}”不存在，请先维护行政区。");
        role.EnsureRegionFits(region);
        var user = await users.FindByIdAsync(userId.ToString())
            ?? throw new DomainException("user.unknown", "用户不存在。");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role.Code)
        {
            ThrowIfFailed(await users.RemoveFromRolesAsync(user, current));
            ThrowIfFailed(await users.AddToRoleAsync(user, role.Code));
        }

        user.RegionId = region.Id;
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user)); // also saves RegionId
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Another role at the user's current region.</summary>
    public async Task ChangeRoleAsync(Guid userId, string roleCode, CancellationToken cancellationToken = default) =>
        await ChangeAccessAsync(userId, roleCode, await RegionCodeOfAsync(userId, cancellationToken), cancellationToken);

    /// <summary>Another region for the user's current role.</summary>
    public async Task ChangeRegionAsync(Guid userId, string regionCode, CancellationToken cancellationToken = default)
    {
        var roleCode = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("user.role.none", "该用户尚未分配角色。");
        await ChangeAccessAsync(userId, roleCode, regionCode, cancellationToken);
    }

    private async Task<string> RegionCodeOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var codes = await db.Users.Where(u => u.Id == userId && u.Region != null).Select(u => u.Region!.Code).ToListAsync(cancellationToken);
        return codes.Count == 1 ? codes[0].Value : throw new DomainException("user.region.none", "用户不存在或尚未设置所属区域。");
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException("user.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
