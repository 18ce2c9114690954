using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GuaGou.Web.Tests.Security.Who;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// The write half of the access matrix for the interactive project pages: an interactive page posts no form, it calls
/// a service through Operations. So every write those pages can make is asked of the service as each person who may
/// not make it; each must be refused for who asks (an access refusal or "not found", never some other rule) and leave the database as it was.
/// (Anonymous users never reach a service: the circuit needs a signed-in user, see AccessMatrixTests' GET half.)
/// </summary>
public sealed class ServiceMatrixProjectsTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    private static readonly Who[] SignedIn = [.. Enum.GetValues<Who>().Where(w => w != Anonymous)];

    [Fact]
    public async Task FileAProject_InThisCounty_IsRefusedForEveryoneButItsCountyClerk()
    {
        var countyId = await CountyIdAsync();
        await AssertRefusedAsync(SignedIn.Where(w => w != CountyClerk), (s, user) => s.GetRequiredService<ProjectAreaService>()
            .FileAsync(user, countyId, new ProjectAreaDetails("越权建立", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null)));
    }

    [Fact]
    public async Task EditAProjectsDetails_IsRefusedForEveryoneButItsCountyClerk()
    {
        var code = ProjectCode.Parse(world.PlanningProject);
        var version = await VersionAsync(code);
        await AssertRefusedAsync(SignedIn.Where(w => w != CountyClerk), (s, user) => s.GetRequiredService<ProjectAreaService>()
            .UpdateDetailsAsync(user, code, version, new ProjectAreaDetails("越权修改", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null)));
    }

    /// <summary>The step out of 实施 (申请自验) is the township official's or the county clerk's; nobody else's.</summary>
    [Fact]
    public async Task TakeTheNextStep_IsRefusedForEveryoneButTheRolesOfTheStep()
    {
        var code = ProjectCode.Parse(world.ImplementationProject);
        await AssertRefusedAsync(SignedIn.Where(w => w is not (TownshipClerk or CountyClerk)), async (s, user) =>
            await Form(await VersionAsync(code), Stage.SelfCheck).RecordAsync(s.GetRequiredService<ProjectAreaService>(), user, code, StageAction.Advance, null));
    }

    [Fact]
    public async Task GrantAnExtensionOrRecordTheFirstTrade_IsRefusedForEveryoneButTheCountyClerk()
    {
        var code = ProjectCode.Parse(world.ImplementationProject);
        foreach (var action in new[] { StageAction.Extension, StageAction.FirstTrade })
        {
            await AssertRefusedAsync(SignedIn.Where(w => w != CountyClerk), async (s, user) =>
                await Form(await VersionAsync(code), Stage.Implementation, document: "内自然资函〔2026〕5号")
                    .RecordAsync(s.GetRequiredService<ProjectAreaService>(), user, code, action, null));
        }
    }

    private static StageActionForm Form(uint version, Stage target, string? document = null, string? opinion = null) => new()
    {
        Version = version, Target = target, EffectiveOn = DateTime.UtcNow.AddHours(8).Date, DocumentNumber = document, Opinion = opinion,
    };

    private async Task<int> CountyIdAsync()
    {
        await using var db = TestDatabase.CreateContext(world.ConnectionString);
        return await db.Regions.Where(r => r.Code == Domain.Regions.RegionCode.Parse(AccessWorld.County)).Select(r => r.Id).SingleAsync();
    }

    private async Task<uint> VersionAsync(ProjectCode code)
    {
        await using var db = TestDatabase.CreateContext(world.ConnectionString);
        return await db.ProjectAreas.Where(p => p.Code == code).Select(p => EF.Property<uint>(p, "Version")).SingleAsync();
    }

    /// <summary>Each person's call must throw a refusal, and the database must be as it was before.</summary>
    private async Task AssertRefusedAsync(IEnumerable<Who> people, Func<IServiceProvider, CurrentUser, Task> write)
    {
        var failures = new List<string>();
        foreach (var who in people)
        {
            var before = await world.FingerprintAsync();
            await using (var scope = world.Services.CreateAsyncScope())
            {
                try
                {
                    await write(scope.ServiceProvider, world.Users[who]);
                    failures.Add($"{who}: the write was allowed");
                }
                catch (NotFoundException)
                {
                    // out of the person's scope: refused as "not found"
                }
                catch (DomainException e) when (e.IsAccessDenial)
                {
                    // the person's role may not make it
                }
                catch (DomainException e)
                {
                    failures.Add($"{who}: refused for another reason than access ({e.Code}: {e.Message})");
                }
            }

            if (await world.FingerprintAsync() != before)
            {
                failures.Add($"{who}: the refused write changed the database");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
