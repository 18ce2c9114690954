namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// Where document bytes live; the database row (written by the caller) says what they are and who may see them.
/// </summary>
/// <remarks>
/// Crash safety — the file system and the database cannot share a transaction, so the order makes every crash
/// leave either nothing visible or a file nobody points to:
/// <list type="number">
/// <item><see cref="StageAsync"/> copies the upload to a staging file and syncs it to disk. Staging files are never
/// visible as documents; after a crash they are only garbage (<see cref="DeleteStaleStagingFilesAsync"/>).</item>
/// <item>The caller inspects the staged bytes (<see cref="DocumentInspector"/>) and makes a thumbnail;
/// <see cref="DiscardAsync"/> if it rejects them.</item>
/// <item><see cref="PublishAsync"/> renames the staged file to a new key (atomic on one file system, never
/// overwriting) and syncs the directory, so the key survives a power cut.</item>
/// <item>The caller commits the database row naming the key. If that commit fails, the caller calls
/// <see cref="DeleteAsync"/> (undo).</item>
/// </list>
/// If the process dies between publish and commit, the published file has no row: an orphan. The orphan sweep
/// lists keys (<see cref="ListAsync"/>) and deletes those without a row — but only keys older than a grace period
/// (say an hour, by <see cref="StoredFile.LastWriteUtc"/>), because an upload in flight is published before its row
/// commits. A row never points to a missing file, because the file is durable before the row is written.
/// </remarks>
public interface IDocumentStorage
{
    /// <summary>
    /// Copies the upload to a staging file (not visible as a stored document), flushed to disk; computes SHA-256 and
    /// size. Throws <see cref="DocumentRejectedException"/> document.empty / document.too_large (staging file
    /// deleted) — reading stops as soon as <paramref name="maxBytes"/> is exceeded.
    /// </summary>
    Task<StagedDocument> StageAsync(Stream content, long maxBytes, CancellationToken ct);

    /// <summary>
    /// Makes the staged file visible under a new generated key (e.g. "2026/11/3f2a…e1.pdf"): a rename on the same
    /// file system, never overwriting an existing key, then a sync of the directory. Returns the key.
    /// </summary>
    Task<string> PublishAsync(StagedDocument staged, DocumentFileFormat format, CancellationToken ct);

    /// <summary>Deletes a staged file that will not be published (idempotent; does nothing once published).</summary>
    Task DiscardAsync(StagedDocument staged);

    /// <summary>Opens a published file for reading; <see cref="FileNotFoundException"/> if it is missing.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes a published file whose database row could not be committed (undo), or an orphan; idempotent.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every published key with its last-write time and size — for the orphan sweep.</summary>
    IAsyncEnumerable<StoredFile> ListAsync(CancellationToken ct);

    /// <summary>Deletes staging files last written more than <paramref name="olderThan"/> ago (left by crashes); returns how many.</summary>
    Task<int> DeleteStaleStagingFilesAsync(TimeSpan olderThan, CancellationToken ct);
}

/// <summary>A published file as the storage sees it.</summary>
public sealed record StoredFile(string Key, DateTimeOffset LastWriteUtc, long Size);
