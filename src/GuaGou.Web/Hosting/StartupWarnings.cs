using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Hosting;

/// <summary>
/// Says in the log, once at startup, what an operator must not overlook: accounts that still have the published demo
/// password, the demo mode itself, a database connection as a superuser (the app should use the application role,
/// deploy/db-roles.sql), and data-protection keys that were found unencrypted and removed. Runs before the server
/// takes requests, so the first page already knows whether to show the 演示环境 banner.
/// </summary>
public sealed class StartupWarnings(IServiceScopeFactory scopes, DemoAccounts demo, KeyProtection keys, ILogger<StartupWarnings> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var file in keys.RemovedPlaintextKeys)
        {
            log.LogWarning("Removed the unencrypted data-protection key {KeyFile}; its cookies and form tokens no longer work", file);
        }

        if (demo.DemoMode)
        {
            log.LogWarning("Demo mode (GuaGou:DemoMode): the demo accounts may keep the published password; never use it for real data");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await demo.RefreshAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
            if (demo.WithPublishedPassword.Count > 0)
            {
                log.LogWarning("Accounts with the published demo password exist: {UserNames}", string.Join(", ", demo.WithPublishedPassword));
            }

            var db = scope.ServiceProvider.GetRequiredService<GuaGouDbContext>();
            var superuser = await db.Database.SqlQueryRaw<bool>("SELECT rolsuper AS \"Value\" FROM pg_roles WHERE rolname = current_user")
                .SingleAsync(cancellationToken);
            if (superuser)
            {
                log.LogWarning("The web app is connected to PostgreSQL as a superuser; connect as the application role (docs/security.md, Database roles)");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The startup checks could not read the database");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
