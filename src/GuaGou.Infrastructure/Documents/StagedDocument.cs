namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// An upload copied to disk and synced, not yet visible as a document. Read it (type detection, thumbnail) with
/// <see cref="OpenRead"/>, then publish or discard it through the <see cref="IDocumentStorage"/> that staged it.
/// </summary>
public sealed class StagedDocument
{
    internal StagedDocument(string path, long size, string sha256)
    {
        FilePath = path;
        Size = size;
        Sha256 = sha256;
    }

    /// <summary>Bytes.</summary>
    public long Size { get; }

    /// <summary>SHA-256 of the content, lowercase hex (64 characters).</summary>
    public string Sha256 { get; }

    /// <summary>Where the bytes are now: the staging file, or the published file after <see cref="IDocumentStorage.PublishAsync"/>.</summary>
    internal string FilePath { get; private set; }

    internal string? PublishedKey { get; private set; }

    /// <summary>A new read-only, seekable stream over the bytes (still readable after publishing); the caller disposes it.</summary>
    public Stream OpenRead() =>
        new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);

    internal void MarkPublished(string key, string path)
    {
        PublishedKey = key;
        FilePath = path;
    }
}
