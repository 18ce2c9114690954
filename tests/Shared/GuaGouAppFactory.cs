using System.Net;
using GuaGou.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GuaGou.Testing;

/// <summary>
/// The real web app (real pipeline, real PostgreSQL) on its own freshly migrated database.
/// One per test class (IClassFixture); the database is copied from the per-process template.
/// </summary>
public class GuaGouAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct-horse-battery-staple";

    /// <summary>
    /// The application role's connection string — the one the app under test uses. Tests that need the owner or the
    /// superuser say so: <see cref="TestDatabase.AsOwner"/>, <see cref="TestDatabase.AsAdmin"/>.
    /// </summary>
    public string ConnectionString { get; protected set; } = string.Empty;

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateMigratedAsync("web");

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The factory guesses <solution>/GuaGou.Web; our projects live under src/, where wwwroot is.
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "src", "GuaGou.Web"));
        builder.UseSetting("ConnectionStrings:GuaGou", ConnectionString);
        builder.UseSetting("GuaGou:LogDirectory", Path.Combine(Path.GetTempPath(), "guagou-test-logs"));
        builder.UseSetting("GuaGou:Documents:Root", DocumentRoot);
    }

    /// <summary>This host's own document store, so tests can look at what was (not) written.</summary>
    public string DocumentRoot { get; } = Path.Combine(Path.GetTempPath(), "guagou-test-documents", Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GuaGou.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GuaGou.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Creates an account through the same service the CLI uses.</summary>
    public async Task<AppUser> CreateUserAsync(string userName, string roleCode, string regionCode, bool mustChangePassword = false)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
            new NewUser(userName, $"测试用户{userName}", Password, roleCode, regionCode, mustChangePassword));
    }

    private static int clientCount;

    /// <summary>
    /// A client that keeps cookies and shows redirects instead of following them. Like a browser on its own computer,
    /// it talks https (the sign-in cookie is Secure, so it would not be sent back over http) from its own IP address
    /// (the sign-in rate limit is per address), unless the test gives one.
    /// </summary>
    public HttpClient CreateBrowserlikeClient(IPAddress? clientAddress = null)
    {
        var n = Interlocked.Increment(ref clientCount);
        var address = clientAddress ?? new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
        var handler = new CookieContainerHandler { InnerHandler = Server.CreateHandler(c => c.Connection.RemoteIpAddress = address) };
        return new HttpClient(handler) { BaseAddress = new Uri("https://localhost/") };
    }
}
