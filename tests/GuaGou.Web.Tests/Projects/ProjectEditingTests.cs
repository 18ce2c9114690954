using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Projects;

public sealed class ProjectEditingTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private const string County = "150421";

    [Fact]
    public async Task Edit_WhenSomeoneElseSavedFirst_IsRefusedWithAChineseConflictAndLosesNothing()
    {
        var first = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var second = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var code = await first.CreateProjectAsync("并发编辑测试项目区");
        // Both open the edit form (it shows the project) and see the same version.
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync($"/projects/{code}/edit")).StatusCode);
        Assert.Contains("并发编辑测试项目区", (await second.Client.GetDocumentAsync($"/projects/{code}/edit")).Body!.InnerHtml, StringComparison.Ordinal);
        var seen = await first.VersionAsync(code);

        await EditAsync(first, code, seen, "第一人修改的名称");
        var conflict = await Assert.ThrowsAsync<DomainException>(() => EditAsync(second, code, seen, "第二人修改的名称"));

        Assert.Equal("concurrency.conflict", conflict.Code);
        Assert.Contains("已被他人修改", conflict.Message, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal("第一人修改的名称", (await db.ProjectAreas.SingleAsync(p => p.Code == ProjectCode.Parse(code))).Name);
    }

    private static Task EditAsync(ProjectPages who, string code, uint version, string name) =>
        who.RunAsync<ProjectAreaService>((projects, user) => projects.UpdateDetailsAsync(user, ProjectCode.Parse(code), version,
            new ProjectAreaDetails(name, 2026, ProjectKind.InCounty, PlanType.ProjectArea, null)));

    [Fact]
    public async Task DeleteParcel_AfterConfirmation_RemovesItAndRebalances()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var code = await clerk.CreateProjectAsync("删除地块测试项目区");
        await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1m);
        await clerk.AddParcelAsync(code, "Demolition", "CJ02", 2m);
        var detail = await clerk.Client.GetDocumentAsync($"/projects/{code}");
        var deleteUrl = detail.QuerySelectorAll("a.link-danger").Select(a => a.GetAttribute("href")!).First();

        var confirmation = await clerk.Client.GetDocumentAsync(deleteUrl);
        Assert.Contains("确定要从项目区", confirmation.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        var deleted = await clerk.Client.SubmitFormAsync(deleteUrl, "delete-parcel", new Dictionary<string, string>());

        Assert.Equal($"/projects/{code}", deleted.RedirectTarget());
        var after = await clerk.Client.GetDocumentAsync($"/projects/{code}");
        Assert.Single(after.QuerySelectorAll("[data-testid='parcels-demolition'] tbody tr"));
        Assert.Contains("30.00 亩", after.QuerySelector("[data-testid='reclaimed']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParcel_WithInvalidLandClassOrDuplicateCode_ShowsChineseReasonsAndStoresNothing()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var code = await clerk.CreateProjectAsync("地块校验测试项目区");
        await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1m);

        var badClass = await clerk.AddParcelAsync(code, "Demolition", "CJ02", 1m, landClass: "9999");
        var duplicate = await clerk.AddParcelAsync(code, "Demolition", "cj01", 1m);

        Assert.Contains("地类代码“9999”无效", (await Html.ParseAsync(badClass)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("地块编号“cj01”在本项目区中已存在", (await Html.ParseAsync(duplicate)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal(1, await db.Parcels.CountAsync(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code))));
    }

    [Fact]
    public async Task ProjectsOfAnotherCounty_AreInvisible_InListDetailApiAndExport()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var code = await clerk.CreateProjectAsync("阿旗专属项目区");
        var stranger = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "360404");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/projects/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/projects/{code}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/projects/{code}")).StatusCode);
        var list = await stranger.Client.GetDocumentAsync("/projects");
        Assert.DoesNotContain(code, list.Body!.TextContent, StringComparison.Ordinal);
        var edit = await stranger.Client.GetAsync($"/projects/{code}/stage/advance");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    [Fact]
    public async Task TownshipOfficial_SeesOnlyProjectsWithParcelsInTheirTownship()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var inTianshan = await clerk.CreateProjectAsync("天山镇地块项目区");
        await clerk.AddParcelAsync(inTianshan, "Demolition", "CJ01", 1m, township: "天山镇");
        var inXinmin = await clerk.CreateProjectAsync("新民乡地块项目区");
        await clerk.AddParcelAsync(inXinmin, "Demolition", "CJ01", 1m, township: "新民乡");
        var official = await ProjectPages.SignInAsync(app, Roles.TownshipClerk, "150421100");

        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync($"/projects/{inTianshan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await official.Client.GetAsync($"/projects/{inXinmin}")).StatusCode);
        var codes = (await official.Client.GetDocumentAsync("/projects?size=100")).QuerySelectorAll("tbody td:first-child a").Select(a => a.TextContent).ToList();
        Assert.Contains(inTianshan, codes);
        Assert.DoesNotContain(inXinmin, codes);
    }

    [Fact]
    public async Task List_FiltersSortsAndPagesFromTheQueryString_AndExportAndApiReturnTheSameRows()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add(await clerk.CreateProjectAsync($"筛选测试项目区{i}", kind: i == 0 ? "CrossProvince" : "InCounty"));
        }

        var cross = await clerk.Client.GetDocumentAsync("/projects?kind=CrossProvince&q=筛选测试");
        Assert.Equal([codes[0]], cross.QuerySelectorAll("tbody td:first-child a").Select(a => a.TextContent));

        var paged = await clerk.Client.GetDocumentAsync("/projects?q=筛选测试&sort=Name&desc=1&size=2&page=2");
        Assert.Equal(["筛选测试项目区0"], paged.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent));
        Assert.Equal("共 3 个项目区", paged.QuerySelector("[data-testid='total']")!.TextContent);

        var export = await clerk.Client.GetAsync("/projects/export.xlsx?q=筛选测试&sort=Name");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), false))
        {
            var part = workbook.WorkbookPart!;
            var strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
            Assert.Contains("项目区编号", strings);
            Assert.Equal(codes.Order(StringComparer.Ordinal), strings.Where(s => codes.Contains(s)).Order(StringComparer.Ordinal));
        }

        var api = JsonDocument.Parse(await clerk.Client.GetStringAsync("/api/projects?q=筛选测试&kind=InCounty"));
        Assert.Equal(2, api.RootElement.GetProperty("total").GetInt32());
        var detail = JsonDocument.Parse(await clerk.Client.GetStringAsync($"/api/projects/{codes[0]}"));
        Assert.Equal("跨省域调剂", detail.RootElement.GetProperty("kind").GetString() == "CrossProvince" ? "跨省域调剂" : "");
        Assert.Equal((int)Stage.Survey, detail.RootElement.GetProperty("stage").GetInt32());
    }

    [Fact]
    public async Task Api_WhenAnonymous_Is401AndTheOpenApiDocumentDescribesIt()
    {
        using var anonymous = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/projects")).StatusCode);

        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var openApi = JsonDocument.Parse(await clerk.Client.GetStringAsync("/openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/projects", out _) || paths.TryGetProperty("/api/projects/", out _));
        Assert.True(paths.TryGetProperty("/api/projects/{code}", out _));
    }
}
