using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

// The sandbox is tested directly (a process that must not see a file, must not reach a listener), not only through the readers.
[assembly: InternalsVisibleTo("GuaGou.Web.Tests")]

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>GDAL's command-line tools are not installed (or not executable) on this server.</summary>
internal sealed class GdalMissingException : Exception
{
    public GdalMissingException(string message) : base(message) { }

    public GdalMissingException() { }

    public GdalMissingException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The sandbox (bubblewrap) is missing or cannot start: GDAL is then not run at all.</summary>
internal sealed class GdalSandboxException : Exception
{
    public GdalSandboxException(string message) : base(message) { }

    public GdalSandboxException() { }

    public GdalSandboxException(string message, Exception inner) : base(message, inner) { }
}

internal sealed record GdalRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs GDAL's tools (<c>ogrinfo</c>, <c>ogr2ogr</c>, <c>gdal_translate</c>) as external processes on files that
/// users uploaded, i.e. on untrusted input. GDAL picks a driver from a file's content, and some drivers (VRT,
/// the network ones) read other local files or fetch URLs named inside the file; so every run is confined twice:
/// <list type="bullet">
/// <item>only the drivers the caller names are loaded (<c>GDAL_SKIP</c> lists every other driver of this GDAL
/// build; GDAL 3.6's ogr2ogr/ogrinfo have no <c>-if</c>);</item>
/// <item>the process runs in a bubblewrap sandbox without network and with a minimal file system: read-only
/// <c>/usr</c>, the loader cache, a private <c>/tmp</c>, and the call's own work directory — nothing of the data
/// directory, keys, uploads or <c>/etc</c>. Without bubblewrap nothing runs (fail closed).</item>
/// </list>
/// Arguments are an argument list (never a shell string), every call has its own temp directory, and one
/// deadline per call after which the whole process tree is killed. No .NET GDAL binding restores here.
/// </summary>
internal sealed partial class GdalTools(TimeSpan timeout, string? ogr2ogrPath, string? tempRoot, string? bwrapPath = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public const string SandboxMissingMessage =
        "服务器未安装 bubblewrap（bwrap），为安全起见不在沙箱之外运行 GDAL，因此无法安全读取 GIS 文件；请联系系统管理员安装 bubblewrap 软件包（Debian：apt-get install bubblewrap）。";

    /// <summary>The drivers of each GDAL tool (vector for ogr*, raster for gdal_translate), asked once per process.</summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> DriverLists = new(StringComparer.Ordinal);

    public TimeSpan Timeout { get; } = timeout > TimeSpan.Zero ? timeout : DefaultTimeout;

    public string TimeoutMessage => string.Create(CultureInfo.InvariantCulture, $"GDAL 转换超时（{Timeout.TotalSeconds:0.##} 秒）");

    /// <summary>A fresh directory for one call; the caller deletes it with <see cref="DeleteWorkDirectory"/> in a finally.</summary>
    public string CreateWorkDirectory()
    {
        var path = Path.Combine(Path.GetFullPath(tempRoot ?? Path.GetTempPath()), "guagou-gdal-" + Guid.NewGuid().ToString("N"));
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

    /// <summary>ogrinfo, gdal_translate etc. sit next to ogr2ogr (all come with gdal-bin).</summary>
    public static string LocateSibling(string ogr2ogr, string tool, string missingMessage)
    {
        var path = Path.Combine(Path.GetDirectoryName(ogr2ogr)!, tool + Path.GetExtension(ogr2ogr));
        return File.Exists(path) ? path : throw new GdalMissingException(missingMessage);
    }

    /// <summary>
    /// Runs <paramref name="executable"/> in the sandbox with only <paramref name="drivers"/> loaded. Every file
    /// the tool should see must be inside <paramref name="workDirectory"/>: nothing else is visible to it.
    /// </summary>
    /// <exception cref="GdalSandboxException">bubblewrap is missing or cannot set up the sandbox.</exception>
    public async Task<GdalRun> RunAsync(string executable, IEnumerable<string> arguments, string workDirectory, IReadOnlyCollection<string> drivers,
        string missingMessage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var list = arguments.ToList();
        // Our own arguments never name a GDAL virtual file system; a layer name from a file is checked by the reader.
        if (list.Any(a => a.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("GDAL virtual file systems (/vsi…) are never passed to a GDAL tool.", nameof(arguments));
        }

        var all = await DriversAsync(executable, missingMessage, ct).ConfigureAwait(false);
        var skip = all.Where(d => !drivers.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
        return await RunSandboxedAsync(executable, list, workDirectory, skip, missingMessage, ct).ConfigureAwait(false);
    }

    /// <summary>Unrestricted drivers, still inside the sandbox: for the tests of the sandbox itself.</summary>
    internal Task<GdalRun> RunWithAllDriversAsync(string executable, IEnumerable<string> arguments, string workDirectory, CancellationToken ct) =>
        RunSandboxedAsync(executable, arguments.ToList(), workDirectory, [], "GDAL missing", ct);

    /// <summary>
    /// The tool's own driver list (<c>--formats</c>): which drivers exist depends on how Debian built GDAL, so the
    /// skip list cannot be written down here. Comma-separated, GDAL_SKIP takes names with spaces ("ESRI Shapefile").
    /// </summary>
    private async Task<IReadOnlyList<string>> DriversAsync(string executable, string missingMessage, CancellationToken ct)
    {
        if (DriverLists.TryGetValue(executable, out var known))
        {
            return known;
        }

        var work = CreateWorkDirectory();
        try
        {
            var run = await RunSandboxedAsync(executable, ["--formats"], work, [], missingMessage, ct).ConfigureAwait(false);
            var names = run.Output.ReplaceLineEndings("\n").Split('\n')
                .Select(l => FormatLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
            if (run.ExitCode != 0 || names.Count == 0)
            {
                throw new GdalMissingException(missingMessage);
            }

            return DriverLists.GetOrAdd(executable, names);
        }
        finally
        {
            DeleteWorkDirectory(work);
        }
    }

    private async Task<GdalRun> RunSandboxedAsync(string executable, List<string> arguments, string workDirectory, List<string> skip,
        string missingMessage, CancellationToken ct)
    {
        var bwrap = (OperatingSystem.IsLinux() ? Resolve(bwrapPath ?? "bwrap") : null) ?? throw new GdalSandboxException(SandboxMissingMessage);
        var work = Path.GetFullPath(workDirectory);
        if (!File.Exists(executable))
        {
            throw new GdalMissingException(missingMessage);
        }

        var info = new ProcessStartInfo(bwrap)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = work,
        };
        var environment = new List<(string, string)>
        {
            ("PATH", "/usr/bin:/bin"), ("HOME", work), ("CPL_DEBUG", "OFF"), ("LANG", "C.UTF-8"),
        };
        if (skip.Count > 0)
        {
            environment.Add(("GDAL_SKIP", string.Join(',', skip)));
        }

        foreach (var argument in SandboxArguments(executable, work, environment).Append("--").Append(executable).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new GdalSandboxException(SandboxMissingMessage);
        }
        catch (Win32Exception e)
        {
            throw new GdalSandboxException(SandboxMissingMessage, e);
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

            var run = new GdalRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            // bubblewrap reports its own setup failures (e.g. user namespaces disabled) as "bwrap: …" and never runs the tool.
            if (run.ExitCode != 0 && run.Error.StartsWith("bwrap:", StringComparison.Ordinal))
            {
                throw new GdalSandboxException(
                    $"GDAL 沙箱（bubblewrap）无法启动（{run.Error.Split('\n')[0].Trim()}），为安全起见未运行 GDAL，无法读取 GIS 文件；请联系系统管理员。");
            }

            return run;
        }
    }

    /// <summary>
    /// What the sandboxed process sees: /usr read-only (and Debian's /bin, /lib… links into it), the loader cache
    /// and Debian's alternatives links (libblas, liblapack resolve through /etc/alternatives), fresh /proc, /dev and
    /// /tmp, and the work directory at its own path so that the paths in the arguments stay valid. No network
    /// (--unshare-all includes the network namespace), no capabilities, no inherited environment, no terminal
    /// (--new-session: no TIOCSTI into ours). Not --die-with-parent: Linux sends that signal when the *thread* that
/// started the process ends, and .NET starts processes from pool threads that come and go — GDAL runs were killed
/// at random under load. A run that takes too long is killed by the caller's timeout instead.
    /// </summary>
    private static List<string> SandboxArguments(string executable, string work, List<(string Name, string Value)> environment)
    {
        // A GDAL configured outside /usr (ogr2ogrPath) brings its own directory, read-only.
        var tools = Path.GetDirectoryName(Path.GetFullPath(executable))!;
        var outsideUsr = !tools.StartsWith("/usr/", StringComparison.Ordinal) && tools is not ("/bin" or "/sbin");
        var arguments = new List<string>
        {
            "--unshare-all", "--new-session", "--cap-drop", "ALL", "--clearenv",
            "--ro-bind", "/usr", "/usr",
        };
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var entry = new FileInfo(top);
            if (entry.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, top]);
            }
            else if (Directory.Exists(top))
            {
                arguments.AddRange(["--ro-bind", top, top]);
            }
        }

        arguments.AddRange(
        [
            "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
            "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        ]);
        if (outsideUsr)
        {
            arguments.AddRange(["--ro-bind", tools, tools]);
        }

        arguments.AddRange(["--bind", work, work, "--chdir", work]);
        foreach (var (name, value) in environment)
        {
            arguments.AddRange(["--setenv", name, value]);
        }

        return arguments;
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

    /// <summary>"  ESRI Shapefile -vector- (rw+v): ESRI Shapefile", "  netCDF -raster,multidimensional raster,vector- (rw+vs): …".</summary>
    [GeneratedRegex(@"^\s+(?<name>\S.*?) -[a-z ,]+- \(")]
    private static partial Regex FormatLine();
}
