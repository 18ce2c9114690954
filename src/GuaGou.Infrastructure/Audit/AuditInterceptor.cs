using System.Runtime.CompilerServices;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace GuaGou.Infrastructure.Audit;

/// <summary>
/// Records every entity the change tracker adds, modifies or deletes, atomically with the change. Before the save it
/// captures what only exists then (original values, deleted rows) and opens a transaction if the caller has none; after
/// the save — when database-generated keys are known — it writes the rows (<see cref="AuditWriter"/>) in that
/// transaction and commits it. A failed save rolls the transaction back, so there is never a change without its row
/// nor a row without its change. Writes that bypass the change tracker (COPY, ExecuteUpdate/Delete) are recorded by
/// their service through <see cref="AuditLog"/>.
/// </summary>
public sealed class AuditInterceptor(IAuditContext audit, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, PendingSave> pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GuaGouDbContext db && Capture(db) is { } save)
        {
            if (db.Database.CurrentTransaction is null)
            {
                save.OwnTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            }

            pending.AddOrUpdate(db, save);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GuaGouDbContext db && Capture(db) is { } save)
        {
            if (db.Database.CurrentTransaction is null)
            {
                save.OwnTransaction = db.Database.BeginTransaction();
            }

            pending.AddOrUpdate(db, save);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GuaGouDbContext db && pending.TryGetValue(db, out var save))
        {
            pending.Remove(db);
            try
            {
                await AuditWriter.WriteAsync(db, audit.Actor, clock.GetUtcNow(), save.Events(), cancellationToken);
                if (save.OwnTransaction is { } transaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (save.OwnTransaction is { } transaction)
                {
                    await transaction.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    /// <summary>The save failed: our own transaction is rolled back (a caller's transaction is the caller's to end).</summary>
    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var save))
        {
            pending.Remove(context);
            if (save.OwnTransaction is { } transaction)
            {
                await transaction.DisposeAsync(); // disposing an uncommitted transaction rolls it back
            }
        }
    }

    private static PendingSave? Capture(GuaGouDbContext db)
    {
        var save = new PendingSave();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    save.Added.Add(entry); // keys and generated values are known only after the save
                    break;
                case EntityState.Modified when AuditSnapshot.Changes(entry) is var (before, after):
                    save.Known.Add(Event(entry, AuditActions.Update, original: true, before, after));
                    break;
                case EntityState.Deleted:
                    save.Known.Add(Event(entry, AuditActions.Delete, original: true, AuditSnapshot.Of(entry, original: true), null));
                    break;
            }
        }

        return save.Added.Count + save.Known.Count == 0 ? null : save;
    }

    private static AuditEvent Event(EntityEntry entry, string action, bool original, string? before, string? after)
    {
        var (recordType, recordId) = AuditSnapshot.RecordOf(entry, original);
        return new AuditEvent(action, AuditSnapshot.TypeName(entry.Metadata), AuditSnapshot.KeyOf(entry, original), recordType, recordId, before, after);
    }

    /// <summary>What an added entity is, in the trail's words: a stage step and an uploaded file are named for what happened.</summary>
    private static string AddedAction(EntityEntry entry) => AuditSnapshot.TypeName(entry.Metadata) switch
    {
        "StageTransition" => AuditActions.StageTransition,
        "StoredDocument" or "ParcelImport" => AuditActions.Upload,
        _ => AuditActions.Create,
    };

    private sealed class PendingSave
    {
        public List<EntityEntry> Added { get; } = [];

        public List<AuditEvent> Known { get; } = [];

        public IDbContextTransaction? OwnTransaction { get; set; }

        public IReadOnlyList<AuditEvent> Events() =>
        [
            .. Added.Select(e => Event(e, AddedAction(e), original: false, null, AuditSnapshot.Of(e, original: false))),
            .. Known,
        ];
    }
}
