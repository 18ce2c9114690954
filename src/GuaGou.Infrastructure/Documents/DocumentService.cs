using GuaGou.Domain.Documents;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GuaGou.Infrastructure.Documents;

/// <summary>An uploaded file as the page received it: the bytes and the name the browser gave (display only).</summary>
public sealed record DocumentUpload(Stream Content, string? FileName);

/// <summary>
/// The document store as features use it. <see cref="AddAsync"/> stages, checks and publishes a file and adds its row to
/// the unit of work; the feature then calls <see cref="SaveAsync"/>, which commits the rows and, if the commit fails,
/// removes the files published in this scope — so a refused or failed write leaves neither a row nor a file. A crash
/// between publishing and committing leaves only a file without a row, which <see cref="SweepOrphansAsync"/> removes.
/// </summary>
public sealed class DocumentService(
    GuaGouDbContext db,
    IDocumentStorage storage,
    ThumbnailMaker thumbnails,
    IOptions<DocumentStoreOptions> options,
    TimeProvider clock,
    ILogger<DocumentService> log)
{
    private readonly List<string> publishedInThisScope = [];

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Checks and publishes one file and adds its row (unsaved). <paramref name="replacing"/> makes it the next version.</summary>
    public async Task<StoredDocument> AddAsync(CurrentUser user, DocumentUpload upload, DocumentPurpose purpose, DocumentLinks links,
        StoredDocument? replacing, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(upload);
        var name = DocumentFileName.Clean(upload.FileName);
        var staged = await storage.StageAsync(upload.Content, options.Value.MaxBytes, ct);
        try
        {
            DocumentFileFormat format;
            await using (var content = staged.OpenRead())
            {
                format = await DocumentInspector.DetectAsync(content, ct);
            }

            // The name shown and sent on download says what the file is: a PDF uploaded as "x.html" is kept as "x.pdf".
            name = DocumentFileName.WithExtensionOf(name, format);
            await EnsureNotDuplicateAsync(user, staged.Sha256, links.ProjectAreaId, name, ct);
            var thumbnailKey = DocumentFormats.IsImage(format) ? await PublishThumbnailAsync(staged, format, ct) : null;
            var key = await storage.PublishAsync(staged, format, ct);
            publishedInThisScope.Add(key);
            var file = new DocumentFile(name, DocumentFormats.MediaType(format), staged.Size, staged.Sha256, key, thumbnailKey);
            var now = clock.GetUtcNow();
            var document = replacing is null
                ? StoredDocument.First(purpose, links, file, note, user.AsActor(), now)
                : StoredDocument.Replacing(replacing, file, note, user.AsActor(), now);
            db.Documents.Add(document);
            return document;
        }
        finally
        {
            // Does nothing once published; removes the staging file when anything above refused the upload.
            await storage.DiscardAsync(staged);
        }
    }

    /// <summary>Commits the unit of work; on failure the files published in this scope are deleted again.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            publishedInThisScope.Clear();
        }
        catch
        {
            await UndoPublishedAsync();
            throw;
        }
    }

    /// <summary>Deletes the files published in this scope (the caller's write was refused after they were published).</summary>
    public async Task UndoPublishedAsync()
    {
        foreach (var key in publishedInThisScope)
        {
            try
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
            catch (IOException e)
            {
                // The sweep will find it later; the write's own error is what the user must see.
                log.LogWarning(e, "Could not remove document file {Key} after a failed save", key);
            }
        }

        publishedInThisScope.Clear();
    }

    /// <summary>Documents the user may see: in their region's projects, and for a township official only their township's.</summary>
    public IQueryable<StoredDocument> Visible(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var township = user.OwnTownshipId;
        return db.Documents.AsNoTracking()
            .Where(d => db.ProjectAreas.Visible(db, user).Any(p => p.Id == d.ProjectAreaId))
            .Where(d => township == null || d.TownshipId == township);
    }

    /// <summary>Opens a document (or its thumbnail) for download after the authorization check; NotFound for anything out of reach.</summary>
    public async Task<(StoredDocument Document, Stream Content)> OpenAsync(CurrentUser user, long id, bool thumbnail, CancellationToken ct)
    {
        var document = await Visible(user).SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("文件不存在或无权查看。");
        var key = thumbnail ? document.ThumbnailKey ?? throw new NotFoundException("该文件没有缩略图。") : document.StorageKey;
        try
        {
            return (document, await storage.OpenReadAsync(key, ct));
        }
        catch (FileNotFoundException e)
        {
            log.LogError(e, "Document {Id} has a row but its file {Key} is missing", id, key);
            throw new NotFoundException("文件已登记，但存储中找不到该文件，请联系系统管理员。");
        }
    }

    /// <summary>Removes files without a row (older than <paramref name="graceAge"/>, so uploads in flight are spared) and stale staging files.</summary>
    public async Task<int> SweepOrphansAsync(TimeSpan graceAge, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - graceAge;
        var candidates = new List<string>();
        await foreach (var file in storage.ListAsync(ct))
        {
            if (file.LastWriteUtc < cutoff)
            {
                candidates.Add(file.Key);
            }
        }

        var removed = 0;
        foreach (var batch in candidates.Chunk(1000))
        {
            var known = await db.Documents.AsNoTracking()
                .Where(d => batch.Contains(d.StorageKey) || (d.ThumbnailKey != null && batch.Contains(d.ThumbnailKey)))
                .Select(d => new { d.StorageKey, d.ThumbnailKey })
                .ToListAsync(ct);
            var keep = known.SelectMany(k => new[] { k.StorageKey, k.ThumbnailKey }).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var key in batch.Where(k => !keep.Contains(k)))
            {
                await storage.DeleteAsync(key, ct);
                removed++;
            }
        }

        removed += await storage.DeleteStaleStagingFilesAsync(graceAge, ct);
        if (removed > 0 && log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation("Document sweep removed {Count} orphaned or stale files", removed);
        }

        return removed;
    }

    private async Task EnsureNotDuplicateAsync(CurrentUser user, string sha256, int projectAreaId, string name, CancellationToken ct)
    {
        // The same file twice in one submission (say, as both the before and the after photo) is a duplicate too.
        if (db.Documents.Local.FirstOrDefault(d => d.Sha256 == sha256 && d.ProjectAreaId == projectAreaId) is { } pending)
        {
            throw new DocumentRejectedException("document.duplicate", $"“{name}”与同时上传的“{pending.FileName}”内容完全相同，请勿重复上传。");
        }

        // The duplicate is refused wherever it lies in the project, but its name and uploader are told only to someone who
        // may open it: a township official must not learn what another township filed (docs/security.md, township scope).
        var visible = Visible(user);
        var existing = await db.Documents.AsNoTracking()
            .Where(d => d.Sha256 == sha256 && d.ProjectAreaId == projectAreaId)
            .OrderByDescending(d => visible.Any(v => v.Id == d.Id))
            .Select(d => new { d.FileName, d.UploadedByName, d.UploadedAt, Visible = visible.Any(v => v.Id == d.Id) })
            .FirstOrDefaultAsync(ct);
        if (existing is { Visible: true })
        {
            throw new DocumentRejectedException("document.duplicate",
                $"“{name}”与本项目区已存储的文件“{existing.FileName}”（{existing.UploadedByName} 于 {ChinaDate(existing.UploadedAt)} 上传）内容完全相同，无需重复上传。");
        }

        if (existing is not null)
        {
            throw new DocumentRejectedException("document.duplicate",
                $"“{name}”与本项目区已存储的一份文件内容完全相同（该文件不在您的查看范围内），无需重复上传；如有疑问请与县局经办人联系。");
        }
    }

    private async Task<string?> PublishThumbnailAsync(StagedDocument source, DocumentFileFormat format, CancellationToken ct)
    {
        var bytes = await thumbnails.MakeAsync(source, format, ct);
        if (bytes is null)
        {
            return null;
        }

        using var memory = new MemoryStream(bytes, writable: false);
        var staged = await storage.StageAsync(memory, long.MaxValue, ct);
        try
        {
            var key = await storage.PublishAsync(staged, DocumentFileFormat.Jpeg, ct);
            publishedInThisScope.Add(key);
            return key;
        }
        finally
        {
            await storage.DiscardAsync(staged);
        }
    }

    private static string ChinaDate(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
