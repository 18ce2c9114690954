namespace GuaGou.Infrastructure.Documents;

/// <summary>Bound from "GuaGou:Documents".</summary>
public sealed class DocumentStoreOptions
{
    /// <summary>
    /// The directory holding <c>staging/</c> and <c>files/</c>; both must stay on one file system (publishing is a
    /// rename). Required: there is no sensible default for where scans of consent forms live.
    /// </summary>
    public string Root { get; set; } = "";

    /// <summary>Largest upload in bytes (default 50 MB; a 30-page 300 dpi colour scan is about 20 MB).</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Longest side of image thumbnails, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 240;
}
