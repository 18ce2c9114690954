using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Persistence;

/// <summary>Applies the hand-written migrations. The app never calls EnsureCreated (only the drift test does).</summary>
public sealed class DatabaseMigrator(GuaGouDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
