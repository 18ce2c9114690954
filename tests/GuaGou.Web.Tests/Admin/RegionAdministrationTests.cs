using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Domain.Regions;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Admin;

public sealed class RegionAdministrationTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task Admin_AddsAVillageAndCorrectsATownshipsDemoCode()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var page = await admin.Client.GetDocumentAsync("/admin/regions");
        Assert.Contains("演示代码", page.QuerySelector("[data-testid='regions']")!.TextContent, StringComparison.Ordinal);
        var shuangsheng = page.QuerySelectorAll("#parent option").First(o => o.TextContent.StartsWith("双胜镇", StringComparison.Ordinal)).GetAttribute("value")!;

        var added = await admin.Client.SubmitFormAsync("/admin/regions", "add-region", new Dictionary<string, string>
        {
            ["Input.ParentId"] = shuangsheng, ["Input.Code"] = "150421107202", ["Input.Name"] = "新增测试村", ["Input.IsDemoCode"] = "true",
        });
        Assert.Equal("/admin/regions", added.RedirectTarget());

        var wrongPrefix = await admin.Client.SubmitFormAsync("/admin/regions", "add-region", new Dictionary<string, string>
        {
            ["Input.ParentId"] = shuangsheng, ["Input.Code"] = "150421106299", ["Input.Name"] = "错挂的村",
        });
        Assert.Contains("不属于上级", (await Html.ParseAsync(wrongPrefix)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var village = await db.Regions.SingleAsync(r => r.Code == RegionCode.Parse("150421107202"));
        Assert.Equal(RegionLevel.Village, village.Level);
        Assert.True(village.IsDemoCode);
        Assert.False(await db.Regions.AnyAsync(r => r.Name == "错挂的村"));

        var edited = await admin.Client.SubmitFormAsync($"/admin/regions/{village.Id}/edit", "edit-region", new Dictionary<string, string>
        {
            ["Input.Code"] = "150421107203", ["Input.Name"] = "更名测试村", ["Input.IsDemoCode"] = "false",
        });
        Assert.Equal("/admin/regions", edited.RedirectTarget());
        await using var after = TestDatabase.CreateContext(app.ConnectionString);
        var corrected = await after.Regions.SingleAsync(r => r.Id == village.Id);
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
    public async Task Admin_CannotEditRegionsOfAnotherCounty()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var elsewhere = (await db.Regions.Where(r => r.Level == RegionLevel.Township).ToListAsync()).First(r => r.Code.Value.StartsWith("360404", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"/admin/regions/{elsewhere.Id}/edit")).StatusCode);
    }
}
