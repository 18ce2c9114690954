using GuaGou.Infrastructure.Persistence;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// What the role the web app connects as can do to the database: read and write rows, nothing more. An injection or a
/// compromised app process must not be able to erase the audit trail, change the schema or reach the server's shell.
/// </summary>
public sealed class ApplicationRoleTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task WebApp_UnderTest_ConnectsAsTheApplicationRole()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuaGouDbContext>();

        var user = await db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync();

        Assert.Equal(DatabaseRoles.AppRole, user);
    }

    [Fact]
    public async Task ApplicationRole_IsNoSuperuser_OwnsNothing_AndIsMemberOfNoRole()
    {
        await using var connection = await OpenAsync(app.ConnectionString);

        Assert.Equal("guagou_app|false|false|false|false", await ScalarAsync(connection,
            "SELECT rolname || '|' || rolsuper || '|' || rolcreaterole || '|' || rolcreatedb || '|' || rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync(connection, """
            SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
                 + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) + (SELECT count(*) FROM pg_type WHERE typowner = r.oid)
                 + (SELECT count(*) FROM pg_database WHERE datdba = r.oid) + (SELECT count(*) FROM pg_auth_members WHERE member = r.oid)
            FROM pg_roles r WHERE r.rolname = current_user
            """));
    }

    [Theory]
    [InlineData("ALTER TABLE guagou.audit_log DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE guagou.audit_log DISABLE TRIGGER audit_log_no_update_or_delete")]
    [InlineData("DROP TRIGGER audit_log_no_update_or_delete ON guagou.audit_log")]
    [InlineData("DROP FUNCTION guagou.audit_log_refuse_change() CASCADE")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("SET LOCAL session_replication_role = replica")]
    [InlineData("CREATE TABLE guagou.intruder (id int)")]
    [InlineData("CREATE FUNCTION guagou.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'")]
    [InlineData("CREATE TABLE public.intruder (id int)")]
    [InlineData("CREATE SCHEMA intruder")]
    [InlineData("ALTER TABLE guagou.users ADD COLUMN intruder int")]
    [InlineData("DROP TABLE guagou.regions CASCADE")]
    [InlineData("TRUNCATE guagou.regions CASCADE")]
    [InlineData("DELETE FROM guagou.ef_migrations_history")]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'id'")]
    [InlineData("COPY guagou.users FROM PROGRAM 'id'")]
    [InlineData("COPY (SELECT 1) TO '/tmp/guagou-intruder.txt'")]
    [InlineData("SELECT pg_read_file('/etc/passwd')")]
    [InlineData("CREATE EXTENSION IF NOT EXISTS adminpack")] // untrusted: superuser only
    [InlineData("CREATE EXTENSION IF NOT EXISTS pgcrypto")] // trusted: needs CREATE on the database
    public async Task ApplicationRole_WhenItTriesMoreThanRowChanges_IsRefused(string sql)
    {
        await using var connection = await OpenAsync(app.ConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task ApplicationRole_Privileges_AreRowsOfOurTables_AppendOnlyForTheAuditLog_ReadOnlyForTheMigrationHistory()
    {
        await using var connection = await OpenAsync(app.ConnectionString);
        var privileges = new Dictionary<string, string>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.relname,
                   concat_ws(',', CASE WHEN has_table_privilege(c.oid, 'SELECT') THEN 'select' END,
                       CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'insert' END,
                       CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'update' END,
                       CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'delete' END,
                       CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'truncate' END,
                       CASE WHEN has_table_privilege(c.oid, 'REFERENCES') THEN 'references' END,
                       CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'trigger' END)
            FROM pg_class c WHERE c.relnamespace = 'guagou'::regnamespace AND c.relkind = 'r'
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                privileges[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.True(privileges.Count > 10, "the schema's tables are listed");
        Assert.Equal("select,insert", privileges["audit_log"]);
        Assert.Equal("select", privileges[GuaGouDbContext.MigrationsHistoryTable]);
        Assert.All(privileges.Where(p => p.Key is not "audit_log" and not GuaGouDbContext.MigrationsHistoryTable),
            p => Assert.Equal((p.Key, "select,insert,update,delete"), (p.Key, p.Value)));
    }

    [Fact]
    public async Task GrantStep_AfterATableIsAddedAndAPrivilegeGrantedByHand_CoversTheNewTableAndTakesTheExtraPrivilegeBack()
    {
        var appConnection = await TestDatabase.CreateMigratedAsync("grants");
        await using (var owner = await OpenAsync(TestDatabase.AsOwner(appConnection)))
        {
            // As a future migration would, and as an operator might by hand.
            await ScalarAsync(owner, "CREATE TABLE guagou.future_things (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text)");
            await ScalarAsync(owner, $"GRANT TRUNCATE ON guagou.regions TO {DatabaseRoles.AppRole}");
        }

        await using (var app = await OpenAsync(appConnection))
        {
            // Default privileges: the new table is usable at once, before any grant step.
            await ScalarAsync(app, "INSERT INTO guagou.future_things (name) VALUES ('a')");
            Assert.True((bool)(await ScalarAsync(app, "SELECT has_table_privilege('guagou.regions', 'TRUNCATE')"))!);
        }

        await using (var db = TestDatabase.CreateContext(TestDatabase.AsOwner(appConnection)))
        {
            await new DatabaseMigrator(db).MigrateAsync(DatabaseRoles.AppRole);
        }

        await using var after = await OpenAsync(appConnection);
        Assert.False((bool)(await ScalarAsync(after, "SELECT has_table_privilege('guagou.regions', 'TRUNCATE')"))!);
        Assert.Equal(1, await ScalarAsync(after, "UPDATE guagou.future_things SET name = 'b' RETURNING 1"));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
