using GuaGou.Cli;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Seeding;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace GuaGou.Web.Tests.Persistence;

/// <summary>
/// The owner and application roles as deploy/run.sh sets them up (deploy/db-roles.sql, then <c>guagou migrate</c> as the
/// owner): a new database, and an installation made before the roles existed, whose objects all belonged to the
/// cluster's superuser.
/// </summary>
public sealed class DatabaseRolesTests
{
    [Fact]
    public async Task Migrate_AsTheOwnerOnANewDatabase_CreatesTheSchema_AndTheApplicationRoleCanSeedIt()
    {
        var owner = await TestDatabase.CreateForOwnerAsync("roles_new");
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["migrate", "--connection", owner, "--app-role", DatabaseRoles.AppRole], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains($"已授予应用角色 {DatabaseRoles.AppRole}", output.ToString(), StringComparison.Ordinal);
        await using (var services = TestDatabase.CreateServices(TestDatabase.AsApp(owner)))
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync() > 0);
        }

        await using var admin = await OpenAsync(TestDatabase.AsAdmin(owner));
        Assert.Equal(0L, await ScalarAsync(admin, NotOwnedByTheOwnerSql));
        Assert.Equal(DatabaseRoles.OwnerRole, await ScalarAsync(admin, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
    }

    [Theory]
    [InlineData(DatabaseRoles.OwnerRole, "database.app_role.privileged")] // the role migrating: it owns everything
    [InlineData("guagou_no_such_role", "database.app_role.missing")]
    public async Task Migrate_WithAnAppRoleThatIsPrivilegedOrMissing_IsRefused(string appRole, string code)
    {
        var owner = await TestDatabase.CreateForOwnerAsync("roles_refused");
        var error = new StringWriter();
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["migrate", "--connection", owner, "--app-role", appRole], TextReader.Null, output, error);

        Assert.Equal(1, exit);
        Assert.Contains(appRole, error.ToString(), StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(owner);
        var refusal = await Assert.ThrowsAsync<Domain.Common.DomainException>(() => DatabaseRoles.GrantAsync(db, appRole));
        Assert.Equal(code, refusal.Code);
    }

    [Fact]
    public async Task RolesScript_OnADatabaseMadeByTheOldScripts_MovesEverythingToTheOwner_AndKeepsEveryRow()
    {
        // Before: the superuser migrated, seeded and used the database, as the old deploy/run.sh did.
        var admin = await TestDatabase.CreateEmptyAsync("roles_upgrade");
        await using (var services = TestDatabase.CreateServices(admin))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        await using (var before = await OpenAsync(admin))
        {
            Assert.True((long)(await ScalarAsync(before, NotOwnedByTheOwnerSql))! > 20, "everything belongs to the superuser before");
        }

        var rowsBefore = await RowCountsAsync(admin);

        // The upgrade, twice (every deploy/run.sh runs it): roles and ownership, then migrate and grant as the owner.
        await TestDatabase.ApplyRolesScriptAsync(admin);
        await TestDatabase.ApplyRolesScriptAsync(admin);
        Assert.Equal(0, await CommandLine.RunAsync(["migrate", "--connection", TestDatabase.AsOwner(admin), "--app-role", DatabaseRoles.AppRole],
            TextReader.Null, TextWriter.Null, TextWriter.Null));

        await using (var check = await OpenAsync(admin))
        {
            Assert.Equal(0L, await ScalarAsync(check, NotOwnedByTheOwnerSql));
        }

        Assert.Equal(rowsBefore, await RowCountsAsync(TestDatabase.AsApp(admin)));
        Assert.Contains(rowsBefore, t => t.Key == "audit_log" && t.Value > 0);
        Assert.Contains(rowsBefore, t => t.Key == "users" && t.Value > 0);

        // The application role works with the rows and still cannot remove the trail; the owner is stopped by the trigger.
        await using (var db = TestDatabase.CreateContext(TestDatabase.AsApp(admin)))
        {
            var user = await db.Users.FirstAsync();
            user.DisplayName = "升级之后";
            await db.SaveChangesAsync();
        }

        await using var app = await OpenAsync(TestDatabase.AsApp(admin));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege,
            (await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(app, "DELETE FROM guagou.audit_log"))).SqlState);
        await using var owner = await OpenAsync(TestDatabase.AsOwner(admin));
        var trigger = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(owner, "DELETE FROM guagou.audit_log"));
        Assert.Contains("审计日志只能追加", trigger.MessageText, StringComparison.Ordinal);
    }

    /// <summary>Objects of schema guagou (and the schema and the database) whose owner is not the owner role.</summary>
    private const string NotOwnedByTheOwnerSql = $"""
        WITH o AS (SELECT oid FROM pg_roles WHERE rolname = '{DatabaseRoles.OwnerRole}')
        SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'guagou'::regnamespace AND relowner IS DISTINCT FROM (SELECT oid FROM o))
             + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'guagou'::regnamespace AND proowner IS DISTINCT FROM (SELECT oid FROM o))
             + (SELECT count(*) FROM pg_type WHERE typnamespace = 'guagou'::regnamespace AND typowner IS DISTINCT FROM (SELECT oid FROM o))
             + (SELECT count(*) FROM pg_namespace WHERE nspname = 'guagou' AND nspowner IS DISTINCT FROM (SELECT oid FROM o))
             + (SELECT count(*) FROM pg_database WHERE datname = current_database() AND datdba IS DISTINCT FROM (SELECT oid FROM o))
        """;

    private static async Task<Dictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'guagou'::regnamespace AND relkind = 'r' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = (long)(await ScalarAsync(connection, $"SELECT count(*) FROM guagou.\"{table}\""))!;
        }

        return counts;
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
