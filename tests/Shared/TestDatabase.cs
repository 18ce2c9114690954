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
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "GUAGOU_TEST_PG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? templateName;

    /// <summary>Connection string of the test cluster's maintenance database. Never skips: missing means failing.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"环境变量 {EnvironmentVariable} 未设置：这些测试需要真实的 PostgreSQL + PostGIS。" +
                "请运行 deploy/test.sh（它会启动一个临时数据库集群并设置该变量）。");

    /// <summary>A new database with the schema migrated and reference data (roles, regions) seeded.</summary>
    public static async Task<string> CreateMigratedAsync(string purpose)
    {
        await Gate.WaitAsync();
        try
        {
            templateName ??= await CreateTemplateAsync();
            var name = UniqueName(purpose);
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
            return ConnectionStringFor(name);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new database with only the postgis extension: for tests that build a schema themselves.</summary>
    public static async Task<string> CreateEmptyAsync(string purpose)
    {
        var name = UniqueName(purpose);
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = ConnectionStringFor(name);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

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

    private static async Task<string> CreateTemplateAsync()
    {
        var name = UniqueName("template");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        // No pooling: CREATE DATABASE … TEMPLATE fails while any session is still connected to the template.
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        await using (var services = CreateServices(connectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return name;
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
