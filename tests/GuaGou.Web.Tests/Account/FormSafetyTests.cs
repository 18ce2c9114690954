using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Account;

/// <summary>Forms accept only their own antiforgery token and only the fields they show.</summary>
public sealed class FormSafetyTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_Is400AndSignsNobodyIn()
    {
        var userName = await NewUserAsync();
        using var client = app.CreateBrowserlikeClient();
        await client.GetDocumentAsync("/account/login"); // the antiforgery cookie is set

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = GuaGouAppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-GuaGou.Auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task LoginPost_WithAnotherBrowsersToken_Is400()
    {
        var userName = await NewUserAsync();
        using var attacker = app.CreateBrowserlikeClient();
        var foreignToken = TokenOf(await attacker.GetDocumentAsync("/account/login"));
        using var victim = app.CreateBrowserlikeClient();
        await victim.GetDocumentAsync("/account/login");

        var response = await victim.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = foreignToken,
            ["Input.UserName"] = userName,
            ["Input.Password"] = GuaGouAppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WithATokenFromAnotherUsersSession_Is400AndChangesNothing()
    {
        var victimName = await NewUserAsync();
        var attackerName = await NewUserAsync();
        using var attacker = app.CreateBrowserlikeClient();
        await attacker.SignInAsync(attackerName, GuaGouAppFactory.Password);
        var foreignToken = TokenOf(await attacker.GetDocumentAsync("/account/change-password"));
        using var victim = app.CreateBrowserlikeClient();
        await victim.SignInAsync(victimName, GuaGouAppFactory.Password);
        await victim.GetDocumentAsync("/account/change-password");

        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = GuaGouAppFactory.Password,
            ["Input.NewPassword"] = "chosen by the attacker, not you",
            ["Input.ConfirmPassword"] = "chosen by the attacker, not you",
        };
        var missing = await victim.PostAsync("/account/change-password", new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = foreignToken;
        var foreign = await victim.PostAsync("/account/change-password", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        using var fresh = app.CreateBrowserlikeClient();
        Assert.Equal("/", (await fresh.SignInAsync(victimName, GuaGouAppFactory.Password)).RedirectTarget());
    }

    [Fact]
    public async Task NewProject_WithoutToken_Is400AndStoresNothing()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var countyId = await RegionIdAsync("150421");

        var response = await clerk.Client.PostAsync("/projects/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "project",
            ["Input.CountyId"] = countyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = "无令牌提交的项目区",
            ["Input.Year"] = "2026",
            ["Input.Kind"] = "InCounty",
            ["Input.PlanType"] = "ProjectArea",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ProjectAreas.AnyAsync(p => p.Name == "无令牌提交的项目区"));
    }

    /// <summary>The project form is interactive: a posted form — even with a valid token and made-up fields — is not accepted.</summary>
    [Fact]
    public async Task NewProjectAndEdit_PostedAsAFormWithTamperedFields_AreNotAccepted_AndChangeNothing()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("编辑篡改测试项目区");
        var fields = new Dictionary<string, string>
        {
            ["Input.CountyId"] = (await RegionIdAsync("360404")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = "篡改字段测试项目区", ["Input.Year"] = "2026", ["Input.Kind"] = "InCounty", ["Input.PlanType"] = "ProjectArea",
            ["Input.Stage"] = "Aftercare", ["Input.Code"] = "360404-2026-999", ["Input.CountyCode"] = "360404",
            ["Input.ApprovalDocument"] = "伪造〔2026〕1号", ["Input.ApprovedOn"] = "2026-01-01", ["Stage"] = "Aftercare",
        };

        var created = await clerk.Client.PostFormBlindAsync("/projects/new", "project", fields);
        var edited = await clerk.Client.PostFormBlindAsync($"/projects/{code}/edit", "project", fields);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ProjectAreas.AnyAsync(p => p.Name == "篡改字段测试项目区"));
        var project = await db.ProjectAreas.AsNoTracking().SingleAsync(p => p.Code == ProjectCode.Parse(code));
        Assert.Equal(("编辑篡改测试项目区", "150421", Stage.Survey), (project.Name, project.CountyCode, project.Stage));
        Assert.Null(project.ApprovalDocument);
    }

    /// <summary>What the form's save sends (ProjectFormPage through Operations): the server decides code, stage and county code.</summary>
    [Fact]
    public async Task NewProject_GetsOnlyWhatTheServerDecides()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");

        var code = await clerk.CreateProjectAsync("服务端决定测试项目区");

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var project = await db.ProjectAreas.AsNoTracking().SingleAsync(p => p.Name == "服务端决定测试项目区");
        Assert.Equal(code, project.Code.ToString());
        Assert.StartsWith("150421-2026-", code, StringComparison.Ordinal);
        Assert.Equal((Stage.Survey, "150421"), (project.Stage, project.CountyCode));
        Assert.Null(project.ApprovalDocument);
        Assert.Null(project.ApprovedOn);
        Assert.True(DateTimeOffset.UtcNow - project.CreatedAt < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task NewProject_ForACountyOutsideTheUsersRegion_IsRefusedAndStoresNothing()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var otherCounty = await RegionIdAsync("360404");

        var refused = await Assert.ThrowsAsync<DomainException>(() => clerk.RunAsync<ProjectAreaService, ProjectCode>((projects, user) =>
            projects.FileAsync(user, otherCounty, new ProjectAreaDetails("他县项目区", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null))));

        Assert.Equal("access.county", refused.Code);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ProjectAreas.AnyAsync(p => p.Name == "他县项目区"));
    }

    private async Task<int> RegionIdAsync(string code)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var regionCode = RegionCode.Parse(code);
        return await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync();
    }

    private async Task<string> NewUserAsync()
    {
        var userName = $"f{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(userName, Roles.CountyClerk, "150421");
        return userName;
    }

    private static string TokenOf(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("main form input[name='__RequestVerificationToken'], form[method='post'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
}
