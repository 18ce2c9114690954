using System.Diagnostics;
using System.Globalization;
using System.Text;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.Parcels.Txt;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite.Operation.Valid;
using static GuaGou.Bench.Parcels.Stats;

namespace GuaGou.Bench.Parcels;

/// <summary>The two commands that need no database: writing the benchmark TXT, and timing its parse + validation.</summary>
internal static class TxtCommands
{
    /// <summary><c>generate-txt PATH PARCELS VERTICES</c>: the standard TXT (GBK, CRLF, zone prefix), as a surveyor delivers it.</summary>
    public static int GenerateTxt(string path, int count, int vertices)
    {
        var started = Stopwatch.GetTimestamp();
        var parcels = Enumerable.Range(0, count).Select(i => ParcelLayout.ToWrite(i, ParcelLayout.Projected(i, count, vertices))).ToList();
        var projectInfo = new Dictionary<string, string>
        {
            ["项目名称"] = "阿鲁科尔沁旗城乡建设用地增减挂钩基准测试项目区",
            ["行政区代码"] = "150421",
        };
        var attributes = new Dictionary<string, string>
        {
            ["数据产生单位"] = "GuaGou 基准测试（deploy/bench/parcels.sh）",
            ["数据产生日期"] = "2026-11-22",
        };
        var bytes = CoordinateTxtWriter.Write(projectInfo, TxtCoordinateSystem.ForCgcs2000Zone(ParcelLayout.ZoneNumber), parcels,
            new TxtWriteOptions(), attributes);
        File.WriteAllBytes(path, bytes);

        var distinct = parcels.Sum(p => p.Geometry.NumPoints - p.Geometry.Geometries.Sum(g => 1 + ((NetTopologySuite.Geometries.Polygon)g).NumInteriorRings));
        var holes = parcels.Count(p => ((NetTopologySuite.Geometries.Polygon)p.Geometry[0]).NumInteriorRings > 0);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: {count} parcels, {distinct} vertices ({(double)distinct / count:0.0} per parcel), {holes} with a hole, " +
            $"{parcels.Sum(p => p.AreaHectares):0.00} ha, {bytes.Length / 1048576.0:0.0} MiB, in {Ms(Stopwatch.GetElapsedTime(started))} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH generate parcels={count} vertices={distinct} holes={holes} bytes={bytes.Length}"));
        return 0;
    }

    /// <summary>
    /// <c>parse PATH REPEATS</c>: <see cref="TxtParcelSetReader.Read"/> (decode, parse, rings, inverse projection, both areas)
    /// then <see cref="ParcelSetValidator.Validate"/> (validity, duplicates, overlaps within the file, declared area,
    /// zone), the whole file each time. The first run is the warm-up (JIT); the median is over the others.
    /// </summary>
    public static int Parse(string path, int repeats)
    {
        var bytes = File.ReadAllBytes(path);
        var totals = new List<double>();
        var reads = new List<double>();
        var validations = new List<double>();
        var cpus = new List<double>();
        ParsedParcelSet? last = null;
        for (var run = 0; run < repeats; run++)
        {
            // Each run starts with the previous result collected, as a request would.
            last = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            var cpu = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            var read = TxtParcelSetReader.Read(bytes);
            var readTime = Stopwatch.GetElapsedTime(started);
            last = ParcelSetValidator.Validate(read);
            var total = Stopwatch.GetElapsedTime(started);
            var cpuTime = Environment.CpuUsage.TotalTime - cpu;
            var validateTime = total - readTime;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parse run {run + 1}{(run == 0 && repeats > 1 ? " (warm-up)" : "")}: {Ms(total)} ms = read {Ms(readTime)} + validate {Ms(validateTime)}; " +
                $"process CPU time {Ms(cpuTime)} ms (GC threads included); " +
                $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} MiB, " +
                $"{GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections} GCs"));
            if (run > 0 || repeats == 1)
            {
                totals.Add(total.TotalMilliseconds);
                reads.Add(readTime.TotalMilliseconds);
                validations.Add(validateTime.TotalMilliseconds);
                cpus.Add(cpuTime.TotalMilliseconds);
            }
        }

        var set = last!;
        var vertices = set.Parcels.Sum(p => p.Vertices);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set.Crs}: {set.Parcels.Count} parcels, {vertices} vertices, {set.Parcels.Count(p => p.Rings > 1)} with a hole; " +
            $"ellipsoidal {set.Parcels.Sum(p => p.EllipsoidalSquareMetres) / 10_000:0.0000} ha, planar {set.Parcels.Sum(p => p.PlanarSquareMetres) / 10_000:0.0000} ha; " +
            $"{set.Errors.Count} errors, {set.Warnings.Count} warnings"));
        foreach (var error in set.Errors.Take(5))
        {
            Console.Error.WriteLine($"  error: {error.Message}");
        }

        Breakdown(bytes, set);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH parse parcels={set.Parcels.Count} vertices={vertices} bytes={bytes.Length} runs={totals.Count} " +
            $"median_ms={Ms(Median(totals))} min_ms={Ms(totals.Min())} max_ms={Ms(totals.Max())} " +
            $"read_median_ms={Ms(Median(reads))} validate_median_ms={Ms(Median(validations))} cpu_median_ms={Ms(Median(cpus))} errors={set.Errors.Count} warnings={set.Warnings.Count}"));
        return set.Errors.Count == 0 && set.Parcels.Count > 0 ? 0 : 1;
    }

    /// <summary>
    /// Where the time goes: the steps of Read and Validate timed one by one over the whole file (once, after the
    /// timed runs), by calling the same public building blocks. The steps overlap a little with what Read does
    /// internally (it validates each ring while assembling), so they need not add up exactly.
    /// </summary>
    private static void Breakdown(byte[] bytes, ParsedParcelSet set)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        var steps = new List<(string Name, double Ms)>();
        void Time(string name, Action action)
        {
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            action();
            steps.Add((name, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        var projected = set.Parcels.Select(p => p.Projected!).ToList();
        var geographic = set.Parcels.Select(p => p.Geographic!).ToList();
        var zone = GaussKrugerZone.FromEpsg(set.SourceEpsg!.Value).WithoutPrefix();
        string text = string.Empty;
        Time("decode_gb18030", () => text = gb18030.GetString(bytes));
        Time("split_lines", () => _ = text.ReplaceLineEndings("\n").Split('\n'));
        Time("txt_reader_total", () => _ = CoordinateTxtReader.Read(bytes));
        Time("inverse_projection", () => projected.ForEach(p => GaussKruger.ToCgcs2000(p, zone)));
        Time("ellipsoidal_area", () => geographic.ForEach(g => ParcelArea.Ellipsoidal(g)));
        Time("planar_area", () => projected.ForEach(p => ParcelArea.Planar(p)));
        Time("one_validity_pass", () => projected.ForEach(p => _ = new IsValidOp(p).IsValid));
        Time("validator_total", () => ParcelSetValidator.Validate(set with { Errors = [], Warnings = [] }));
        Console.Error.WriteLine("breakdown (ms, whole file, one run each): " +
            string.Join(", ", steps.Select(s => $"{s.Name} {Ms(s.Ms)}")));
        Console.WriteLine("BENCH parse_breakdown " + string.Join(" ", steps.Select(s => $"{s.Name}_ms={Ms(s.Ms)}")));
    }
}
