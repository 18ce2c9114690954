using GuaGou.Infrastructure.Seeding;
using GuaGou.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GuaGou.E2E.Tests;

/// <summary>
/// The app on a real Kestrel port with the demo data seeded (as deploy/run.sh does), and Debian's Chromium
/// driven by Playwright. Never downloads a browser: GUAGOU_CHROMIUM (default /usr/bin/chromium) is used.
/// </summary>
public sealed class BrowserApp : GuaGouAppFactory
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:DemoMode", "true"); // the demo accounts keep the published password, as in deploy/run.sh
        builder.UseSetting("GuaGou:Circuits:RevalidationSeconds", "2"); // a journey waits for a circuit to notice a sign-out
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        var chromium = Environment.GetEnvironmentVariable("GUAGOU_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"找不到 Chromium（{chromium}）：请运行 deploy/test.sh，它会安装 Debian 的 chromium。");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A new browser (its own cookies) signed in from the login page as a demo account, with every console error of the
    /// page collected for the journey to assert on.
    /// </summary>
    public async Task<(IPage Page, IBrowserContext Context, List<string> Errors)> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return (page, context, errors);
    }

    /// <summary>Opens an interactive page and waits until its circuit runs (a click before that does nothing).</summary>
    public static async Task OpenInteractiveAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(url);
        await page.Locator("[data-circuit='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
