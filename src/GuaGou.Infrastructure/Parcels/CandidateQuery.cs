using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>
/// Runs a PostGIS query over a batch of new parcels, passed as arrays (@lines, @codes, @ewkbs) that the SQL unnests
/// into a <c>candidate</c> table — one round trip however many parcels a file holds. Uses the context's connection.
/// </summary>
internal static class CandidateQuery
{
    public const string CandidateCte = """
        candidate AS (
            SELECT c.line, c.code, ST_GeomFromEWKB(c.ewkb) AS geom FROM unnest(@lines, @codes, @ewkbs) AS c(line, code, ewkb))
        """;

    public static async Task<List<T>> RunAsync<T>(GuaGouDbContext db, string sql, IReadOnlyList<ParcelCandidate> candidates,
        Action<NpgsqlParameterCollection> parameters, Func<NpgsqlDataReader, T?> read, CancellationToken ct) where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("lines", candidates.Select(c => c.Line).ToArray());
            command.Parameters.AddWithValue("codes", candidates.Select(c => c.Code).ToArray());
            command.Parameters.AddWithValue("ewkbs", candidates.Select(c => EwkbGeometry.Write(c.Geographic)).ToArray());
            parameters(command.Parameters);
            var results = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (read(reader) is { } item)
                {
                    results.Add(item);
                }
            }

            return results;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
