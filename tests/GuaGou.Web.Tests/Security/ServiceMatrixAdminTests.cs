using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Regions;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GuaGou.Web.Tests.Security.Who;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// The writes of the interactive administration pages (/admin/users, /admin/users/{id}, /admin/regions,
/// /admin/regions/{id}/edit, /admin/homestead-standards), made through the services the pages call, by everyone of
/// <see cref="Who"/> who may not make them — and by the administrator of another county on this county's records:
/// each is refused and the database is exactly as it was. (<see cref="Anonymous"/> never reaches a service: the pages'
/// [Authorize] sends them to sign in, which the GET half of <see cref="AccessMatrixTests"/> checks.)
/// </summary>
public sealed class ServiceMatrixAdminTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    /// <summary>Every write of the administration pages, as a tampering user would ask for it.</summary>
    private static IEnumerable<(string Name, Func<IServiceProvider, CurrentUser, Targets, Task> Write)> Writes()
    {
        yield return ("create user", (s, u, _) => s.GetRequiredService<UserDirectory>().CreateAsync(u, $"x{Guid.NewGuid():N}"[..12], "越权新建",
            "Tianshan-initial-2026", Domain.Access.Roles.TownshipClerk, AccessWorld.TownshipA));
        yield return ("change role", (s, u, t) => s.GetRequiredService<UserDirectory>().ChangeAccessAsync(u, t.ClerkId, Domain.Access.Roles.CountyReviewer, AccessWorld.County));
        yield return ("change role and region", (s, u, t) => s.GetRequiredService<UserDirectory>().ChangeAccessAsync(u, t.ClerkId, Domain.Access.Roles.TownshipClerk, AccessWorld.TownshipA));
        yield return ("lock user", (s, u, t) => s.GetRequiredService<UserDirectory>().SetLockedAsync(u, t.ClerkId, true));
        yield return ("unlock user", (s, u, t) => s.GetRequiredService<UserDirectory>().SetLockedAsync(u, t.LockedId, false));
        yield return ("add region", (s, u, t) => s.GetRequiredService<RegionAdministration>().AddAsync(u, t.TownshipAId, AccessWorld.TownshipA + "298", "越权村", true));
        yield return ("edit region", (s, u, t) => s.GetRequiredService<RegionAdministration>().UpdateAsync(u, t.TownshipAId, AccessWorld.TownshipA, "越权更名", true));
        yield return ("set homestead standard", (s, u, t) => s.GetRequiredService<HomesteadStandardAdministration>().SetAsync(u, t.CountyId,
            new HomesteadStandard(21m, 101m, 31m, 151m, 181m)));
    }

    private sealed record Targets(Guid ClerkId, Guid LockedId, int TownshipAId, int CountyId);

    [Fact]
    public async Task EveryAdministrationWrite_ByEveryoneWhoMayNot_IsRefused_AndChangesNothing()
    {
        var targets = await TargetsAsync();
        var people = new List<(string Who, CurrentUser User, bool OutOfScope)>();
        foreach (var who in Enum.GetValues<Who>().Where(w => w is not Anonymous and not SystemAdmin))
        {
            people.Add((who.ToString(), await ProjectPages.CurrentUserAsync(world, world.People[who]), false));
        }

        var foreignAdmin = await ProjectPages.SignInAsync(world, Domain.Access.Roles.SystemAdmin, "360404");
        people.Add(("SystemAdmin of 360404", await ProjectPages.CurrentUserAsync(world, foreignAdmin), true));

        var failures = new List<string>();
        foreach (var (who, user, outOfScope) in people)
        {
            foreach (var (name, write) in Writes())
            {
                // The other county's administrator is refused as out of reach (this county's users and regions are not theirs).
                var before = await world.FingerprintAsync();
                Exception? refusal = null;
                try
                {
                    await using var scope = world.Services.CreateAsyncScope();
                    await write(scope.ServiceProvider, user, targets);
                }
                catch (Exception e)
                {
                    refusal = e;
                }

                var after = await world.FingerprintAsync();
                var refusedAsExpected = outOfScope
                    ? refusal is NotFoundException or DomainException { IsAccessDenial: true }
                    : refusal is DomainException { IsAccessDenial: true };
                if (!refusedAsExpected)
                {
                    failures.Add($"{name} as {who}: {(refusal is null ? "allowed" : refusal.GetType().Name + " " + refusal.Message)}");
                }

                if (before != after)
                {
                    failures.Add($"{name} as {who} changed the database");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheAdministrator_MayMakeTheseWrites_SoTheRefusalsAboveAreAboutWho()
    {
        // The same writes by this county's administrator succeed (on fresh targets, so the shared world keeps its records).
        var admin = await ProjectPages.CurrentUserAsync(world, world.People[SystemAdmin]);
        var target = await ProjectPages.SignInAsync(world, Domain.Access.Roles.CountyClerk, AccessWorld.County);
        var locked = await ProjectPages.SignInAsync(world, Domain.Access.Roles.CountyClerk, AccessWorld.County);
        var targets = await TargetsAsync();
        targets = targets with
        {
            ClerkId = (await ProjectPages.CurrentUserAsync(world, target)).Id,
            LockedId = (await ProjectPages.CurrentUserAsync(world, locked)).Id,
        };
        await using (var scope = world.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserDirectory>().SetLockedAsync(admin, targets.LockedId, true);
        }

        foreach (var (name, write) in Writes().Where(w => w.Name is not "edit region" and not "add region" and not "set homestead standard"))
        {
            await using var scope = world.Services.CreateAsyncScope();
            await write(scope.ServiceProvider, admin, targets);
        }

        await using var db = TestDatabase.CreateContext(world.ConnectionString);
        Assert.Equal(AccessWorld.TownshipA, await db.Users.Where(u => u.Id == targets.ClerkId).Select(u => u.Region!.Code.Value).SingleAsync());
        Assert.Null(await db.Users.Where(u => u.Id == targets.LockedId).Select(u => u.LockoutEnd).SingleAsync());
    }

    private async Task<Targets> TargetsAsync()
    {
        await using var db = TestDatabase.CreateContext(world.ConnectionString);
        var countyId = await db.Regions.Where(r => r.Code == RegionCode.Parse(AccessWorld.County)).Select(r => r.Id).SingleAsync();
        // A locked account of the county, for the refused unlock.
        var lockedId = await db.Users.Where(u => u.LockoutEnd != null && u.Region!.Code == RegionCode.Parse(AccessWorld.County))
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        return new Targets(world.ClerkUserId, lockedId ?? world.ClerkUserId, world.TownshipARegionId, countyId);
    }
}
