using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Web.Tests.Persistence;

/// <summary>
/// The migrations are written by hand, so this test proves they build exactly the schema the EF model
/// describes: a database made by the migrations is compared with one made by EnsureCreated, through the
/// catalog (tables, columns and types, nullability, defaults, identity, keys, foreign keys, checks, indexes).
/// The only allowed difference is the generated PostGIS columns listed in <see cref="SpatialColumn.All"/>.
/// </summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Migrations_WhenAppliedToEmptyDatabase_ProduceTheModelsSchema()
    {
        var migrated = await TestDatabase.CreateEmptyAsync("drift_mig");
        await using (var db = TestDatabase.CreateContext(migrated))
        {
            await db.Database.MigrateAsync();
        }

        var created = await TestDatabase.CreateEmptyAsync("drift_model");
        await using (var db = TestDatabase.CreateContext(created))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var fromMigrations = await DescribeSchemaAsync(migrated);
        var fromModel = await DescribeSchemaAsync(created);

        var spatial = SpatialColumn.All
            .SelectMany(c => new[]
            {
                $"column {c.Table}.{c.GeometryColumn} geometry NULL generated=ALWAYS default=",
                $"index {c.Table}.{c.IndexName}: CREATE INDEX {c.IndexName} ON {GuaGouDbContext.Schema}.{c.Table} USING gist ({c.GeometryColumn})",
            })
            .ToHashSet();
        var onlyInMigrations = fromMigrations.Except(fromModel).ToList();
        var onlyInModel = fromModel.Except(fromMigrations).ToList();

        Assert.True(onlyInModel.Count == 0, "The model has what the migrations lack:\n" + string.Join("\n", onlyInModel));
        Assert.True(onlyInMigrations.ToHashSet().SetEquals(spatial),
            "The migrations differ from the model beyond the generated PostGIS columns:\n"
            + string.Join("\n", onlyInMigrations.Except(spatial))
            + (spatial.Except(onlyInMigrations).Any() ? "\nmissing spatial objects:\n" + string.Join("\n", spatial.Except(onlyInMigrations)) : ""));
    }

    [Fact]
    public async Task Migrations_CreateEachSpatialColumnWithItsTypeAndSrid()
    {
        var migrated = await TestDatabase.CreateEmptyAsync("drift_geo");
        await using (var db = TestDatabase.CreateContext(migrated))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(migrated);
        await connection.OpenAsync();
        foreach (var column in SpatialColumn.All)
        {
            await using var command = new NpgsqlCommand(
                "SELECT type, srid FROM geometry_columns WHERE f_table_schema = @s AND f_table_name = @t AND f_geometry_column = @c",
                connection);
            command.Parameters.AddWithValue("s", GuaGouDbContext.Schema);
            command.Parameters.AddWithValue("t", column.Table);
            command.Parameters.AddWithValue("c", column.GeometryColumn);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"{column.Table}.{column.GeometryColumn} is not a PostGIS geometry column");
            Assert.Equal(column.GeometryType.ToUpperInvariant(), reader.GetString(0));
            Assert.Equal(column.Srid, reader.GetInt32(1));
        }
    }

    /// <summary>Every schema object of ours as one comparable line.</summary>
    private static async Task<HashSet<string>> DescribeSchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' '
                   || CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END
                   || coalesce('(' || c.character_maximum_length || ')', '')
                   || CASE WHEN c.is_nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END
                   || CASE WHEN c.is_identity = 'YES' THEN ' identity=' || c.identity_generation ELSE '' END
                   || CASE WHEN c.is_generated = 'ALWAYS' THEN ' generated=ALWAYS' ELSE '' END
                   || CASE WHEN c.is_generated = 'ALWAYS' OR c.column_default IS NOT NULL THEN ' default=' || coalesce(c.column_default, '') ELSE '' END
            FROM information_schema.columns c
            WHERE c.table_schema = @schema AND c.table_name <> @history
            UNION ALL
            SELECT 'constraint ' || rel.relname || '.' || con.conname || ': ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = @schema AND rel.relname <> @history
            UNION ALL
            SELECT 'index ' || i.tablename || '.' || i.indexname || ': ' || i.indexdef
            FROM pg_indexes i
            WHERE i.schemaname = @schema AND i.tablename <> @history
              AND i.indexname NOT IN (SELECT conname FROM pg_constraint)
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", GuaGouDbContext.Schema);
        command.Parameters.AddWithValue("history", GuaGouDbContext.MigrationsHistoryTable);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        Assert.NotEmpty(lines);
        return lines;
    }
}
