using System.Net;
using System.Text.Json;
using GuaGou.Testing;
using Microsoft.AspNetCore.Hosting;

namespace GuaGou.Web.Tests.Hosting;

public sealed class HealthEndpointTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task Healthz_WithDatabaseReachable_Is200WithoutSignIn()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_WithDatabaseUnreachable_Is503WithJsonSayingWhatFailed()
    {
        await using var broken = new UnreachableDatabaseApp();
        using var client = broken.CreateBrowserlikeClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        var database = body.RootElement.GetProperty("checks").EnumerateArray().Single();
        Assert.Equal("database", database.GetProperty("name").GetString());
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
    }

    /// <summary>The app pointed at a port where no database listens (as when the cluster is stopped).</summary>
    private sealed class UnreachableDatabaseApp : GuaGouAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:GuaGou", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=3");
        }
    }
}
