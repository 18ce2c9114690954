using System.Diagnostics;
using System.Globalization;
using GuaGou.Domain.Access;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Infrastructure;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.ProjectAreas;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static GuaGou.Bench.Parcels.Stats;

namespace GuaGou.Bench.Parcels;

/// <summary>
/// The commands that run against a migrated, seeded database through the application's own services, built as the
/// CLI and the tests build them (<c>AddGuaGouInfrastructure</c>). Each step runs in its own DI scope, as each web
/// request does: a fresh DbContext, a pooled connection.
/// </summary>
internal static class DatabaseCommands
{
    private const string CountyCode = "150421";
    private const string ClerkUserName = "bench-clerk";

    /// <summary>
    /// <c>commit CONNECTION PATH RUNS</c>: per run, a new project area (ProjectAreaService.FileAsync), the upload of the
    /// file, its preview (what the clerk looks at before confirming) and the timed CommitAsync — re-read, validate,
    /// PostGIS overlap check, replace the zone's parcels, save. Run 1 is the warm-up. Every project but the last is
    /// deleted again, so each run starts from the same database and its parcels do not overlap the next run's.
    /// </summary>
    public static async Task<int> CommitAsync(string connectionString, string path, int runs)
    {
        var content = await File.ReadAllBytesAsync(path);
        using var sql = new SqlClock();
        await using var services = CreateServices(connectionString);
        var (user, countyId, townshipId) = await PrepareAsync(services);

        var commits = new List<double>();
        string? kept = null;
        for (var run = 0; run < runs; run++)
        {
            var warmUp = run == 0 && runs > 1;
            ProjectCode code;
            await using (var scope = services.CreateAsyncScope())
            {
                code = await scope.ServiceProvider.GetRequiredService<ProjectAreaService>().FileAsync(user, countyId,
                    new ProjectAreaDetails($"基准测试项目区（第 {run + 1} 次导入）", 2026, ProjectKind.InCounty, PlanType.ProjectArea, "旗自然资源局"));
            }

            var started = Stopwatch.GetTimestamp();
            Guid importId;
            await using (var scope = services.CreateAsyncScope())
            {
                importId = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().UploadAsync(user, code,
                    new UploadRequest(Zone.Demolition, Path.GetFileName(path), content, townshipId, ReclamationDirection.Farmland, null, "0702"));
            }

            var upload = Stopwatch.GetElapsedTime(started);
            started = Stopwatch.GetTimestamp();
            ImportPreview preview;
            await using (var scope = services.CreateAsyncScope())
            {
                preview = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().PreviewAsync(user, code, importId)
                    ?? throw new InvalidOperationException("the upload has no preview");
            }

            var previewTime = Stopwatch.GetElapsedTime(started);
            if (!preview.Set.CanCommit)
            {
                await Console.Error.WriteLineAsync($"the file cannot be committed: {preview.Set.Errors.Count} errors");
                foreach (var error in preview.Set.Errors.Take(5))
                {
                    await Console.Error.WriteLineAsync($"  {error.Message}");
                }

                return 1;
            }

            // The PostGIS overlap query alone, for the file's parcels, as CommitAsync runs it (informative breakdown).
            started = Stopwatch.GetTimestamp();
            int projectId;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GuaGouDbContext>();
                projectId = await db.ProjectAreas.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
                var candidates = preview.Set.Parcels.Select(p => new ParcelCandidate(p.Line, p.Code, p.Geographic!)).ToList();
                started = Stopwatch.GetTimestamp();
                await scope.ServiceProvider.GetRequiredService<ParcelOverlapChecker>().FindAsync(projectId, Zone.Demolition, candidates);
            }

            var overlapTime = Stopwatch.GetElapsedTime(started);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            sql.Reset();
            var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            var cpu = Environment.CpuUsage.TotalTime;
            started = Stopwatch.GetTimestamp();
            int replaced;
            await using (var scope = services.CreateAsyncScope())
            {
                replaced = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().CommitAsync(user, code, importId, preview.ProjectVersion);
            }

            var commit = Stopwatch.GetElapsedTime(started);
            var cpuTime = Environment.CpuUsage.TotalTime - cpu;
            var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
            var (stored, withBoundary) = await CountParcelsAsync(connectionString, projectId);
            if (stored != preview.Set.Parcels.Count || withBoundary != stored || replaced != 0)
            {
                await Console.Error.WriteLineAsync($"run {run + 1}: expected {preview.Set.Parcels.Count} parcels with boundary, found {stored} ({withBoundary} with boundary)");
                return 1;
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"commit run {run + 1}{(warmUp ? " (warm-up)" : "")} into {code}: commit {Ms(commit)} ms, harness CPU time {Ms(cpuTime)} ms " +
                $"(SaveChanges {Ms(sql.SaveChangesTime)} ms, EF SQL {Ms(sql.CommandTime)} ms in {sql.Commands} commands, {gcs} GCs); " +
                $"overlap query for the {stored} parcels alone {Ms(overlapTime)} ms; upload {Ms(upload)} ms, preview {Ms(previewTime)} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BENCH commit_run run={run + 1} warmup={(warmUp ? 1 : 0)} project={code} parcels={stored} commit_ms={Ms(commit)} cpu_ms={Ms(cpuTime)} " +
                $"savechanges_ms={Ms(sql.SaveChangesTime)} ef_sql_ms={Ms(sql.CommandTime)} ef_commands={sql.Commands} overlap_query_ms={Ms(overlapTime)} " +
                $"upload_ms={Ms(upload)} preview_ms={Ms(previewTime)}"));
            if (!warmUp)
            {
                commits.Add(commit.TotalMilliseconds);
            }

