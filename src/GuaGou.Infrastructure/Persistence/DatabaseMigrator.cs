using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Persistence;

/// <summary>
/// Applies the hand-written migrations, connected as the owner role, and then (given the application role) re-applies
/// that role's privileges (<see cref="DatabaseRoles"/>), so every table a migration adds is covered at once.
/// The app never calls EnsureCreated (only the drift test does).
/// </summary>
public sealed class DatabaseMigrator(GuaGouDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(string? appRole = null, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (appRole is not null)
        {
            await DatabaseRoles.GrantAsync(db, appRole, cancellationToken);
        }

        return pending;
    }
}
