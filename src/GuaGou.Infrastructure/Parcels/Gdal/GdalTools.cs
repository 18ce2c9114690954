using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>GDAL's command-line tools are not installed (or not executable) on this server.</summary>
internal sealed class GdalMissingException : Exception
{
    public GdalMissingException(string message) : base(message) { }

    public GdalMissingException() { }

    public GdalMissingException(string message, Exception inner) : base(message, inner) { }
}

internal sealed record GdalRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs <c>ogr2ogr</c>/<c>ogrinfo</c> (gdal-bin) as external processes: an argument list (never a shell string, so
/// file and layer names cannot inject anything), a per-call temp directory, and one deadline per call after which
/// the whole process tree is killed. No .NET GDAL binding restores from our registry (STACK.md).
/// </summary>
internal sealed class GdalTools(TimeSpan timeout, string? ogr2ogrPath, string? tempRoot)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public TimeSpan Timeout { get; } = timeout > TimeSpan.Zero ? timeout : DefaultTimeout;

    public string TimeoutMessage => string.Create(CultureInfo.InvariantCulture, $"GDAL 转换超时（{Timeout.TotalSeconds:0.##} 秒）");

    /// <summary>A fresh directory for one call; the caller deletes it with <see cref="DeleteWorkDirectory"/> in a finally.</summary>
    public string CreateWorkDirectory()
    {
        var path = Path.Combine(tempRoot ?? Path.GetTempPath(), "guagou-gdal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteWorkDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (e.g. by a process being killed) must not turn a result into an exception.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The full path of ogr2ogr, resolved per call so that installing GDAL needs no restart.</summary>
    public string LocateOgr2Ogr(string missingMessage) =>
        Resolve(ogr2ogrPath ?? "ogr2ogr") ?? throw new GdalMissingException(missingMessage);

    /// <summary>ogrinfo sits next to ogr2ogr (both come with gdal-bin).</summary>
    public static string LocateOgrInfo(string ogr2ogr, string missingMessage)
    {
        var ogrinfo = Path.Combine(Path.GetDirectoryName(ogr2ogr)!, "ogrinfo" + Path.GetExtension(ogr2ogr));
        return File.Exists(ogrinfo) ? ogrinfo : throw new GdalMissingException(missingMessage);
    }

    public static async Task<GdalRun> RunAsync(string executable, IEnumerable<string> arguments, string workDirectory, string missingMessage,
        CancellationToken ct)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CPL_DEBUG"] = "OFF";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new GdalMissingException(missingMessage);
        }
        catch (Win32Exception e)
        {
            throw new GdalMissingException(missingMessage, e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited in the meantime.
                }

                throw;
            }

            return new GdalRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }

    private static string? Resolve(string name)
    {
        if (Path.IsPathRooted(name) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var candidates = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : [name];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => candidates.Select(c => Path.Combine(directory, c)))
            .FirstOrDefault(File.Exists);
    }
}