            if (run < runs - 1)
            {
                await DeleteProjectAsync(connectionString, code);
            }
            else
            {
                kept = code.Value;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH commit runs={commits.Count} median_ms={Ms(Median(commits))} min_ms={Ms(commits.Min())} max_ms={Ms(commits.Max())} kept_project={kept}"));
        return 0;
    }

    /// <summary>
    /// <c>overlap CONNECTION REPEATS</c>: ParcelOverlapChecker.FindAsync for one new parcel at a time (a different one of
    /// the benchmark layout each time, 10 000 × 50 vertices, spread over its 8 km square) against the parcels stored.
    /// Ten untimed calls first. Then, for the breakdown of a commit, the same query for all 10 000 at once.
    /// </summary>
    public static async Task<int> OverlapAsync(string connectionString, int repeats)
    {
        const int layoutCount = 10_000;
        const int warmUps = 10;
        await using var services = CreateServices(connectionString);
        var times = new List<double>();
        var found = 0;
        var candidatesWithOverlap = 0;
        for (var call = 0; call < warmUps + repeats; call++)
        {
            var index = (int)((call * 7919L) % layoutCount);
            var geographic = GaussKruger.ToCgcs2000(ParcelLayout.Projected(index, layoutCount, 50), ParcelLayout.Zone);
            var candidate = new ParcelCandidate(1, ParcelLayout.Code(index), geographic);
            await using var scope = services.CreateAsyncScope();
            var checker = scope.ServiceProvider.GetRequiredService<ParcelOverlapChecker>();
            var started = Stopwatch.GetTimestamp();
            var overlaps = await checker.FindAsync(0, Zone.Demolition, [candidate]);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (call >= warmUps)
            {
                times.Add(elapsed.TotalMilliseconds);
                found += overlaps.Count;
                candidatesWithOverlap += overlaps.Count > 0 ? 1 : 0;
            }
        }

        // The same query for a whole file (the 10 000 parcels of the layout at once), as the preview and the commit run
        // it: what the stored parcels add to a commit. Median of 3.
        var file = Enumerable.Range(0, layoutCount).Select(i => new ParcelCandidate(i + 1, ParcelLayout.Code(i),
            GaussKruger.ToCgcs2000(ParcelLayout.Projected(i, layoutCount, 50), ParcelLayout.Zone))).ToList();
        var fileTimes = new List<double>();
        var fileOverlaps = 0;
        for (var run = 0; run < 3; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var started = Stopwatch.GetTimestamp();
            fileOverlaps = (await scope.ServiceProvider.GetRequiredService<ParcelOverlapChecker>().FindAsync(0, Zone.Demolition, file)).Count;
            fileTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var stored = await ScalarAsync(connectionString, "SELECT count(*) FROM guagou.parcels WHERE boundary IS NOT NULL");
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"overlap check of one new parcel against {stored} stored parcels with a boundary, {repeats} calls: " +
            $"median {Ms(Median(times))} ms, p95 {Ms(Percentile(times, 95))} ms, min {Ms(times.Min())} ms, max {Ms(times.Max())} ms; " +
            $"{candidatesWithOverlap} of the new parcels overlapped stored ones ({found} overlaps reported). " +
            $"All {layoutCount} parcels at once: {string.Join(" / ", fileTimes.Select(Ms))} ms, {fileOverlaps} overlaps"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH overlap stored={stored} calls={times.Count} median_ms={Median(times):0.00} p95_ms={Percentile(times, 95):0.00} " +
            $"p99_ms={Percentile(times, 99):0.00} min_ms={times.Min():0.00} max_ms={times.Max():0.00} with_overlap={candidatesWithOverlap} overlaps={found} " +
            $"file_parcels={layoutCount} file_median_ms={Ms(Median(fileTimes))} file_overlaps={fileOverlaps}"));
        return 0;
    }

    /// <summary>The infrastructure services over a given database, as the CLI and tests/Shared/TestDatabase build them.</summary>
    internal static ServiceProvider CreateServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", connectionString)])
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddGuaGouInfrastructure()
            .BuildServiceProvider();
    }

    /// <summary>A county clerk of 150421 (created once), the county and its first township.</summary>
    internal static async Task<(CurrentUser User, int CountyId, int TownshipId)> PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuaGouDbContext>();
        var county = await db.Regions.AsNoTracking().SingleAsync(r => r.Code == RegionCode.Parse(CountyCode));
        var township = await db.Regions.AsNoTracking().Where(r => r.ParentId == county.Id && r.Level == RegionLevel.Township)
            .OrderBy(r => r.Id).FirstAsync();
        var clerk = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(ClerkUserName)
            ?? await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
                new NewUser(ClerkUserName, "基准测试经办人", "GuaGou-Bench-2026", Roles.CountyClerk, CountyCode, MustChangePassword: false));
        return (new CurrentUser(clerk.Id, clerk.DisplayName, Roles.CountyClerk, county.Code, county.Id), county.Id, township.Id);
    }

    private static async Task<(long Parcels, long WithBoundary)> CountParcelsAsync(string connectionString, int projectId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(boundary) FROM guagou.parcels WHERE project_area_id = @id", connection);
        command.Parameters.AddWithValue("id", projectId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Parcels, imports, versions and stage records go with the project (ON DELETE CASCADE).</summary>
    internal static async Task DeleteProjectAsync(string connectionString, ProjectCode code)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM guagou.project_areas WHERE code = @code", connection);
        command.Parameters.AddWithValue("code", code.Value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
