using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Testing;
using GuaGou.Web.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Account;

/// <summary>The sign-in cookie and the session it stands for: its flags, its replacement at sign-in, and its end.</summary>
public sealed class SessionTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task SignInCookie_IsHostPrefixedSecureHttpOnlyLaxAndLastsOnlyTheBrowserSession()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync(userName, GuaGouAppFactory.Password);

        var setCookie = Sessions.SetCookieHeader(response);
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.StartsWith("__Host-GuaGou.Auth=", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal)); // __Host-: never
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_ReplacesTheSessionCookie_EvenWhenTheBrowserAlreadyHadOne()
    {
        var first = await NewUserAsync(Roles.CountyClerk, "150421");
        var second = await NewUserAsync(Roles.LeadingGroupOffice, "150421");
        using var client = app.CreateBrowserlikeClient();
        var before = Sessions.CookieValue(await client.SignInAsync(first, GuaGouAppFactory.Password));

        var after = Sessions.CookieValue(await client.SignInAsync(second, GuaGouAppFactory.Password));

        Assert.NotEqual(before, after);
        Assert.Contains("领导小组办公室", (await client.GetDocumentAsync("/")).QuerySelector("[data-testid='current-user']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_MakesACopyOfTheOldCookieUseless()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        var cookie = Sessions.CookieValue(await client.SignInAsync(userName, GuaGouAppFactory.Password));
        Assert.Equal(HttpStatusCode.OK, (await Sessions.GetWithCookieAsync(app, "/", cookie)).StatusCode);

        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector("form[action='/account/logout'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal("/account/login", logout.RedirectTarget());

        var replay = await Sessions.GetWithCookieAsync(app, "/projects", cookie);
        Assert.StartsWith("/account/login", replay.RedirectTarget(), StringComparison.Ordinal);
        var api = await Sessions.GetWithCookieAsync(app, "/api/projects", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ChangingAUsersRoleOrRegion_EndsTheirOpenSessions()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        var user = await FindUserAsync(userName);

        await WithUsersAsync(users => users.ChangeRoleAsync(user.Id, Roles.CountyReviewer));

        Assert.StartsWith("/account/login", (await client.GetAsync("/")).RedirectTarget(), StringComparison.Ordinal);
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        Assert.Contains("县局审核人", (await client.GetDocumentAsync("/")).QuerySelector("[data-testid='current-user']")!.TextContent, StringComparison.Ordinal);

        await WithUsersAsync(users => users.ChangeRegionAsync(user.Id, "360404"));

        Assert.StartsWith("/account/login", (await client.GetAsync("/")).RedirectTarget(), StringComparison.Ordinal);
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        var shown = (await client.GetDocumentAsync("/")).QuerySelector("[data-testid='current-user']")!.TextContent;
        Assert.Contains("县局审核人", shown, StringComparison.Ordinal);
        Assert.Contains("柴桑区", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingAccess_ToARegionOfTheWrongLevel_IsRefusedAndKeepsTheSession()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        var user = await FindUserAsync(userName);

        var refused = await Assert.ThrowsAsync<GuaGou.Domain.Common.DomainException>(() =>
            WithUsersAsync(users => users.ChangeAccessAsync(user.Id, Roles.TownshipClerk, "150421")));

        Assert.Contains("乡镇经办人应隶属于", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(user.SecurityStamp, (await FindUserAsync(userName)).SecurityStamp);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountForFifteenMinutes()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 4; i++)
        {
            await client.SignInAsync(userName, "wrong-password-" + i);
        }

        Assert.Null((await FindUserAsync(userName)).LockoutEnd);
        await client.SignInAsync(userName, "wrong-password-5");

        var user = await FindUserAsync(userName);
        Assert.True(user.LockoutEnabled);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        using var other = app.CreateBrowserlikeClient();
        var response = await other.SignInAsync(userName, GuaGouAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the login page again, with the lockout message
        Assert.Contains("账户已锁定 15 分钟", (await Html.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%0D%0A%2Fevil.example")]
    [InlineData("%2F%5C%2Fevil.example")]
    [InlineData("https%3A%2Fevil.example")]
    public async Task SignIn_WithReturnUrlThatBrowsersWouldReadAsAnotherHost_GoesHome(string returnUrl)
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync(userName, GuaGouAppFactory.Password, $"/account/login?ReturnUrl={returnUrl}");

        Assert.Equal("/", response.RedirectTarget());
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_GoesThere()
    {
        var userName = await NewUserAsync(Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync(userName, GuaGouAppFactory.Password, "/account/login?ReturnUrl=%2Fprojects%3Fq%3D1");

        Assert.Equal("/projects?q=1", response.RedirectTarget());
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/projects/2026-150421-001", "/projects/2026-150421-001")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_KeepsOnlyPathsOfThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));

    private async Task<string> NewUserAsync(string role, string region)
    {
        var userName = $"s{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(userName, role, region);
        return userName;
    }

    private async Task<AppUser> FindUserAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    private async Task WithUsersAsync(Func<UserAdministration, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }
}

/// <summary>Reading the sign-in cookie from responses and replaying it from a client that has no other state.</summary>
public static class Sessions
{
    public static string SetCookieHeader(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "no Set-Cookie header");
        return values.Single(v => v.StartsWith(SignInCookie.Name + "=", StringComparison.Ordinal)
            && !v.StartsWith(SignInCookie.Name + "=;", StringComparison.Ordinal));
    }

    public static string CookieValue(HttpResponseMessage response)
    {
        var header = SetCookieHeader(response);
        return header[(SignInCookie.Name.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>A GET carrying only the given sign-in cookie, as an attacker holding a copy of it would send.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(GuaGouAppFactory app, string path, string cookieValue)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("https://localhost/");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{SignInCookie.Name}={cookieValue}");
        return await client.SendAsync(request);
    }
}
