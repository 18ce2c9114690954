using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>
/// Writes new parcels with PostgreSQL's binary COPY on the context's connection, inside its current transaction.
/// Tracking ten thousand new entities costs EF Core seconds (change detection, fix-up of the project's parcel list,
/// one command per row); COPY needs a fraction of that. Columns and values come from the EF model — the same
/// column names and value converters (EWKB boundary, enum and value-object columns) as an EF insert — so a
/// property added to <see cref="Parcel"/> is written too. The generated PostGIS column is not in the model.
/// </summary>
internal static class ParcelCopy
{
    public static async Task WriteAsync(GuaGouDbContext db, int projectAreaId, IReadOnlyList<Parcel> parcels, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Parcels are copied only inside the transaction of the whole replacement.");
        }

        var entity = db.Model.FindEntityType(typeof(Parcel))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => new Column(p, table)).ToList();
        var foreignKey = entity.FindProperty(nameof(Parcel.ProjectAreaId))!;
        var sql = $"COPY {Quote(table.Schema)}.{Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var parcel in parcels)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                // The new parcels are not attached to the tracked project, so EF has not set their foreign key.
                var value = column.Property == foreignKey ? projectAreaId : column.ProviderValue(parcel);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, column.Type, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static string Quote(string? name) => '"' + (name ?? "public").Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    private sealed class Column(IProperty property, StoreObjectIdentifier table)
    {
        private readonly IClrPropertyGetter getter = property.GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter = property.GetTypeMapping().Converter;

        public IProperty Property { get; } = property;

        public string Name { get; } = property.GetColumnName(table)!;

        public NpgsqlDbType Type { get; } = TypeOf(property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType, property.Name);

        /// <summary>The value as EF would send it: null stays null (EF never passes null through a converter).</summary>
        public object? ProviderValue(Parcel parcel)
        {
            var value = getter.GetClrValue(parcel);
            return value is null || converter is null ? value : converter.ConvertToProvider(value);
        }

        private static NpgsqlDbType TypeOf(Type clrType, string name) => (Nullable.GetUnderlyingType(clrType) ?? clrType) switch
        {
            var t when t == typeof(string) => NpgsqlDbType.Text,
            var t when t == typeof(int) => NpgsqlDbType.Integer,
            var t when t == typeof(long) => NpgsqlDbType.Bigint,
            var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
            var t when t == typeof(double) => NpgsqlDbType.Double,
            var t when t == typeof(bool) => NpgsqlDbType.Boolean,
            var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
            var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
            var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
            var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            var t => throw new NotSupportedException($"Parcel.{name}: COPY of {t.Name} columns is not set up; add its NpgsqlDbType here."),
        };
    }
}
