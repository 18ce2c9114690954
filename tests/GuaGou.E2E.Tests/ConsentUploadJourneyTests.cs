using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>A township official follows a to-do from their home page and uploads the missing consent scan.</summary>
public sealed class ConsentUploadJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TownshipOfficial_UploadsAConsentScan_FromTheTaskList_AndDownloadsItBack()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("township-clerk");
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl.TrimEnd('/') + "/");

        // The demo's late-registered household (冯宝山) has no consent yet: it is on the township's to-do list.
        var task = page.GetByTestId("tasks").GetByRole(AriaRole.Link, new() { Name = "冯宝山（项目区 150421-2025-002）尚无权属方同意书" });
        await task.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "登记权属方同意书" }).WaitForAsync();

        await page.GetByLabel("签署日期").FillAsync("2026-11-20");
        var scan = SampleScans.Pdf("Consent of the owner (browser test)", ["Feng Baoshan", "signed 2026-11-20"]);
        await page.GetByLabel("扫描件").SetInputFilesAsync(new FilePayload { Name = "冯宝山同意书.pdf", MimeType = "application/pdf", Buffer = scan });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        var agreements = page.GetByTestId("agreements");
        await agreements.WaitForAsync();
        var consentRow = agreements.Locator("tr", new() { HasText = "权属方同意书" });
        Assert.Contains("2026-11-20", await consentRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("冯宝山同意书.pdf", await page.GetByTestId("documents").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "consent-uploaded.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => consentRow.GetByRole(AriaRole.Link, new() { Name = "第 1 版" }).ClickAsync());
        Assert.Equal("冯宝山同意书.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(scan, await File.ReadAllBytesAsync(path));

        // The task is done: it is gone from the home page.
        await page.GotoAsync("/");
        Assert.DoesNotContain("冯宝山（项目区 150421-2025-002）尚无权属方同意书", await page.GetByTestId("tasks").InnerTextAsync(), StringComparison.Ordinal);
    }
}
