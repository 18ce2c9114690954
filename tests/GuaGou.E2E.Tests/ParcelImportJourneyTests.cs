using System.Text;
using GuaGou.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>A county clerk drops the surveyor's coordinate file into a project: preview with map, then commit.</summary>
public sealed class ParcelImportJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task CountyClerk_UploadsACoordinateFile_SeesThePreviewAndMap_AndCommits()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("county-clerk");
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl.TrimEnd('/') + "/");

        // The demo project still in 方案编制 (seed 001 style).
        await page.GotoAsync("/projects?stage=Planning");
        await page.Locator("tbody td:first-child a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "导入坐标文件" }).First.ClickAsync();

        await page.GetByLabel("地块所在乡镇").SelectOptionAsync(new SelectOptionValue { Label = "天山镇" });
        await page.GetByLabel("坐标文件（不超过 20 MB）").SetInputFilesAsync(new FilePayload
        {
            Name = "拆旧区坐标.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes(Zone40File),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();

        await page.GetByTestId("import-parcels").WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid='import-parcels'] tbody tr").CountAsync());
        await page.Locator("[data-testid='map'][data-map-ready='2']").WaitForAsync();
        Assert.True(await page.Locator("[data-testid='map'] path.leaflet-interactive").CountAsync() >= 2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "import-preview.png"), FullPage = true });

        await page.GetByLabel("确认以这 2 个地块替换").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await page.GetByTestId("balance").WaitForAsync();
        Assert.Contains("TS-T01", await page.GetByTestId("parcels-demolition").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid='map'][data-map-ready]").WaitForAsync();
    }

    /// <summary>Two parcels in 3° zone 40 (central meridian 120°E) near 天山镇, 阿鲁科尔沁旗, without zone prefix.</summary>
    private const string Zone40File = """
        [属性描述]
        坐标系=2000国家大地坐标系
        几度分带=3
        带号=40
        [地块坐标]
        5,1.0000,TS-T01,天山镇北岗台村测试地块,面,,拆旧复垦,0702,@
        J1,1,4861000.000,508000.000
        J2,1,4861000.000,508100.000
        J3,1,4860900.000,508100.000
        J4,1,4860900.000,508000.000
        J1,1,4861000.000,508000.000
        5,0.5000,TS-T02,天山镇杨树林村测试地块,面,,拆旧复垦,0702,@
        J1,1,4861200.000,508300.000
        J2,1,4861200.000,508400.000
        J3,1,4861150.000,508400.000
        J4,1,4861150.000,508300.000
        J1,1,4861200.000,508300.000
        """;
}
