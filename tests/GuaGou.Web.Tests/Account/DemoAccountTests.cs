using GuaGou.Domain.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Seeding;
using GuaGou.Testing;
using GuaGou.Web.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Account;

/// <summary>An installation where the demo accounts were seeded (before the app started), outside the demo run.</summary>
public sealed class SeededDemoAppFactory : GuaGouAppFactory
{
    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "guagou-test-logs", "demo-" + Guid.NewGuid().ToString("N"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var services = TestDatabase.CreateServices(ConnectionString);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:LogDirectory", LogDirectory);
    }

    public string ReadLog() => string.Concat(Directory.EnumerateFiles(LogDirectory, "*.log").Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }));
}

/// <summary>The demo run itself (deploy/run.sh sets GuaGou:DemoMode).</summary>
public sealed class DemoModeAppFactory : GuaGouAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:DemoMode", "true");
    }
}

/// <summary>The published demo password is never one an account keeps outside the demo run; while any has it, pages say so.</summary>
public sealed class DemoAccountTests(SeededDemoAppFactory app) : IClassFixture<SeededDemoAppFactory>
{
    [Fact]
    public async Task OutsideTheDemoRun_EveryDemoAccount_MustChooseANewPasswordAtSignIn()
    {
        foreach (var account in DemoDataSeeder.Accounts.Where(a => a.UserName != "admin").Take(3))
        {
            using var client = app.CreateBrowserlikeClient();
            await client.SignInAsync(account.UserName, DemoDataSeeder.DemoPassword);

            Assert.Equal("/account/change-password", (await client.GetAsync("/projects")).RedirectTarget());
            Assert.True((await FindUserAsync(account.UserName)).MustChangePassword, account.UserName);
        }
    }

    [Fact]
    public async Task AWrongPassword_DoesNotMarkTheAccount()
    {
        using var client = app.CreateBrowserlikeClient();

        await client.SignInAsync("province-approver", "GuaGou-Demo-2025");

        Assert.False((await FindUserAsync("province-approver")).MustChangePassword);
    }

    [Fact]
    public async Task AnyAccountWithThePublishedPassword_MustChangeIt_AndCannotChooseItAgain()
    {
        var userName = $"d{Guid.NewGuid():N}"[..16];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
                new NewUser(userName, "演示密码用户", DemoDataSeeder.DemoPassword, Roles.CountyClerk, "150421", MustChangePassword: false));
        }

        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, DemoDataSeeder.DemoPassword);
        Assert.Equal("/account/change-password", (await client.GetAsync("/")).RedirectTarget());

        var again = await client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = DemoDataSeeder.DemoPassword,
            ["Input.NewPassword"] = DemoDataSeeder.DemoPassword + "x",
            ["Input.ConfirmPassword"] = DemoDataSeeder.DemoPassword + "x",
        });
        Assert.Equal("/account/change-password?done=1", again.RedirectTarget());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task WhileDemoAccountsHaveThePublishedPassword_PagesShowTheBanner_AndTheLogWarned()
    {
        using var client = app.CreateBrowserlikeClient();

        var login = await client.GetDocumentAsync("/account/login");

        Assert.Contains("演示环境", login.QuerySelector("[data-testid='demo-banner']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("仍有账户使用公开的演示密码", login.QuerySelector("[data-testid='demo-banner']")!.TextContent, StringComparison.Ordinal);
        var log = app.ReadLog();
        Assert.Contains("Accounts with the published demo password exist", log, StringComparison.Ordinal);
        Assert.Contains("county-reviewer", log, StringComparison.Ordinal);
    }

    private async Task<AppUser> FindUserAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }
}

public sealed class DemoModeTests(DemoModeAppFactory app) : IClassFixture<DemoModeAppFactory>
{
    [Fact]
    public async Task InTheDemoRun_TheBannerIsShown_AndAnAccountMayKeepThePublishedPassword()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
                new NewUser("demo-keeper", "演示用户", DemoDataSeeder.DemoPassword, Roles.CountyClerk, "150421", MustChangePassword: false));
        }

        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("demo-keeper", DemoDataSeeder.DemoPassword);

        var home = await client.GetDocumentAsync("/");
        Assert.Equal("城乡建设用地增减挂钩管理系统", home.QuerySelector("main h1")!.TextContent);
        Assert.Contains("演示模式", home.QuerySelector("[data-testid='demo-banner']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutDemoAccountsOrDemoMode_ThereIsNoBanner()
    {
        await using var plain = new GuaGouAppFactory();
        await plain.InitializeAsync();
        using var client = plain.CreateBrowserlikeClient();

        Assert.Null((await client.GetDocumentAsync("/account/login")).QuerySelector("[data-testid='demo-banner']"));
        Assert.False(plain.Services.GetRequiredService<DemoAccounts>().ShowBanner);
    }
}
