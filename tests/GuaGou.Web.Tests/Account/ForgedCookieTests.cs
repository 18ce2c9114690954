using System.Globalization;
using System.Net;
using System.Security.Claims;
using GuaGou.Domain.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Testing;
using GuaGou.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Tests.Account;

/// <summary>
/// Cookies minted with the host's own key, as someone who had stolen the data-protection key could: the session
/// believes the database, not the cookie. Each refusal is paired with the control that a genuine ticket minted the
/// same way is accepted, so a refusal cannot come from a broken mint.
/// </summary>
public sealed class ForgedCookieTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task GenuineTicket_MintedWithTheHostsKey_IsAccepted()
    {
        var user = await NewUserAsync();

        var cookie = await MintAsync(user, DateTimeOffset.UtcNow);

        var home = await Sessions.GetWithCookieAsync(app, "/", cookie);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(user.DisplayName, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicketIssuedInTheFuture_WithASystemAdminClaim_IsRefused()
    {
        var user = await NewUserAsync();

        var cookie = await MintAsync(user, DateTimeOffset.UtcNow.AddHours(1), tamper: identity => SetRole(identity, Roles.SystemAdmin));

        Assert.StartsWith("/account/login", (await Sessions.GetWithCookieAsync(app, "/admin/users", cookie)).RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.GetWithCookieAsync(app, "/api/projects", cookie)).StatusCode);
        Assert.StartsWith("/account/login", (await Sessions.GetWithCookieAsync(app, "/audit", cookie)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAndRegionClaims_TheAccountDoesNotHold_AreReplacedByWhatTheDatabaseSays()
    {
        var user = await NewUserAsync();
        int otherCounty;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            otherCounty = await db.Regions.Where(r => r.Code == GuaGou.Domain.Regions.RegionCode.Parse("360404")).Select(r => r.Id).SingleAsync();
        }

        var cookie = await MintAsync(user, DateTimeOffset.UtcNow, tamper: identity =>
        {
            SetRole(identity, Roles.SystemAdmin);
            Replace(identity, GuaGouClaims.RegionId, otherCounty.ToString(CultureInfo.InvariantCulture));
            Replace(identity, GuaGouClaims.RegionCode, "360404");
            Replace(identity, GuaGouClaims.RegionName, "柴桑区");
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await Sessions.GetWithCookieAsync(app, "/admin/users", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Sessions.GetWithCookieAsync(app, "/audit", cookie)).StatusCode);
        var home = await Html.ParseAsync(await Sessions.GetWithCookieAsync(app, "/", cookie));
        var shown = home.QuerySelector("[data-testid='current-user']")!.TextContent;
        Assert.Contains("县局经办人", shown, StringComparison.Ordinal);
        Assert.Contains("阿鲁科尔沁旗", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("柴桑区", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedAccount_ItsOpenSessionEndsAtTheNextRequest_EvenWithoutANewStamp()
    {
        var user = await NewUserAsync();
        var cookie = await MintAsync(user, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.GetWithCookieAsync(app, "/", cookie)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var tracked = await users.FindByIdAsync(user.Id.ToString());
            await users.SetLockoutEndDateAsync(tracked!, DateTimeOffset.UtcNow.AddMinutes(15)); // as five wrong passwords do
        }

        Assert.StartsWith("/account/login", (await Sessions.GetWithCookieAsync(app, "/", cookie)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersId_WithAGuessedStamp_IsRefused()
    {
        var attacker = await NewUserAsync();
        var victim = await NewUserAsync(Roles.SystemAdmin);

        var cookie = await MintAsync(attacker, DateTimeOffset.UtcNow, tamper: identity =>
        {
            Replace(identity, ClaimTypes.NameIdentifier, victim.Id.ToString());
            Replace(identity, "AspNet.Identity.SecurityStamp", Guid.NewGuid().ToString("N").ToUpperInvariant());
        });

        Assert.StartsWith("/account/login", (await Sessions.GetWithCookieAsync(app, "/admin/users", cookie)).RedirectTarget(), StringComparison.Ordinal);
    }

    public enum BadTime { NoIssuedTime, NoSignInTime, SignedInInTheFuture, SignedInNineHoursAgo, LivesLongerThanTheIdleTimeout }

    [Theory]
    [InlineData(BadTime.NoIssuedTime)]
    [InlineData(BadTime.NoSignInTime)]
    [InlineData(BadTime.SignedInInTheFuture)]
    [InlineData(BadTime.SignedInNineHoursAgo)]
    [InlineData(BadTime.LivesLongerThanTheIdleTimeout)]
    public async Task TicketWithImplausibleTimes_IsRefused(BadTime bad)
    {
        var user = await NewUserAsync();
        var now = DateTimeOffset.UtcNow;

        var cookie = await MintAsync(user, now, properties =>
        {
            switch (bad)
            {
                case BadTime.NoIssuedTime: properties.IssuedUtc = null; break;
                case BadTime.NoSignInTime: properties.Items.Remove(SignInCookie.SignedInAtKey); break;
                case BadTime.SignedInInTheFuture: properties.Items[SignInCookie.SignedInAtKey] = Iso(now.AddHours(2)); break;
                case BadTime.SignedInNineHoursAgo: properties.Items[SignInCookie.SignedInAtKey] = Iso(now.AddHours(-9)); break;
                case BadTime.LivesLongerThanTheIdleTimeout: properties.ExpiresUtc = now.AddDays(30); break;
            }
        });

        Assert.StartsWith("/account/login", (await Sessions.GetWithCookieAsync(app, "/", cookie)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public void IsPlausible_AcceptsWhatThisServerIssues_AndAClockSkewOfUnderAMinute()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(SignInCookie.IsPlausible(Properties(now, now), now));
        Assert.True(SignInCookie.IsPlausible(Properties(now.AddSeconds(30), now.AddSeconds(30)), now));
        Assert.True(SignInCookie.IsPlausible(Properties(now.AddMinutes(-10), now.AddHours(-7)), now));
        Assert.False(SignInCookie.IsPlausible(Properties(now.AddMinutes(2), now), now));
        Assert.False(SignInCookie.IsPlausible(Properties(now, now.AddHours(-8).AddMinutes(-1)), now));
    }

    private static AuthenticationProperties Properties(DateTimeOffset issued, DateTimeOffset signedIn)
    {
        var properties = new AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = issued + SignInCookie.IdleTimeout };
        properties.Items[SignInCookie.SignedInAtKey] = Iso(signedIn);
        return properties;
    }

    /// <summary>A cookie value as the host would write it for <paramref name="user"/>: their real claims and stamp, then the forger's changes.</summary>
    private async Task<string> MintAsync(AppUser user, DateTimeOffset issued, Action<AuthenticationProperties>? times = null,
        Action<ClaimsIdentity>? tamper = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>()
            .CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        tamper?.Invoke((ClaimsIdentity)principal.Identity!);
        var properties = Properties(issued, issued);
        times?.Invoke(properties);
        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        return format.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }

    private static void SetRole(ClaimsIdentity identity, string role)
    {
        foreach (var claim in identity.FindAll(ClaimTypes.Role).ToList())
        {
            identity.RemoveClaim(claim);
        }

        identity.AddClaim(new Claim(ClaimTypes.Role, role));
    }

    private static void Replace(ClaimsIdentity identity, string type, string value)
    {
        foreach (var claim in identity.FindAll(type).ToList())
        {
            identity.RemoveClaim(claim);
        }

        identity.AddClaim(new Claim(type, value));
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private async Task<AppUser> NewUserAsync(string role = Roles.CountyClerk)
    {
        var userName = $"f{Guid.NewGuid():N}"[..16];
        return await app.CreateUserAsync(userName, role, "150421");
    }
}
