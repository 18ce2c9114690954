using GuaGou.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>What a security reviewer checks in a real browser: escaping, the CSP, and the sign-in cookie.</summary>
public sealed class SecurityJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";

    [Fact]
    public async Task AProjectNamedLikeAnXssAttack_IsShownAsText_AndNothingRuns()
    {
        var (page, _) = await SignInAsync("county-clerk");
        var dialogs = new List<string>();
        var violations = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/projects/new");
        await page.Locator("[data-circuit='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached }); // interactive form
        await page.GetByLabel("项目区名称").FillAsync(Payload);
        await page.GetByLabel("责任单位").FillAsync(Payload);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByTestId("project-name").WaitForAsync();
        Assert.Equal(Payload, (await page.GetByTestId("project-name").InnerTextAsync()).Trim());
        var detail = page.Url;

        await page.GotoAsync("/projects");
        Assert.Contains(Payload, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(detail);
        await page.GotoAsync(detail + "/edit");
        await page.Locator("[data-circuit='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached }); // interactive form
        Assert.Equal(Payload, await page.GetByLabel("项目区名称").InputValueAsync());
        await page.GotoAsync(detail);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Empty(violations); // our own pages (Bootstrap, the Leaflet map) live within the policy
    }

    [Fact]
    public async Task TheSignInCookie_IsHostPrefixedSecureHttpOnlyLax_AndACopyIsUselessAfterSignOut()
    {
        var (page, context) = await SignInAsync("county-reviewer");

        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name.StartsWith("__Host-", StringComparison.Ordinal));
        Assert.Equal("__Host-GuaGou.Auth", cookie.Name);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(-1, cookie.Expires); // a session cookie
        Assert.Null(await page.EvaluateAsync<string?>("() => document.cookie.includes('GuaGou.Auth') ? 'visible' : null"));

        // Someone who copied the cookie replays it: accepted while the session lasts, refused once the user signed out.
        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ReplayAsync(thief, cookie)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");

        var replay = await ReplayAsync(thief, cookie);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal("/account/login", replay.Headers.Location!.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> ReplayAsync(HttpClient client, BrowserContextCookiesResult cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/projects");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return await client.SendAsync(request);
    }

    private async Task<(IPage Page, IBrowserContext Context)> SignInAsync(string userName)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl.TrimEnd('/') + "/");
        return (page, context);
    }
}
