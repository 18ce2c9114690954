using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Admin;

/// <summary>
/// Administrators create accounts and assign roles and regions; a change ends the user's open sessions. The pages are
/// interactive: their GET shows the accounts, the changes are asserted through <see cref="UserDirectory"/>, the
/// service the pages call.
/// </summary>
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
        var edit = await admin.Client.GetDocumentAsync($"/admin/users/{id}");
        Assert.Contains("乡镇经办人", edit.QuerySelector("[data-testid='summary']")!.TextContent, StringComparison.Ordinal);
        var adminUser = await CurrentAsync(admin);
        await DoAsync(d => d.ChangeAccessAsync(adminUser, id, Roles.TownshipClerk, "150421101"));

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
        var adminUser = await CurrentAsync(admin);
        var clerkId = await UserIdAsync(clerk.UserName);

        var toCity = await Assert.ThrowsAsync<DomainException>(() => DoAsync(d => d.ChangeAccessAsync(adminUser, clerkId, Roles.CityApprover, "150421")));
        var self = await Assert.ThrowsAsync<DomainException>(() => DoAsync(d => d.ChangeAccessAsync(adminUser, adminUser.Id, Roles.CountyClerk, "150421")));
        var lockSelf = await Assert.ThrowsAsync<DomainException>(() => DoAsync(d => d.SetLockedAsync(adminUser, adminUser.Id, true)));

        Assert.True(toCity.IsAccessDenial);
        Assert.False(self.IsAccessDenial);
        Assert.Contains("不能修改自己的角色", self.Message, StringComparison.Ordinal);
        Assert.Contains("不能锁定自己的账户", lockSelf.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clerk.Client.GetAsync("/projects/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(Roles.CountyClerk, (await CurrentAsync(clerk)).RoleCode);
    }

    [Fact]
    public async Task LockingAUser_EndsTheirSessions_AndUnlockingLetsThemSignInAgain()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var adminUser = await CurrentAsync(admin);
        var clerkId = await UserIdAsync(clerk.UserName);

        await DoAsync(d => d.SetLockedAsync(adminUser, clerkId, true));

        Assert.StartsWith("/account/login", (await clerk.Client.GetAsync("/projects")).RedirectTarget(), StringComparison.Ordinal);
        var list = await admin.Client.GetDocumentAsync("/admin/users");
        var row = list.QuerySelectorAll("[data-testid='users'] tbody tr").Single(r => r.TextContent.Contains(clerk.UserName, StringComparison.Ordinal));
        Assert.Contains("已锁定", row.TextContent, StringComparison.Ordinal);

        await DoAsync(d => d.SetLockedAsync(adminUser, clerkId, false));
        var again = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync(clerk.UserName, GuaGouAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/projects/new")).StatusCode);
    }

    [Fact]
    public async Task NewUser_MustChangeTheInitialPassword()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");
        var userName = $"n{Guid.NewGuid():N}"[..12];

        var adminUser = await CurrentAsync(admin);
        var id = await RunAsync(d => d.CreateAsync(adminUser, userName, "新乡镇经办", "Tianshan-initial-2026", Roles.TownshipClerk, "150421100"));

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        Assert.Equal(id, user.Id);
        Assert.True(user.MustChangePassword);
        var page = await admin.Client.GetDocumentAsync($"/admin/users/{id}");
        Assert.Contains("新乡镇经办", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPage_OfAnUnknownUser_IsNotFound()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");

        var response = await admin.Client.GetAsync($"/admin/users/{Guid.NewGuid()}");

        // The status is what a plain GET can check (the body of a 404 is empty for static pages as well).
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("用户与角色", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<CurrentUser> CurrentAsync(ProjectPages who) => ProjectPages.CurrentUserAsync(app, who);

    /// <summary>One call of the service in its own scope, as the page's operation makes it.</summary>
    private async Task<T> RunAsync<T>(Func<UserDirectory, Task<T>> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<UserDirectory>());
    }

    private async Task DoAsync(Func<UserDirectory, Task> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<UserDirectory>());
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
