using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using GuaGou.Web.Tests.Households;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Audit;

/// <summary>Reading the trail: /audit for the administrator and the leading-group office of the county, and each record's history.</summary>
public sealed class AuditPagesTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private const string OtherCounty = "360404";

    [Fact]
    public async Task AuditPage_IsForTheAdministratorAndTheLeadingGroupOffice_ScopedToTheirCounty()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var stranger = await ProjectPages.SignInAsync(app, Roles.CountyClerk, OtherCounty);
        await clerk.CreateProjectAsync("本县审计项目区");
        await stranger.CreateProjectAsync("外县审计项目区", county: "柴桑区");

        foreach (var role in new[] { Roles.SystemAdmin, Roles.LeadingGroupOffice })
        {
            var reader = await ProjectPages.SignInAsync(app, role, Places.County);
            var page = await reader.Client.GetDocumentAsync("/audit");
            var table = page.QuerySelector("[data-testid='audit-log']")!.TextContent;
            Assert.Contains("本县审计项目区", table, StringComparison.Ordinal);
            Assert.DoesNotContain("外县审计项目区", table, StringComparison.Ordinal);
            Assert.Contains(page.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/audit" && a.TextContent == "审计日志");
            // Searching for the other county's user finds nothing: their rows are out of this county's reach.
            var search = await reader.Client.GetDocumentAsync($"/audit?user={stranger.UserName}");
            Assert.Equal("共 0 条记录", search.QuerySelector("[data-testid='total']")!.TextContent.Trim());
        }

        foreach (var role in new[] { Roles.CountyClerk, Roles.CountyReviewer, Roles.TownshipClerk, Roles.CityApprover })
        {
            var other = await ProjectPages.SignInAsync(app, role, role == Roles.TownshipClerk ? Places.TownshipA : role == Roles.CityApprover ? Places.City : Places.County);
            var response = await other.Client.GetAsync("/audit");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
                $"/audit for {role} → {(int)response.StatusCode}");
            Assert.DoesNotContain("本县审计项目区", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var home = await other.Client.GetDocumentAsync("/");
            Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/audit");
        }
    }

    [Fact]
    public async Task AuditPage_FiltersByEntityUserActionAndDate_NewestFirst()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var code = await clerk.CreateProjectAsync("筛选审计项目区");
        await clerk.AdvanceAsync(code);
        int id;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            id = await db.ProjectAreas.Where(p => p.Code == Domain.ProjectAreas.ProjectCode.Parse(code)).Select(p => p.Id).SingleAsync();
        }

        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, Places.County);
        var today = ProjectPages.Today;

        var byRecord = await admin.Client.GetDocumentAsync($"/audit?type=ProjectArea&id={id}&user={clerk.UserName}&from={today}&to={today}");
        var actions = byRecord.QuerySelectorAll("[data-testid='audit-log'] tbody td[data-action]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Equal(["update", "stage_transition", "stage_transition", "create"], actions); // newest first
        var staged = await admin.Client.GetDocumentAsync($"/audit?type=ProjectArea&id={id}&action=stage_transition");
        Assert.Equal(2, staged.QuerySelectorAll("[data-testid='audit-log'] tbody td[data-action]").Length);
        var yesterday = await admin.Client.GetDocumentAsync($"/audit?type=ProjectArea&id={id}&to={DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1):yyyy-MM-dd}");
        Assert.Empty(yesterday.QuerySelectorAll("[data-testid='audit-log'] tbody td[data-action]"));
        Assert.Contains(clerk.UserName, byRecord.QuerySelector("[data-testid='audit-log']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectPage_ShowsTheProjectsOwnHistory()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var code = await clerk.CreateProjectAsync("历史审计项目区");
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Demolition", "CJ09", 1.0m)).RedirectTarget());
        var other = await clerk.CreateProjectAsync("另一个项目区");

        var page = await clerk.Client.GetDocumentAsync($"/projects/{code}");
        var history = page.QuerySelector("[data-testid='audit-history']")!;
        var entries = history.QuerySelectorAll("li[data-action]");
        Assert.Contains(entries, e => e.GetAttribute("data-action") == "create" && e.TextContent.Contains("项目区", StringComparison.Ordinal)
            && e.TextContent.Contains("历史审计项目区", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetAttribute("data-action") == "create" && e.TextContent.Contains("地块", StringComparison.Ordinal)
            && e.TextContent.Contains("CJ09", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.TextContent.Contains($"测试用户{clerk.UserName}", StringComparison.Ordinal));
        // Recorded fields are named in Chinese, the code name kept as the tooltip.
        Assert.Contains(history.QuerySelectorAll("[data-testid='audit-changes'] span[title='Code']"), s => s.TextContent == "编号");
        Assert.DoesNotContain("另一个项目区", history.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(code, other);
    }

    [Fact]
    public async Task ProjectHistory_NamesTheProjectByItsCode_AndTheStepByItsStages_InChinese()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var code = await clerk.CreateProjectAsync("中文名称审计项目区");
        await clerk.AdvanceAsync(code);

        var history = (await clerk.Client.GetDocumentAsync($"/projects/{code}")).QuerySelector("[data-testid='audit-history']")!;
        var subjects = history.QuerySelectorAll("[data-testid='audit-subject']").Select(s => s.TextContent.Trim()).ToList();
        Assert.Contains($"项目区 {code}", subjects);
        var step = $"{Domain.ProjectAreas.ChineseNames.Of(Domain.ProjectAreas.Stage.Survey)} → {Domain.ProjectAreas.ChineseNames.Of(Domain.ProjectAreas.Stage.Planning)}";
        Assert.Contains($"办理记录 {step}", subjects);
        Assert.DoesNotContain(subjects, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^(项目区|办理记录) \d+$"));
        var changes = history.QuerySelectorAll("[data-testid='audit-changes'] li").Select(li => li.TextContent).ToList();
        Assert.Contains(changes, c => c.Contains(step, StringComparison.Ordinal)); // 阶段：摸底调查 → 方案编制, not Survey → Planning
        Assert.DoesNotContain(changes, c => c.Contains("Survey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HouseholdHistory_MasksIdCardNumbers_ForRolesThatMayNotSeeThemInFull()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "身份证审计项目区", ("CJ01", Places.TownshipAName));
        var card = IdCards.Next();
        var household = await township.RegisterAsync(app, code, "CJ01", "身份证户主", idCard: card);
        var masked = card[..6] + "********" + card[14..];

        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, Places.County);
        var officeHistory = await HistoryTextAsync(office, household);
        Assert.Contains(masked, officeHistory, StringComparison.Ordinal);
        Assert.DoesNotContain(card, officeHistory, StringComparison.Ordinal);
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, Places.County);
        var search = await admin.Client.GetAsync($"/audit?type=Household&id={household}");
        var html = await search.Content.ReadAsStringAsync();
        Assert.Contains(masked, html, StringComparison.Ordinal);
        Assert.DoesNotContain(card, html, StringComparison.Ordinal);

        // The township official who may see the full number sees it in the history too.
        Assert.Contains(card, await HistoryTextAsync(township, household), StringComparison.Ordinal);
    }

    private static async Task<string> HistoryTextAsync(ProjectPages who, int household) =>
        (await who.Client.GetDocumentAsync($"/households/{household}")).QuerySelector("[data-testid='audit-history']")!.TextContent;
}
