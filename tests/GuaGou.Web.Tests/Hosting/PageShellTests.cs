using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;

namespace GuaGou.Web.Tests.Hosting;

public sealed class PageShellTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task HomePage_WhenSignedIn_RendersChineseTitleNavigationAndStylesFromWwwroot()
    {
        await app.CreateUserAsync("shell-user", Roles.LeadingGroupOffice, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("shell-user", GuaGouAppFactory.Password);

        var home = await client.GetDocumentAsync("/");

        Assert.Equal("zh-CN", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("首页 - 挂钩", home.Title);
        Assert.Equal("城乡建设用地增减挂钩管理系统", home.QuerySelector("main h1")!.TextContent);
        var nav = home.QuerySelectorAll("nav .mud-nav-link").Select(a => a.TextContent.Replace("建设中", "", StringComparison.Ordinal).Trim()).ToList();
        // The leading-group office also searches the audit trail.
        Assert.Equal(["首页", "项目区", "拆旧进度", "地块", "指标台账", "资金", "督查", "统计看板", "审计日志"], nav);
        var stylesheet = home.QuerySelector("link[rel='stylesheet'][href*='MudBlazor']")!.GetAttribute("href")!;
        var css = await client.GetAsync("/" + stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains(".mud-appbar", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_ForSystemAdmin_IncludesSystemManagement()
    {
        await app.CreateUserAsync("shell-admin", Roles.SystemAdmin, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("shell-admin", GuaGouAppFactory.Password);

        var home = await client.GetDocumentAsync("/");

        Assert.Contains(home.QuerySelectorAll("nav .mud-nav-link"), a => a.TextContent.Contains("系统管理", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownUrl_IsAChinese404Page()
    {
        await app.CreateUserAsync("shell-404", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("shell-404", GuaGouAppFactory.Password);

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", (await Html.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task UnknownUrl_WhenAnonymous_RedirectsToLoginSoStrangersCannotProbeWhichPagesExist()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/no/such/page");

        Assert.StartsWith("/account/login?ReturnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorPage_ShowsACorrelationIdAndNoStackTrace()
    {
        using var client = app.CreateBrowserlikeClient();

        var page = await client.GetDocumentAsync("/error");

        Assert.Equal("系统暂时无法处理该请求", page.QuerySelector("h1")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid='correlation-id']")!.TextContent));
        Assert.DoesNotContain(" at ", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
