using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GuaGou.Infrastructure.Documents;
using Microsoft.Extensions.Options;
// DocumentFormat.OpenXml (via Infrastructure) owns the root namespace "DocumentFileFormat", which hides the enum here.
using Format = GuaGou.Infrastructure.Documents.DocumentFileFormat;

namespace GuaGou.Web.Tests.Documents;

/// <summary>The local file store on a real temp directory: stage → publish → read, limits, keys, sweeping.</summary>
public sealed partial class LocalFileDocumentStorageTests : IDisposable
{
    private const long Limit = 1024 * 1024;

    private readonly DocumentScratch scratch = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task StagePublishRead_WithPng_ReadsBackTheSameBytesAndHash()
    {
        var storage = scratch.Storage(clock);
        var png = DocumentSamples.Png();

        var staged = await storage.StageAsync(new MemoryStream(png), Limit, CancellationToken.None);
        Assert.Equal(png.Length, staged.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), staged.Sha256);
        Assert.Single(scratch.StagingFiles());

        var key = await storage.PublishAsync(staged, Format.Png, CancellationToken.None);

        Assert.Matches(KeyShape(), key);
        Assert.StartsWith("2026/11/", key, StringComparison.Ordinal);
        Assert.Empty(scratch.StagingFiles());
        Assert.True(File.Exists(Path.Combine(scratch.StoreRoot, "files", "2026", "11", key[8..])));
        await using var read = await storage.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.Equal(staged.Sha256, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
    }

    [Fact]
    public async Task Stage_ThenDetectFromTheStagedFile_GivesTheFormat()
    {
        var storage = scratch.Storage(clock);
        var staged = await storage.StageAsync(new ForwardOnlyStream(DocumentSamples.Pdf()), Limit, CancellationToken.None);

        await using var stream = staged.OpenRead();
        Assert.Equal(Format.Pdf, await DocumentInspector.DetectAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task Stage_WithUnknownLengthOverTheLimit_StopsReadingAndLeavesNoStagingFile()
    {
        var storage = scratch.Storage(clock);
        var body = new ForwardOnlyStream(new byte[3 * Limit]);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => storage.StageAsync(body, Limit, CancellationToken.None));

        Assert.Equal("document.too_large", error.Code);
        Assert.Equal("文件大小超过上限 1 MB。", error.Message);
        Assert.True(body.BytesRead <= Limit + 81920, $"read {body.BytesRead} bytes of an upload over the limit");
        Assert.Empty(scratch.StagingFiles());
    }

    [Fact]
    public async Task Stage_WithKnownLengthOverTheLimit_NamesBothSizes()
    {
        var storage = scratch.Storage(clock);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            storage.StageAsync(new MemoryStream(new byte[(int)(Limit * 2.5)]), Limit, CancellationToken.None));

        Assert.Equal("document.too_large", error.Code);
        Assert.Equal("文件大小 2.5 MB 超过上限 1 MB。", error.Message);
        Assert.Empty(scratch.StagingFiles());
    }

    [Fact]
    public async Task Stage_WithExactlyTheLimit_IsAccepted()
    {
        var staged = await scratch.Storage(clock).StageAsync(new ForwardOnlyStream(new byte[Limit]), Limit, CancellationToken.None);
        Assert.Equal(Limit, staged.Size);
    }

    [Fact]
    public async Task Stage_WithEmptyUpload_IsRejectedAndLeavesNoStagingFile()
    {
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            scratch.Storage(clock).StageAsync(new ForwardOnlyStream([]), Limit, CancellationToken.None));

