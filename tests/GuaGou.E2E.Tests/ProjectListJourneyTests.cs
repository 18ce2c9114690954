using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>The interactive project list: sorted and filtered over the circuit, its URL the whole state.</summary>
public sealed class ProjectListJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheListSortedAndFiltered_ItsCopiedUrlShowsTheSameRows_AndBackGoesBack()
    {
        var (page, context, errors) = await app.SignInAsync("county-clerk");
        await BrowserApp.OpenInteractiveAsync(page, "/projects");
        var unsorted = await CodesAsync(page);
        Assert.True(unsorted.Count >= 2, "the demo data has several projects");

        await page.GetByRole(AriaRole.Link, new() { Name = "项目区名称" }).ClickAsync();
        await RowsForAsync(page, "?sort=Name");
        var byName = await CodesAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "项目区名称" }).ClickAsync();
        await RowsForAsync(page, "?sort=Name&desc=1");
        var byNameDescending = await CodesAsync(page);
        Assert.Equal(Enumerable.Reverse(byName), byNameDescending);
        Assert.Equal(unsorted.Order().ToList(), byNameDescending.Order().ToList()); // the same rows, in another order

        await page.GetByLabel("名称或编号").FillAsync(unsorted[0]); // a project code finds that project
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        await RowsForAsync(page, new Uri(page.Url).Query);
        var filteredUrl = page.Url;
        Assert.Contains("sort=Name", filteredUrl, StringComparison.Ordinal);
        var filtered = await CodesAsync(page);
        Assert.Equal([unsorted[0]], filtered);

        var copy = await context.NewPageAsync();
        await BrowserApp.OpenInteractiveAsync(copy, filteredUrl);
        Assert.Equal(filtered, await CodesAsync(copy));

        await page.GoBackAsync();
        await page.WaitForURLAsync("**/projects?sort=Name&desc=1");
        await RowsForAsync(page, "?sort=Name&desc=1");
        Assert.Equal(byNameDescending, await CodesAsync(page));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ASignOutInAnotherBrowser_EndsTheOpenPagesCircuit()
    {
        var (page, _, errors) = await app.SignInAsync("leading-office");
        await BrowserApp.OpenInteractiveAsync(page, "/projects");

        var (other, _, _) = await app.SignInAsync("leading-office");
        await other.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync(); // renews the security stamp
        await other.WaitForURLAsync("**/account/login");

        // The revalidation (every 2 s in this app, 1 minute in production) takes the circuit's user away.
        await page.WaitForURLAsync("**/account/login?ReturnUrl=%2Fprojects", new() { Timeout = 20_000 });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Waits until the rows shown are those of <paramref name="query"/> (the page marks what it loaded).</summary>
    private static Task RowsForAsync(IPage page, string query) =>
        page.Locator($"[data-testid='total'][data-query='{Uri.UnescapeDataString(query)}']").WaitForAsync();

    private static async Task<List<string>> CodesAsync(IPage page) =>
        [.. (await page.Locator("[data-testid='project-table'] tbody tr td:first-child a").AllInnerTextsAsync()).Select(t => t.Trim())];
}
