using GuaGou.Infrastructure;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuaGou.Testing;

/// <summary>
/// Throw-away databases on the real PostgreSQL + PostGIS cluster that deploy/test.sh starts. Each test process
/// migrates and seeds one template database once; every fixture then gets its own copy in milliseconds.
/// The roles are those of an installation (deploy/db-roles.sql, with fixed test passwords): the template is owned and
/// migrated by the owner role, seeded by the application role, and every copy is used through the application role —
/// so the tests exercise the privileges the web app really has. <see cref="AsOwner"/> and <see cref="AsAdmin"/> are
/// for the few tests that need more (catalogs, DDL, the roles themselves).
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "GUAGOU_TEST_PG";
    public const string OwnerPassword = "guagou-test-owner-password";
    public const string AppPassword = "guagou-test-app-password";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? templateName;

    /// <summary>Connection string of the test cluster's maintenance database. Never skips: missing means failing.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"环境变量 {EnvironmentVariable} 未设置：这些测试需要真实的 PostgreSQL + PostGIS。" +
                "请运行 deploy/test.sh（它会启动一个临时数据库集群并设置该变量）。");

    /// <summary>
    /// A new database with the schema migrated and reference data (roles, regions) seeded; the connection string is the
    /// application role's.
    /// </summary>
    public static async Task<string> CreateMigratedAsync(string purpose)
    {
        await Gate.WaitAsync();
        try
        {
            templateName ??= await CreateTemplateAsync();
            var name = UniqueName(purpose);
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\" OWNER {DatabaseRoles.OwnerRole}");
            return AppConnectionStringFor(name);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A new database with only the postgis extension, owned by the superuser: for tests that build a schema themselves.
    /// The connection string is the superuser's.
    /// </summary>
    public static async Task<string> CreateEmptyAsync(string purpose)
    {
        var name = UniqueName(purpose);
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = AdminConnectionStringFor(name);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    /// <summary>
    /// A new database as deploy/run.sh prepares it before the first migration: postgis created by the superuser, the two
    /// roles set up and the database owned by the owner role (deploy/db-roles.sql). The connection string is the owner's.
    /// </summary>
    public static async Task<string> CreateForOwnerAsync(string purpose)
    {
        var admin = await CreateEmptyAsync(purpose);
        await ApplyRolesScriptAsync(admin);
        return AsOwner(admin);
    }

    /// <summary>
    /// Runs deploy/db-roles.sql as the superuser on the given database: the roles (created or corrected) and the move of
    /// the database, schema and objects to the owner role — the same script deploy/run.sh runs on an installation.
    /// </summary>
    public static async Task ApplyRolesScriptAsync(string connectionString)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(GuaGouAppFactory.RepositoryRoot(), "deploy", "db-roles.sql"));
        // Web and E2E tests may run at once against the same cluster, where roles are shared: two sessions altering one
        // role at the same moment make one of them fail ("tuple concurrently updated"); the script is idempotent, so again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(
                    new NpgsqlConnectionStringBuilder(AsAdmin(connectionString)) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using (var settings = new NpgsqlCommand(
                    """
                    SELECT set_config('guagou.owner_role', @owner, false), set_config('guagou.app_role', @app, false),
                           set_config('guagou.schema', @schema, false), set_config('guagou.owner_password', @ownerPassword, false),
                           set_config('guagou.app_password', @appPassword, false)
                    """, connection))
                {
                    settings.Parameters.AddWithValue("owner", DatabaseRoles.OwnerRole);
                    settings.Parameters.AddWithValue("app", DatabaseRoles.AppRole);
                    settings.Parameters.AddWithValue("schema", GuaGouDbContext.Schema);
                    settings.Parameters.AddWithValue("ownerPassword", OwnerPassword);
                    settings.Parameters.AddWithValue("appPassword", AppPassword);
                    await settings.ExecuteNonQueryAsync();
                }

                await using var command = new NpgsqlCommand(script, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5 && e.SqlState is PostgresErrorCodes.InternalError or PostgresErrorCodes.UniqueViolation
                                                  or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.SerializationFailure)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    public static string AdminConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    public static string AppConnectionStringFor(string database) => AsApp(AdminConnectionStringFor(database));

    /// <summary>The same database as the superuser: catalogs, roles, anything an installation's administrator does.</summary>
    public static string AsAdmin(string connectionString) =>
        AdminConnectionStringFor(new NpgsqlConnectionStringBuilder(connectionString).Database!);

    /// <summary>The same database as the owner role: DDL, as a migration would; the trigger still guards the audit log.</summary>
    public static string AsOwner(string connectionString) => As(connectionString, DatabaseRoles.OwnerRole, OwnerPassword);

    /// <summary>The same database as the application role, the one the web app connects as.</summary>
    public static string AsApp(string connectionString) => As(connectionString, DatabaseRoles.AppRole, AppPassword);

    private static string As(string connectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;

    public static GuaGouDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<GuaGouDbContext>();
        DependencyInjection.ConfigureDbContext(options, connectionString);
        return new GuaGouDbContext(options.Options);
    }

    /// <summary>The infrastructure services (Identity, seeders …) over a given database, as the CLI builds them.</summary>
    public static ServiceProvider CreateServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", connectionString),
                new("GuaGou:Documents:Root", Path.Combine(Path.GetTempPath(), "guagou-test-documents", Guid.NewGuid().ToString("N"))),
            ])
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddGuaGouInfrastructure()
            .BuildServiceProvider();
    }

    /// <summary>As deploy/run.sh does it: roles, migrations and grants as the owner, reference data as the application.</summary>
    private static async Task<string> CreateTemplateAsync()
    {
        // No pooling: CREATE DATABASE … TEMPLATE fails while any session is still connected to the template.
        var owner = new NpgsqlConnectionStringBuilder(await CreateForOwnerAsync("template")) { Pooling = false }.ConnectionString;
        await using (var services = CreateServices(owner))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(DatabaseRoles.AppRole);
        }

        await using (var services = CreateServices(AsApp(owner)))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(owner).Database!;
    }

    private static string UniqueName(string purpose)
    {
        var name = $"gg_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        return name.Length <= 63 ? name : name[..63];
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
