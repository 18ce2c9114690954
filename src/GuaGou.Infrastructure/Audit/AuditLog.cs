using GuaGou.Infrastructure.Persistence;

namespace GuaGou.Infrastructure.Audit;

/// <summary>
/// Explicit audit events — the ones no entity change describes: sign-ins, refusals, downloads of personal documents, bulk
/// writes that bypass the change tracker. A row written while the context has a transaction open commits with it.
/// </summary>
public sealed class AuditLog(GuaGouDbContext db, IAuditContext audit, TimeProvider clock)
{
    /// <summary>The actor of this unit of work (the signed-in user, or the system), with the request's IP and id.</summary>
    public AuditActor Actor => audit.Actor;

    /// <summary>Appends one row; <paramref name="before"/> and <paramref name="after"/> are serialized to JSON.</summary>
    public Task RecordAsync(string action, string entityType, string? entityId, object? before = null, object? after = null,
        (string Type, string Id)? record = null, AuditActor? actor = null, CancellationToken ct = default) =>
        AuditWriter.WriteAsync(db, actor ?? audit.Actor, clock.GetUtcNow(),
            [new AuditEvent(action, entityType, entityId, record?.Type ?? entityType, record is { } r ? r.Id : entityId,
                AuditSnapshot.Serialize(before), AuditSnapshot.Serialize(after))], ct);
}
