using GuaGou.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Persistence;

/// <summary>
/// The privileges of the application role — the role the web app, the seeders, imports and every CLI command except
/// <c>migrate</c> connect as: rows only (least privilege, OWASP ASVS V1.4 access control architecture). The owner
/// role, which owns the schema and runs the migrations, applies them after every migration
/// (<see cref="DatabaseMigrator"/>), so a table added by a future migration can never be forgotten; default privileges
/// cover it in between. The roles themselves and who owns what are set up by the cluster's superuser
/// (deploy/db-roles.sql).
/// </summary>
public static class DatabaseRoles
{
    public const string OwnerRole = "guagou_owner";
    public const string AppRole = "guagou_app";

    /// <summary>Tables the application may read and append to, but never change or empty.</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["audit_log"];

    private const string S = GuaGouDbContext.Schema;

    /// <summary>
    /// Run by the owner (it owns the database, the schema and its objects, so it may grant and revoke on them).
    /// Everything is first revoked and then granted again, so a privilege given by hand does not survive the next
    /// migration. One DO block: one statement, applied whole or not at all.
    /// </summary>
    private static readonly string GrantSql = $$"""
        DO $grants$
        DECLARE
            app constant text := current_setting('guagou.app_role');
        BEGIN
            -- No new schemas (database) and no new tables, functions … (our schema) for anyone but the owner.
            EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC, %I', current_database(), app);
            EXECUTE format('REVOKE ALL ON SCHEMA {{S}} FROM PUBLIC, %I', app);
            EXECUTE format('GRANT USAGE ON SCHEMA {{S}} TO %I', app);

            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA {{S}} FROM %I', app);
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA {{S}} FROM %I', app);
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {{S}} TO %I', app);
            EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{S}} TO %I', app);
            -- The history of migrations is the owner's; the app may only read it.
            EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON {{S}}.{{GuaGouDbContext.MigrationsHistoryTable}} FROM %I', app);
            {{string.Join("\n    ", AppendOnlyTables.Select(t =>
                $"EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON {S}.{t} FROM PUBLIC, %I', app);"))}}

            -- Tables and sequences the owner creates later get the same row privileges at once.
            EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA {{S}} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', current_user, app);
            EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA {{S}} GRANT USAGE, SELECT ON SEQUENCES TO %I', current_user, app);
        END
        $grants$;
        """;

    /// <summary>
    /// Grants the application role its privileges on the migrated schema (idempotent). Refuses a role that is missing,
    /// a superuser, or the connected role itself or one of its members (it would hold the owner's rights).
    /// </summary>
    public static async Task GrantAsync(GuaGouDbContext db, string appRole, CancellationToken cancellationToken = default)
    {
        var role = await db.Database.SqlQuery<RoleFacts>($"""
            SELECT rolsuper AS "IsSuperuser", rolname = current_user AS "IsCurrentUser",
                   pg_has_role(rolname, current_user, 'MEMBER') AS "HoldsCurrentUser"
            FROM pg_roles WHERE rolname = {appRole}
            """).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("database.app_role.missing",
                $"数据库中没有应用角色“{appRole}”：请先以超级用户运行 deploy/run.sh（或 deploy/db-roles.sql）创建它。");
        if (role.IsSuperuser || role.IsCurrentUser || role.HoldsCurrentUser)
        {
            throw new DomainException("database.app_role.privileged",
                $"应用角色“{appRole}”不能是超级用户、迁移所用的角色或其成员：它只应读写数据。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT set_config('guagou.app_role', {appRole}, true)", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(GrantSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<bool> ExistsAsync(GuaGouDbContext db, string role, CancellationToken cancellationToken = default) =>
        await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {role}) AS \"Value\"")
            .SingleAsync(cancellationToken);

    private sealed record RoleFacts(bool IsSuperuser, bool IsCurrentUser, bool HoldsCurrentUser);
}
