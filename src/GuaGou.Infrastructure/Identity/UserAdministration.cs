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

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException("user.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
