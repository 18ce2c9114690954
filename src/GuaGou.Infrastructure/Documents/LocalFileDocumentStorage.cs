using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// Documents as files under <see cref="DocumentStoreOptions.Root"/>: <c>staging/&lt;32 hex&gt;.part</c> while an
/// upload is checked, <c>files/yyyy/MM/&lt;32 hex&gt;.&lt;ext&gt;</c> once published (UTC month). Keys are generated
/// here and checked against that exact pattern on every call, so no key can name anything outside the root.
/// </summary>
public sealed partial class LocalFileDocumentStorage : IDocumentStorage
{
    private const string StagingSuffix = ".part";
    private const int BufferSize = 81920;

    // Documents are personal data (names, ID numbers on consent forms): owner read/write, group read for backups.
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute;

    private readonly string stagingDirectory;
    private readonly string filesDirectory;
    private readonly TimeProvider clock;

    public LocalFileDocumentStorage(IOptions<DocumentStoreOptions> options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.Value.Root;
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new InvalidOperationException("未配置文档存储目录 GuaGou:Documents:Root。");
        }

        Root = Path.GetFullPath(root);
        stagingDirectory = Path.Combine(Root, "staging");
        filesDirectory = Path.Combine(Root, "files");
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    /// <summary>Whether <paramref name="key"/> has the shape of a key this storage generates.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public async Task<StagedDocument> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // When the length is known up front (a seekable stream), refuse before writing a byte.
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            throw TooLarge(content.Length - content.Position, maxBytes);
        }

        CreateDirectory(stagingDirectory);
        var path = Path.Combine(stagingDirectory, RandomName() + StagingSuffix);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(path, CreateOptions()))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        // Stop here: the rest of an oversized upload is never read, let alone written.
                        throw TooLarge(null, maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                if (size == 0)
                {
                    throw new DocumentRejectedException(DocumentRejectedException.Empty, "文件为空。");
                }

                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true); // fsync: the bytes are on disk before the key can ever point at them
            }

            return new StagedDocument(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            // Rejected, cancelled or failed: no staging file is left behind.
            TryDelete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task<string> PublishAsync(StagedDocument staged, DocumentFileFormat format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ct.ThrowIfCancellationRequested();
        if (staged.PublishedKey is not null)
        {
            throw new InvalidOperationException("该暂存文件已发布为 " + staged.PublishedKey + "。");
        }

        if (!string.Equals(Path.GetDirectoryName(staged.FilePath), stagingDirectory, StringComparison.Ordinal))
        {
            throw new ArgumentException("暂存文件不属于此文档存储。", nameof(staged));
        }

        if (!File.Exists(staged.FilePath))
        {
            throw new InvalidOperationException("暂存文件已不存在（已丢弃或被清理）。");
        }

        var now = clock.GetUtcNow();
        var month = Path.Combine(filesDirectory, now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture));
        var created = CreateDirectory(month);

        // A clash of 128 random bits will not happen; the retry only makes "never overwrite" not depend on it.
        for (var attempt = 0; ; attempt++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy}/{now:MM}/{RandomName()}{DocumentFormats.Extension(format)}");
            var target = PathOf(key);
            if (!PosixFiles.MoveNoReplace(staged.FilePath, target))
            {
                if (attempt < 3)
                {
                    continue;
                }

                throw new IOException("无法为文档生成不重复的存储键。");
            }

            PosixFiles.FlushDirectory(month);
            if (created)
            {
                // New month (or year) directories must themselves be durable entries of their parents.
                PosixFiles.FlushDirectory(Path.GetDirectoryName(month)!);
                PosixFiles.FlushDirectory(filesDirectory);
            }

            PosixFiles.FlushDirectory(stagingDirectory);
            staged.MarkPublished(key, target);
            return Task.FromResult(key);
        }
    }

    public Task DiscardAsync(StagedDocument staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (staged.PublishedKey is null)
        {
            TryDelete(staged.FilePath);
        }

        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (DirectoryNotFoundException e)
        {
            // A month with no files yet is the same "missing" to callers.
            throw new FileNotFoundException("文档文件不存在：" + key, key, e);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        TryDelete(path, throwOnError: true);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredFile> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (!Directory.Exists(filesDirectory))
        {
            yield break;
        }

        foreach (var year in SortedNames(Directory.EnumerateDirectories(filesDirectory)))
        {
            foreach (var month in SortedNames(Directory.EnumerateDirectories(Path.Combine(filesDirectory, year))))
            {
                ct.ThrowIfCancellationRequested();
                foreach (var name in SortedNames(Directory.EnumerateFiles(Path.Combine(filesDirectory, year, month))))
                {
                    var key = year + "/" + month + "/" + name;
                    if (!IsValidKey(key))
                    {
                        continue; // not ours (an editor's backup, a half-copied restore): never offered for deletion
                    }

                    var info = new FileInfo(PathOf(key));
                    if (info.Exists)
                    {
                        yield return new StoredFile(key, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length);
                    }
                }

                await Task.Yield(); // a large store must not hold the caller's thread for the whole walk
            }
        }
    }

    public Task<int> DeleteStaleStagingFilesAsync(TimeSpan olderThan, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        if (!Directory.Exists(stagingDirectory))
        {
            return Task.FromResult(0);
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - olderThan;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(stagingDirectory, "*" + StagingSuffix))
        {
            ct.ThrowIfCancellationRequested();
            if (StagingNamePattern().IsMatch(Path.GetFileName(path)) && File.GetLastWriteTimeUtc(path) < cutoff && TryDelete(path))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    /// <summary>The absolute path of a key, after checking it is one of ours.</summary>
    internal string PathOf(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException("文档存储键格式无效：" + key, nameof(key));
        }

        return Path.Combine(filesDirectory, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static DocumentRejectedException TooLarge(long? size, long maxBytes) => new(DocumentRejectedException.TooLarge,
        size is { } known
            ? $"文件大小 {Megabytes(known)} MB 超过上限 {Megabytes(maxBytes)} MB。"
            : $"文件大小超过上限 {Megabytes(maxBytes)} MB。");

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string RandomName() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static IEnumerable<string> SortedNames(IEnumerable<string> paths) =>
        paths.Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew, // random name; never reuse a file someone else made
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0, // we write whole buffers already
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Creates the directory (and parents); true if the leaf did not exist before.</summary>
    private static bool CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }

        return true;
    }

    private static bool TryDelete(string path, bool throwOnError = false)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception e) when (!throwOnError && e is IOException or UnauthorizedAccessException)
        {
            // Cleanup must not hide the error that caused it; a leftover staging file is swept later.
            return false;
        }
    }

    [GeneratedRegex(@"\A[0-9]{4}/(0[1-9]|1[0-2])/[0-9a-f]{32}\.(pdf|jpg|png|ofd)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\A[0-9a-f]{32}\.part\z", RegexOptions.CultureInvariant)]
    private static partial Regex StagingNamePattern();
}
