using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Regions;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Admin;

/// <summary>
/// The regions pages are interactive: their GET shows the county's regions, and the changes they make are asserted
/// through <see cref="RegionAdministration"/>, the service the pages call.
/// </summary>
public sealed class RegionAdministrationTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task Admin_AddsAVillageAndCorrectsATownshipsDemoCode()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var adminUser = await ProjectPages.CurrentUserAsync(app, admin);
        var page = await admin.Client.GetDocumentAsync("/admin/regions");
        Assert.Contains("演示代码", page.QuerySelector("[data-testid='regions']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("双胜镇", page.QuerySelector("[data-testid='regions']")!.TextContent, StringComparison.Ordinal);
        int shuangsheng;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            shuangsheng = (await db.Regions.Where(r => r.Level == RegionLevel.Township).ToListAsync())
                .Single(r => r.Name == "双胜镇" && r.Code.Value.StartsWith("150421", StringComparison.Ordinal)).Id;
        }

        var villageId = await RunAsync(r => r.AddAsync(adminUser, shuangsheng, "150421107202", "新增测试村", isDemoCode: true));

        var wrongPrefix = await Assert.ThrowsAsync<DomainException>(() => RunAsync(r => r.AddAsync(adminUser, shuangsheng, "150421106299", "错挂的村", false)));
        Assert.Contains("不属于上级", wrongPrefix.Message, StringComparison.Ordinal);

        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            var village = await db.Regions.SingleAsync(r => r.Code == RegionCode.Parse("150421107202"));
            Assert.Equal(villageId, village.Id);
            Assert.Equal(RegionLevel.Village, village.Level);
            Assert.True(village.IsDemoCode);
            Assert.False(await db.Regions.AnyAsync(r => r.Name == "错挂的村"));
        }

        var edit = await admin.Client.GetDocumentAsync($"/admin/regions/{villageId}/edit");
        Assert.Contains("编辑行政区：新增测试村", edit.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        await RunAsync(r => r.UpdateAsync(adminUser, villageId, "150421107203", "更名测试村", isDemoCode: false));
        await using var after = TestDatabase.CreateContext(app.ConnectionString);
        var corrected = await after.Regions.SingleAsync(r => r.Id == villageId);
        Assert.Equal(("150421107203", "更名测试村", false), (corrected.Code.Value, corrected.Name, corrected.IsDemoCode));
    }

    [Fact]
    public async Task RegionsPage_ForNonAdmin_IsForbidden()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");

        var response = await clerk.Client.GetAsync("/admin/regions");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_CannotEditRegionsOfAnotherCounty_AndNothingChanges()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var adminUser = await ProjectPages.CurrentUserAsync(app, admin);
        Region elsewhere;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            elsewhere = (await db.Regions.Where(r => r.Level == RegionLevel.Township).ToListAsync()).First(r => r.Code.Value.StartsWith("360404", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"/admin/regions/{elsewhere.Id}/edit")).StatusCode);
        await Assert.ThrowsAsync<Infrastructure.Access.NotFoundException>(() => RunAsync(r => r.UpdateAsync(adminUser, elsewhere.Id, elsewhere.Code.Value, "越权更名", false)));
        await Assert.ThrowsAsync<Infrastructure.Access.NotFoundException>(() => RunAsync(r => r.AddAsync(adminUser, elsewhere.Id, elsewhere.Code.Value + "201", "越权新增村", false)));

        await using var after = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal(elsewhere.Name, await after.Regions.Where(r => r.Id == elsewhere.Id).Select(r => r.Name).SingleAsync());
        Assert.False(await after.Regions.AnyAsync(r => r.Name == "越权新增村"));
    }

    private async Task<T> RunAsync<T>(Func<RegionAdministration, Task<T>> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<RegionAdministration>());
    }

    private async Task RunAsync(Func<RegionAdministration, Task> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<RegionAdministration>());
    }
}
