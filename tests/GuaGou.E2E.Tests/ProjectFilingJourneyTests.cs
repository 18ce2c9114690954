using GuaGou.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>A county clerk files a project area in the browser, adds parcels, and submits it; the city approves it.</summary>
public sealed class ProjectFilingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task CountyClerk_FilesAProjectAddsParcelsAndSubmits_ThenTheCityApproves()
    {
        var clerk = await SignInAsync("county-clerk");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "项目区", Exact = true }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "新建项目区" }).ClickAsync();
        await clerk.WaitForURLAsync("**/projects/new");
        await WaitForCircuitAsync(clerk);
        await clerk.GetByLabel("项目区名称").FillAsync("浏览器测试项目区");
        await clerk.GetByLabel("责任单位").FillAsync("旗自然资源局、天山镇人民政府");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(clerk.GetByTestId("project-name"), "浏览器测试项目区");
        var projectUrl = clerk.Url;

        await AddParcelAsync(clerk, "添加拆旧区地块", "BR-CJ01", "3.2", township: "天山镇", direction: "耕地");
        await AddParcelAsync(clerk, "添加建新区地块", "BR-JX01", "2", township: "天山镇", plannedUse: "集中安置");
        Assert.Contains("48.00 亩", await clerk.GetByTestId("reclaimed").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("18.00 亩", await clerk.GetByTestId("surplus").InnerTextAsync(), StringComparison.Ordinal);

        await TakeStepAsync(clerk, "完成摸底调查");
        await TakeStepAsync(clerk, "提交审批");
        Assert.Equal("审批立项", (await clerk.Locator("h1 + .mud-chip-container [data-stage]").InnerTextAsync()).Trim());
        Assert.Equal(0, await clerk.GetByTestId("advance").CountAsync()); // the next step is the approver's

        var approver = await SignInAsync("city-approver");
        await approver.GotoAsync(projectUrl);
        await TakeStepAsync(approver, "批准立项", documentNumber: "赤政字〔2026〕99号");
        Assert.Contains("赤政字〔2026〕99号", await approver.GetByTestId("approval").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await approver.GetByTestId("deadline").CountAsync());
        await approver.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "project.png"), FullPage = true });
    }

    private async Task<IPage> SignInAsync(string userName)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl.TrimEnd('/') + "/");
        return page;
    }

    private static async Task AddParcelAsync(IPage page, string link, string code, string hectares, string township,
        string? direction = null, string? plannedUse = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await page.GetByLabel("地块编号").FillAsync(code);
        await page.GetByLabel("乡镇（苏木、街道）").SelectOptionAsync(new SelectOptionValue { Label = township + "（演示代码）" });
        if (direction is not null)
        {
            await page.GetByLabel("复垦方向").SelectOptionAsync(new SelectOptionValue { Label = direction });
        }

        if (plannedUse is not null)
        {
            await page.GetByLabel("规划用途").FillAsync(plannedUse);
            await page.GetByLabel("现状地类代码").FillAsync("0103");
        }

        await page.GetByLabel("申报面积").FillAsync(hectares);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByTestId("balance").WaitForAsync();
    }

    private static async Task TakeStepAsync(IPage page, string action, string? documentNumber = null)
    {
        await page.GetByTestId("advance").ClickAsync();
        await page.WaitForURLAsync("**/stage/advance");
        await WaitForCircuitAsync(page);
        // The router renders the page just after the address changes: wait for its heading.
        await page.Locator("main h1", new() { HasTextString = action }).WaitForAsync();
        Assert.Equal(action, (await page.Locator("main h1").InnerTextAsync()).Trim());
        if (documentNumber is not null)
        {
            await page.GetByLabel("文号").FillAsync(documentNumber);
        }

        // The step cannot be undone: the page asks first. Cancelling records nothing; then confirm.
        await page.GetByRole(AriaRole.Button, new() { Name = "确认" + action }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.EndsWith("/stage/advance", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认" + action }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认", Exact = true }).ClickAsync();
        await page.GetByTestId("balance").WaitForAsync();
    }

    /// <summary>An interactive page reacts to input only once its circuit runs.</summary>
    private static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-circuit='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static async Task Expect(ILocator locator, string text) =>
        Assert.Equal(text, (await locator.InnerTextAsync()).Trim());
}