        Assert.Equal("document.empty", error.Code);
        Assert.Equal("文件为空。", error.Message);
        Assert.Empty(scratch.StagingFiles());
    }

    [Fact]
    public async Task Publish_TheSameBytesTwice_GivesTwoKeysAndKeepsBothFiles()
    {
        var storage = scratch.Storage(clock);
        var pdf = DocumentSamples.Pdf();

        var first = await storage.PublishAsync(await storage.StageAsync(new MemoryStream(pdf), Limit, CancellationToken.None), Format.Pdf, CancellationToken.None);
        var second = await storage.PublishAsync(await storage.StageAsync(new MemoryStream(pdf), Limit, CancellationToken.None), Format.Pdf, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.EndsWith(".pdf", first, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(storage));
    }

    [Fact]
    public async Task Publish_AStagedDocumentTwice_IsRefused()
    {
        var storage = scratch.Storage(clock);
        var staged = await storage.StageAsync(new MemoryStream(DocumentSamples.TinyJpeg), Limit, CancellationToken.None);
        await storage.PublishAsync(staged, Format.Jpeg, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.PublishAsync(staged, Format.Jpeg, CancellationToken.None));
        await storage.DiscardAsync(staged); // after publishing: does nothing
        Assert.Equal(1, await CountAsync(storage));
    }

    [Fact]
    public async Task Discard_RemovesTheStagingFileAndCanBeRepeated()
    {
        var storage = scratch.Storage(clock);
        var staged = await storage.StageAsync(new MemoryStream(DocumentSamples.TinyJpeg), Limit, CancellationToken.None);

        await storage.DiscardAsync(staged);
        await storage.DiscardAsync(staged);

        Assert.Empty(scratch.StagingFiles());
        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.PublishAsync(staged, Format.Jpeg, CancellationToken.None));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("2026/11/../../../etc/passwd")]
    [InlineData("2026/11/3f2a0000000000000000000000000e1.pdf")] // 31 hex digits
    [InlineData("2026/11/3F2A00000000000000000000000000E1.pdf")] // upper case is never generated
    [InlineData("2026/13/3f2a00000000000000000000000000e1.pdf")]
    [InlineData("2026\\11\\3f2a00000000000000000000000000e1.pdf")]
    [InlineData("2026/11/3f2a00000000000000000000000000e1.exe")]
    [InlineData("2026/11/3f2a00000000000000000000000000e1.pdf\n")]
    [InlineData("")]
    public async Task KeyCalls_WithKeyNotOfOurShape_Throw(string key)
    {
        var storage = scratch.Storage(clock);
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.DeleteAsync(key, CancellationToken.None));
        Assert.False(LocalFileDocumentStorage.IsValidKey(key));
    }

    [Fact]
    public async Task OpenRead_WithMissingKey_ThrowsFileNotFound() =>
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            scratch.Storage(clock).OpenReadAsync("2026/11/3f2a00000000000000000000000000e1.pdf", CancellationToken.None));

    [Fact]
    public async Task Delete_RemovesThePublishedFileAndCanBeRepeated()
    {
        var storage = scratch.Storage(clock);
        var key = await PublishAsync(storage, DocumentSamples.Pdf(), Format.Pdf);

        await storage.DeleteAsync(key, CancellationToken.None);
        await storage.DeleteAsync(key, CancellationToken.None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        Assert.Equal(0, await CountAsync(storage));
    }

    [Fact]
    public async Task List_ReturnsPublishedKeysAcrossMonthsButNotStrayOrStagingFiles()
    {
        var storage = scratch.Storage(clock);
        var november = await PublishAsync(storage, DocumentSamples.Pdf(), Format.Pdf);
        clock.Now = clock.Now.AddMonths(1);
        var december = await PublishAsync(storage, DocumentSamples.TinyJpeg, Format.Jpeg);
        await storage.StageAsync(new MemoryStream(DocumentSamples.Png()), Limit, CancellationToken.None); // in flight
        File.WriteAllText(Path.Combine(scratch.StoreRoot, "files", "2026", "11", "readme.txt"), "not a document");

        var listed = new List<StoredFile>();
        await foreach (var file in storage.ListAsync(CancellationToken.None))
        {
            listed.Add(file);
        }

        Assert.Equal([november, december], listed.Select(f => f.Key));
        Assert.StartsWith("2026/12/", december, StringComparison.Ordinal);
        Assert.Equal(DocumentSamples.TinyJpeg.Length, listed[1].Size);
        Assert.True(listed.All(f => f.LastWriteUtc > DateTimeOffset.UtcNow.AddMinutes(-5)), "last-write times are the files' own");
    }

    [Fact]
    public async Task List_WithNothingStored_IsEmpty() => Assert.Equal(0, await CountAsync(scratch.Storage(clock)));

    [Fact]
    public async Task DeleteStaleStagingFiles_RemovesOnlyStagingFilesOlderThanTheAge()
    {
        var storage = scratch.Storage(); // real clock: file times are real
        var old = PathOfStaged(await storage.StageAsync(new MemoryStream(DocumentSamples.TinyJpeg), Limit, CancellationToken.None));
        var fresh = PathOfStaged(await storage.StageAsync(new MemoryStream(DocumentSamples.TinyJpeg), Limit, CancellationToken.None));
        var published = await PublishAsync(storage, DocumentSamples.TinyJpeg, Format.Jpeg);
        var stranger = Path.Combine(scratch.StagingDirectory, "keep-me.txt");
        File.WriteAllText(stranger, "not ours");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-3));
        File.SetLastWriteTimeUtc(stranger, DateTime.UtcNow.AddHours(-3));

        var deleted = await storage.DeleteStaleStagingFilesAsync(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(stranger));
        await using var stillThere = await storage.OpenReadAsync(published, CancellationToken.None);
        Assert.Equal(DocumentSamples.TinyJpeg.Length, stillThere.Length);
    }

    [Fact]
    public async Task StagedDocument_AfterPublishing_StillOpensForReading()
    {
        var storage = scratch.Storage(clock);
        var staged = await storage.StageAsync(new MemoryStream(DocumentSamples.TinyJpeg), Limit, CancellationToken.None);
        await storage.PublishAsync(staged, Format.Jpeg, CancellationToken.None);

        await using var stream = staged.OpenRead();
        Assert.Equal(DocumentSamples.TinyJpeg.Length, stream.Length);
    }

    [Fact]
    public async Task StoredFiles_AreNotReadableByOthers()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var storage = scratch.Storage(clock);
        var key = await PublishAsync(storage, DocumentSamples.TinyJpeg, Format.Jpeg);
        var mode = File.GetUnixFileMode(Path.Combine(scratch.StoreRoot, "files", key));
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite));
    }

    [Fact]
    public void Constructor_WithoutRoot_SaysWhatToConfigure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LocalFileDocumentStorage(Options.Create(new DocumentStoreOptions())));
        Assert.Contains("GuaGou:Documents:Root", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> PublishAsync(LocalFileDocumentStorage storage, byte[] content, Format format) =>
        await storage.PublishAsync(await storage.StageAsync(new MemoryStream(content), Limit, CancellationToken.None), format, CancellationToken.None);

    private static async Task<int> CountAsync(LocalFileDocumentStorage storage)
    {
        var count = 0;
        await foreach (var _ in storage.ListAsync(CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>The staging file behind a staged document (its stream is a FileStream on it).</summary>
    private static string PathOfStaged(StagedDocument staged)
    {
        using var stream = (FileStream)staged.OpenRead();
        return stream.Name;
    }

    [GeneratedRegex(@"\A[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\.png\z")]
    private static partial Regex KeyShape();
}
