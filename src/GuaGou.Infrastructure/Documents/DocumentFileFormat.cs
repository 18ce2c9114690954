namespace GuaGou.Infrastructure.Documents;

/// <summary>The kinds of file the document store accepts, decided by content (<see cref="DocumentInspector"/>).</summary>
public enum DocumentFileFormat
{
    Pdf,
    Jpeg,
    Png,

    /// <summary>OFD (GB/T 33190), the Chinese fixed-layout format many government offices issue instead of PDF.</summary>
    Ofd,
}

public static class DocumentFormats
{
    public static string MediaType(DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Pdf => "application/pdf",
        DocumentFileFormat.Jpeg => "image/jpeg",
        DocumentFileFormat.Png => "image/png",
        DocumentFileFormat.Ofd => "application/ofd",
        _ => throw Unknown(format),
    };

    /// <summary>The extension used in storage keys, so a file copied out of the store opens with the right program.</summary>
    public static string Extension(DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Pdf => ".pdf",
        DocumentFileFormat.Jpeg => ".jpg",
        DocumentFileFormat.Png => ".png",
        DocumentFileFormat.Ofd => ".ofd",
        _ => throw Unknown(format),
    };

    /// <summary>Images can be shown inline and get a thumbnail; PDF and OFD are offered for download.</summary>
    public static bool IsImage(DocumentFileFormat format) => format is DocumentFileFormat.Jpeg or DocumentFileFormat.Png;

    public static string ChineseName(DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Pdf => "PDF 文件",
        DocumentFileFormat.Jpeg => "JPEG 图片",
        DocumentFileFormat.Png => "PNG 图片",
        DocumentFileFormat.Ofd => "OFD 版式文件",
        _ => throw Unknown(format),
    };

    private static ArgumentOutOfRangeException Unknown(DocumentFileFormat format) =>
        new(nameof(format), format, "未知的文档格式。");
}
