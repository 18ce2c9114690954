using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Seeding;

public sealed record DemoAccount(string UserName, string DisplayName, string RoleCode, string RegionCode);

/// <summary>
/// Demo content for a developer's or trainer's machine: one account per role. Runs only on a database that has
/// no users yet, so it can never add known passwords to a real installation that is already in use.
/// </summary>
public sealed class DemoDataSeeder(GuaGouDbContext db, ReferenceDataSeeder referenceData, UserAdministration users, TimeProvider clock,
    DocumentService documents)
{
    /// <summary>The one demo password, documented in the README as demo-only.</summary>
    public const string DemoPassword = "GuaGou-Demo-2026";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "系统管理员（演示）", Roles.SystemAdmin, "150421"),
        new("county-clerk", "王经办（演示）", Roles.CountyClerk, "150421"),
        new("county-reviewer", "李审核（演示）", Roles.CountyReviewer, "150421"),
        new("township-clerk", "张乡镇（演示）", Roles.TownshipClerk, "150421100"), // 天山镇
        new("leading-office", "赵督查（演示）", Roles.LeadingGroupOffice, "150421"),
        new("city-approver", "钱市审（演示）", Roles.CityApprover, "150400"),
        new("province-approver", "孙省审（演示）", Roles.ProvinceApprover, "150000"),
    ];

    /// <summary>Returns false (and changes nothing) when the database already has users.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await referenceData.SeedAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var actors = new Dictionary<string, Actor>();
        foreach (var account in Accounts)
        {
            // The seeded administrator must choose a real password on first sign-in.
            var user = await users.AddAsync(new NewUser(account.UserName, account.DisplayName, DemoPassword, account.RoleCode,
                account.RegionCode, MustChangePassword: account.RoleCode == Roles.SystemAdmin), cancellationToken);
            actors[account.RoleCode] = new Actor(user.Id, user.DisplayName, account.RoleCode);
        }

        if (!await db.ProjectAreas.AnyAsync(cancellationToken))
        {
            await new DemoProjects(db, actors, clock.GetUtcNow(), documents).SeedAsync(cancellationToken);
        }

        return true;
    }
}
