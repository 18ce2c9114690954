using System.Diagnostics;
using System.Globalization;
using System.Text;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Infrastructure.ProjectAreas;
using Microsoft.Extensions.DependencyInjection;
using static GuaGou.Bench.Parcels.Stats;

namespace GuaGou.Bench.Parcels;

/// <summary>
/// <c>stacked CONNECTION COUNT RUNS</c>: a file of COUNT identical squares on top of each other — the worst case of the
/// in-file overlap check — uploaded and previewed through ParcelImportService, as the preview page does. Per run a new
/// project area; the first preview of an upload (read + all checks) and a second one (served from the preview
/// cache) are timed. Run 1 is the warm-up. The process's peak working set is reported at the end, so run one COUNT
/// per process.
/// </summary>
internal static class StackedCommands
{
    public static async Task<int> StackedAsync(string connectionString, int count, int runs)
    {
        var content = StackedTxt(count);
        await using var services = DatabaseCommands.CreateServices(connectionString);
        var (user, countyId, townshipId) = await DatabaseCommands.PrepareAsync(services);
        var cold = new List<double>();
        var warm = new List<double>();
        var errors = 0;
        for (var run = 0; run < runs; run++)
        {
            ProjectCode code;
            await using (var scope = services.CreateAsyncScope())
            {
                code = await scope.ServiceProvider.GetRequiredService<ProjectAreaService>().FileAsync(user, countyId,
                    new ProjectAreaDetails($"叠放地块基准测试项目区（第 {run + 1} 次）", 2026, ProjectKind.InCounty, PlanType.ProjectArea, "旗自然资源局"));
            }

            Guid importId;
            await using (var scope = services.CreateAsyncScope())
            {
                importId = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().UploadAsync(user, code,
                    new UploadRequest(Zone.Demolition, "stacked.txt", content, townshipId, ReclamationDirection.Farmland, null, "0702"));
            }

            var times = new double[2];
            for (var i = 0; i < 2; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                var preview = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().PreviewAsync(user, code, importId)
                    ?? throw new InvalidOperationException("the upload has no preview");
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                errors = preview.Set.Errors.Count;
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"stacked run {run + 1}{(run == 0 ? " (warm-up)" : "")}: {count} parcels, first preview {Ms(times[0])} ms, second {Ms(times[1])} ms, {errors} errors listed"));
            if (run > 0 || runs == 1)
            {
                cold.Add(times[0]);
                warm.Add(times[1]);
            }

            await DatabaseCommands.DeleteProjectAsync(connectionString, code);
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH stacked parcels={count} bytes={content.Length} runs={cold.Count} median_ms={Ms(Median(cold))} min_ms={Ms(cold.Min())} " +
            $"max_ms={Ms(cold.Max())} cached_median_ms={Ms(Median(warm))} errors={errors} peak_mb={process.PeakWorkingSet64 / 1048576}"));
        return 0;
    }

    /// <summary>COUNT copies of one 100 m × 80 m square in CGCS2000 3° zone 39 (the FORMATS.md example), each its own code.</summary>
    private static byte[] StackedTxt(int count)
    {
        var text = new StringBuilder("""
            [属性描述]
            坐标系=2000国家大地坐标系
            几度分带=3
            带号=39
            [地块坐标]

            """);
        for (var i = 1; i <= count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"5,0.8000,S{i:00000},叠放地块{i},面,,拆旧复垦,0702,@\n")
                .Append("J1,1,3790100.000,39500000.000\nJ2,1,3790100.000,39500080.000\nJ3,1,3790000.000,39500080.000\n")
                .Append("J4,1,3790000.000,39500000.000\nJ1,1,3790100.000,39500000.000\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
