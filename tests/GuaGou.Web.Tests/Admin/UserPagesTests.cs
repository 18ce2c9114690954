using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Admin;

/// <summary>Administrators create accounts and assign roles and regions; a change ends the user's open sessions.</summary>
public sealed class UserPagesTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task ChangingARolesRegion_EndsTheUsersSessions_AndTakesEffect()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var official = await ProjectPages.SignInAsync(app, Roles.TownshipClerk, "150421100");
        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync("/projects")).StatusCode);
        var id = await UserIdAsync(official.UserName);

        var list = await admin.Client.GetDocumentAsync("/admin/users");
        Assert.Contains(official.UserName, list.QuerySelector("[data-testid='users']")!.TextContent, StringComparison.Ordinal);
        var saved = await admin.Client.SubmitFormAsync($"/admin/users/{id}", "access", new Dictionary<string, string>
        {
            ["Input.RoleCode"] = Roles.TownshipClerk, ["Input.RegionCode"] = "150421101",
        });

        Assert.Equal("/admin/users", saved.RedirectTarget());
        var after = await official.Client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.RedirectTarget(), StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal("150421101", await db.Users.Where(u => u.Id == id).Select(u => u.Region!.Code.Value).SingleAsync());
    }

    [Fact]
    public async Task AnAdministrator_CannotHandOutACityRole_NorChangeThemselves_AndNothingChanges()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var clerkId = await UserIdAsync(clerk.UserName);
        var adminId = await UserIdAsync(admin.UserName);

        var toCity = await admin.Client.SubmitFormAsync($"/admin/users/{clerkId}", "access", new Dictionary<string, string>
        {
            ["Input.RoleCode"] = Roles.CityApprover, ["Input.RegionCode"] = "150421",
        });
        var self = await admin.Client.SubmitFormAsync($"/admin/users/{adminId}", "access", new Dictionary<string, string>
        {
            ["Input.RoleCode"] = Roles.CountyClerk, ["Input.RegionCode"] = "150421",
        });

        Assert.Equal(HttpStatusCode.Forbidden, toCity.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("不能修改自己的角色", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clerk.Client.GetAsync("/projects/new")).StatusCode);
    }

    [Fact]
    public async Task NewUser_MustChangeTheInitialPassword()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var userName = $"n{Guid.NewGuid():N}"[..12];

        var created = await admin.Client.SubmitFormAsync("/admin/users", "add-user", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "新乡镇经办", ["Input.RoleCode"] = Roles.TownshipClerk,
            ["Input.RegionCode"] = "150421100", ["Input.Password"] = "Tianshan-initial-2026",
        });

        Assert.StartsWith("/admin/users/", created.RedirectTarget(), StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        Assert.True(user.MustChangePassword);
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
