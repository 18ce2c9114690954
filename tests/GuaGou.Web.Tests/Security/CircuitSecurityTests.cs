using System.Net;
using System.Security.Claims;
using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Account;
using GuaGou.Web.Hosting;
using GuaGou.Web.Tests.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// What HTTP middleware does per request must hold for a circuit's life: who may connect, who the user still is,
/// and who the audit trail names. The services are the app's own, over the real database.
/// </summary>
public sealed class CircuitSecurityTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("https://localhost", HttpStatusCode.OK)]
    public async Task OpeningACircuit_IsAllowedFromThisSitesPagesOnly(string? origin, HttpStatusCode expected)
    {
        var userName = await NewUserAsync();
        await app.CreateUserAsync(userName, Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            negotiate.Headers.Add("Origin", origin);
        }

        var response = await client.SendAsync(negotiate);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ACircuitsUser_IsCheckedAgain_AndEndsOnStampChangeLockAndIdleTime()
    {
        var user = await app.CreateUserAsync(await NewUserAsync(), Roles.CountyClerk, "150421");
        await using var scope = app.Services.CreateAsyncScope();
        var circuit = scope.ServiceProvider.GetRequiredService<CircuitSession>();
        circuit.Opened("circuit-test", "192.0.2.7");
        var validator = (RevalidatingSessionStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.True(await validator.IsStillValidAsync(await PrincipalAsync(user)));

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // nobody touched the circuit
        Assert.False(await validator.IsStillValidAsync(await PrincipalAsync(user)));
        circuit.Touch();
        Assert.True(await validator.IsStillValidAsync(await PrincipalAsync(user)));

        var stale = await PrincipalAsync(user);
        await WithUsersAsync(async users => await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id.ToString()))!));
        Assert.False(await validator.IsStillValidAsync(stale)); // signed out elsewhere, password or role changed

        await WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id.ToString()))!, DateTimeOffset.MaxValue));
        Assert.False(await validator.IsStillValidAsync(await PrincipalAsync(user)));
    }

    [Fact]
    public async Task ACircuitsUser_EndsEightHoursAfterSignIn()
    {
        var user = await app.CreateUserAsync(await NewUserAsync(), Roles.CountyClerk, "150421");
        await using var scope = app.Services.CreateAsyncScope();
        var circuit = scope.ServiceProvider.GetRequiredService<CircuitSession>();
        circuit.Opened("circuit-test", null);
        var validator = (RevalidatingSessionStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var principal = await PrincipalAsync(user, signedIn: app.Clock.GetUtcNow().AddHours(-8).AddMinutes(-1));

        Assert.False(await validator.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task AWriteThroughACircuit_IsAuditedAsTheSignedInUser_WithTheCircuitAndOperationId()
    {
        var user = await app.CreateUserAsync(await NewUserAsync(), Roles.CountyClerk, "150421");
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitSession>().Opened("circuit-audit-1", "192.0.2.8");
        var state = (RevalidatingSessionStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(await PrincipalAsync(user))));
        int countyId;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            countyId = await db.Regions.Where(r => r.Code == GuaGou.Domain.Regions.RegionCode.Parse("150421")).Select(r => r.Id).SingleAsync();
        }

        await scope.ServiceProvider.GetRequiredService<Operations>().RunAsync<ProjectAreaService, ProjectCode>((projects, current) =>
            projects.FileAsync(current, countyId, new ProjectAreaDetails("电路审计项目区", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null)));

        await using var check = TestDatabase.CreateContext(app.ConnectionString);
        var entry = await check.AuditLog.SingleAsync(e => e.EntityType == "ProjectArea" && e.Action == AuditActions.Create && e.UserId == user.Id);
        Assert.Equal(user.UserName, entry.UserName);
        Assert.Equal(Roles.CountyClerk, entry.RoleCode);
        Assert.Equal("192.0.2.8", entry.ClientIp);
        Assert.StartsWith("circuit-audit-1/", entry.RequestId, StringComparison.Ordinal);
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, DateTimeOffset? signedIn = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>()
            .CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SignInCookie.SignedInAtClaim,
            (signedIn ?? app.Clock.GetUtcNow()).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private async Task WithUsersAsync(Func<UserManager<AppUser>, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private static Task<string> NewUserAsync() => Task.FromResult($"c{Guid.NewGuid():N}"[..16]);
}
