using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace GuaGou.Domain.Tests.Spatial;

/// <summary>
/// PROJ's cs2cs (Debian package proj-bin, installed by deploy/test.sh) as the independent reference for the
/// projection (FORMATS.md §3). One process per CRS pair, all points through stdin. Never skips: a missing tool fails.
/// </summary>
internal static class Cs2cs
{
    /// <summary>Transforms (first, second) pairs in each CRS's own axis order (EPSG:4490 is lat, lon; the GK codes are northing, easting).</summary>
    public static IReadOnlyList<(double First, double Second)> Transform(int fromEpsg, int toEpsg, IReadOnlyList<(double First, double Second)> points)
    {
        var start = new ProcessStartInfo("cs2cs")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-f", "%.12f", $"EPSG:{fromEpsg}", $"EPSG:{toEpsg}" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("cs2cs did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"cs2cs (PROJ, Debian 包 proj-bin) 不可用：{e.Message}。请用 deploy/test.sh 运行测试，它会安装 proj-bin。");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            foreach (var (first, second) in points)
            {
                process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first:R} {second:R}"));
            }

            process.StandardInput.Close();
            process.WaitForExit();
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(process.ExitCode == 0 && lines.Length == points.Count,
                $"cs2cs EPSG:{fromEpsg} EPSG:{toEpsg} exited with {process.ExitCode} and {lines.Length} of {points.Count} lines: {stderr.Result}");

            return lines.Select(line =>
            {
                var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                Assert.True(fields.Length >= 2 && !fields[0].Contains('*', StringComparison.Ordinal), $"cs2cs could not transform: '{line}'");
                return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture));
            }).ToList();
        }
    }
}
