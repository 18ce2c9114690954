using GuaGou.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

public sealed class SignInJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task DemoUser_SignsInFromTheLoginPage_AndSeesTheHomePage()
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });

        await page.GotoAsync("/");
        Assert.EndsWith("/account/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        Assert.Equal("登录 - 挂钩", await page.TitleAsync());

        await page.GetByLabel("用户名").FillAsync("county-clerk");
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl.TrimEnd('/') + "/");
        // The home page is interactive: the circuit re-renders the shell once it starts, so wait for it before clicking.
        await page.Locator("[data-circuit='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("城乡建设用地增减挂钩管理系统", await page.Locator("main h1").InnerTextAsync());
        Assert.Contains("王经办（演示）", await page.GetByTestId("current-user").InnerTextAsync(), StringComparison.Ordinal);
        // MudBlazor's stylesheet is applied: the app bar is fixed at the top.
        Assert.Equal("fixed", await page.Locator("header.mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).position"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "home.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");
    }

    [Fact]
    public async Task WrongPassword_ShowsTheChineseMessageOnTheLoginPage()
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });

        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("county-reviewer");
        await page.GetByLabel("密码").FillAsync("not the demo password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        Assert.Equal("用户名或密码不正确。", (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Trim());
    }
}
