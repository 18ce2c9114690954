namespace GuaGou.Infrastructure.Documents;

/// <summary>The kinds of file the document store accepts, decided by content (<see cref="DocumentInspector"/>).</summary>
public enum DocumentFormat
{
    Pdf,
    Jpeg,
    Png,

    /// <summary>OFD (GB/T 33190), the Chinese fixed-layout format many government offices issue instead of PDF.</summary>
    Ofd,
}

public static class DocumentFormats
{
    public static string MediaType(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => "application/pdf",
        DocumentFormat.Jpeg => "image/jpeg",
        DocumentFormat.Png => "image/png",
        DocumentFormat.Ofd => "application/ofd",
        _ => throw Unknown(format),
    };

    /// <summary>The extension used in storage keys, so a file copied out of the store opens with the right program.</summary>
    public static string Extension(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => ".pdf",
        DocumentFormat.Jpeg => ".jpg",
        DocumentFormat.Png => ".png",
        DocumentFormat.Ofd => ".ofd",
        _ => throw Unknown(format),
    };

    /// <summary>Images can be shown inline and get a thumbnail; PDF and OFD are offered for download.</summary>
    public static bool IsImage(DocumentFormat format) => format is DocumentFormat.Jpeg or DocumentFormat.Png;

    public static string ChineseName(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => "PDF 文件",
        DocumentFormat.Jpeg => "JPEG 图片",
        DocumentFormat.Png => "PNG 图片",
        DocumentFormat.Ofd => "OFD 版式文件",
        _ => throw Unknown(format),
    };

    private static ArgumentOutOfRangeException Unknown(DocumentFormat format) =>
        new(nameof(format), format, "未知的文档格式。");
}
