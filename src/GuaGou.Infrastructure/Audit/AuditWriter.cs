using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GuaGou.Infrastructure.Audit;

/// <summary>What happened, before it is stamped with the actor and the time.</summary>
public sealed record AuditEvent(
    string Action, string EntityType, string? EntityId, string? RecordType, string? RecordId, string? Before, string? After);

/// <summary>
/// Inserts audit rows with one statement on the context's connection and inside its current transaction, if any — so
/// rows written during a unit of work commit or roll back with it. Goes around the change tracker on purpose: the
/// trail must not be written by the very SaveChanges it describes.
/// </summary>
internal static class AuditWriter
{
    private static readonly string Sql = $"""
        INSERT INTO {GuaGouDbContext.Schema}.audit_log (occurred_at, user_id, user_name, display_name, role_code, region_code,
            client_ip, request_id, action, entity_type, entity_id, record_type, record_id, before, after)
        SELECT @at, @user_id, @user_name, @display_name, @role_code, @region_code, @client_ip, @request_id,
            e.action, e.entity_type, e.entity_id, e.record_type, e.record_id, e.before::jsonb, e.after::jsonb
        FROM unnest(@action, @entity_type, @entity_id, @record_type, @record_id, @before, @after)
            AS e(action, entity_type, entity_id, record_type, record_id, before, after)
        """;

    public static async Task WriteAsync(GuaGouDbContext db, AuditActor actor, DateTimeOffset at, IReadOnlyList<AuditEvent> events,
        CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        object[] parameters =
        [
            new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() },
            new NpgsqlParameter("user_id", NpgsqlDbType.Uuid) { Value = (object?)actor.UserId ?? DBNull.Value },
            Text("user_name", AuditSnapshot.Truncate(actor.UserName, AuditEntry.MaxNameLength)),
            Text("display_name", AuditSnapshot.Truncate(actor.DisplayName, AuditEntry.MaxNameLength)),
            Text("role_code", AuditSnapshot.Truncate(actor.RoleCode, AuditEntry.MaxCodeLength)),
            Text("region_code", AuditSnapshot.Truncate(actor.RegionCode, 12)),
            Text("client_ip", AuditSnapshot.Truncate(actor.ClientIp, 45)),
            Text("request_id", AuditSnapshot.Truncate(actor.RequestId, AuditEntry.MaxIdLength)),
            Texts("action", events.Select(e => e.Action)),
            Texts("entity_type", events.Select(e => AuditSnapshot.Truncate(e.EntityType, AuditEntry.MaxIdLength))),
            Texts("entity_id", events.Select(e => AuditSnapshot.Truncate(e.EntityId, AuditEntry.MaxIdLength))),
            Texts("record_type", events.Select(e => AuditSnapshot.Truncate(e.RecordType, AuditEntry.MaxIdLength))),
            Texts("record_id", events.Select(e => AuditSnapshot.Truncate(e.RecordId, AuditEntry.MaxIdLength))),
            Texts("before", events.Select(e => e.Before)),
            Texts("after", events.Select(e => e.After)),
        ];
        await db.Database.ExecuteSqlRawAsync(Sql, parameters, ct);
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
