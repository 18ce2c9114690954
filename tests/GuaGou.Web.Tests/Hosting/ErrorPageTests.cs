using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Hosting;

/// <summary>The app with one extra URL, /test/crash, that fails with an exception carrying a secret-looking message.</summary>
public sealed class CrashingAppFactory : GuaGouAppFactory
{
    public const string Secret = "Host=db.internal;Password=do-not-show-me";

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "guagou-test-logs", "crash-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:LogDirectory", LogDirectory);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, CrashFilter>());
    }

    /// <summary>Runs after the app's own pipeline: reached only by URLs no endpoint answers, inside the error handling.</summary>
    private sealed class CrashFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == "/test/crash"
                ? throw new InvalidOperationException(Secret)
                : nextMiddleware(context));
        };
    }
}

public sealed class ErrorPageTests(CrashingAppFactory app) : IClassFixture<CrashingAppFactory>
{
    [Fact]
    public async Task AnUnhandledException_ShowsAGenericChinesePageWithTheRequestIdFromTheLog_AndNoDetails()
    {
        await app.CreateUserAsync("crash-user", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("crash-user", GuaGouAppFactory.Password);

        var response = await client.GetAsync("/test/crash");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);
        Assert.Equal("系统暂时无法处理该请求", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(CrashingAppFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));

        var correlationId = page.QuerySelector("[data-testid='correlation-id']")!.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(correlationId));
        var log = ReadLog();
        Assert.True(log.Split('\n').Any(line => line.Contains(correlationId, StringComparison.Ordinal)
            && line.Contains("[ERR]", StringComparison.Ordinal)), $"{correlationId} not in the log:\n{log}");
        Assert.Contains(CrashingAppFactory.Secret, log, StringComparison.Ordinal); // the details are in the log, for the admin
    }

    private string ReadLog()
    {
        var text = "";
        foreach (var file in Directory.EnumerateFiles(app.LogDirectory, "*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text += reader.ReadToEnd();
        }

        return text;
    }
}
