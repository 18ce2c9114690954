using System.IO.Compression;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// Decides what an upload is from its bytes alone: the file name and the browser's content type are whatever the
/// client says, and a page renamed to .pdf must not be served back as a PDF. Also catches the commonest damage,
/// an upload cut off part-way, so the user hears about it now rather than when someone opens the file.
/// </summary>
public static class DocumentInspector
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PdfEnd = "%%EOF"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    private const string TypeMessage = "文件内容不是 PDF、JPG、PNG 或 OFD（按文件内容判断，而不是文件名）。";

    /// <param name="content">Seekable (the staged file); its position is left anywhere.</param>
    public static async Task<DocumentFileFormat> DetectAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("需要可定位的流（暂存文件）。", nameof(content));
        }

        var length = content.Length;
        if (length == 0)
        {
            throw new DocumentRejectedException(DocumentRejectedException.Type, "文件为空，无法判断文件类型。");
        }

        var head = new byte[8];
        content.Position = 0;
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var start = head.AsSpan(0, read);

        if (start.StartsWith(PdfMagic))
        {
            await EnsurePdfEndsWithEofAsync(content, length, ct).ConfigureAwait(false);
            return DocumentFileFormat.Pdf;
        }

        if (start.StartsWith(PngMagic))
        {
            await EnsurePngChunksAreCompleteAsync(content, length, ct).ConfigureAwait(false);
            return DocumentFileFormat.Png;
        }

        if (start.Length >= 3 && start[0] == 0xFF && start[1] == 0xD8 && start[2] == 0xFF)
        {
            await EnsureJpegEndsAsync(content, length, ct).ConfigureAwait(false);
            return DocumentFileFormat.Jpeg;
        }

        if (start.StartsWith(ZipMagic))
        {
            EnsureZipIsOfd(content);
            return DocumentFileFormat.Ofd;
        }

        throw new DocumentRejectedException(DocumentRejectedException.Type, TypeMessage);
    }

    /// <summary>Writers put <c>%%EOF</c> last (often followed by a newline); a cut-off upload loses it.</summary>
    private static async Task EnsurePdfEndsWithEofAsync(Stream content, long length, CancellationToken ct)
    {
        var tail = await ReadTailAsync(content, length, 1024, ct).ConfigureAwait(false);
        if (tail.AsSpan().IndexOf(PdfEnd) < 0)
        {
            throw Damaged("PDF 文件不完整（末尾缺少 %%EOF 结束标记），可能上传中断或文件已损坏，请重新导出或扫描后上传。");
        }
    }

    /// <summary>
    /// Walks the chunk list (lengths only, no decompression): IHDR must come first and IEND must be reached inside
    /// the file. A truncated PNG runs out of bytes before IEND.
    /// </summary>
    private static async Task EnsurePngChunksAreCompleteAsync(Stream content, long length, CancellationToken ct)
    {
        var header = new byte[8];
        long position = 8;
        var first = true;
        while (position + 12 <= length)
        {
            content.Position = position;
            await content.ReadExactlyAsync(header, ct).ConfigureAwait(false);
            var chunkLength = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header.AsSpan(4, 4);
            if (first && (!type.SequenceEqual("IHDR"u8) || chunkLength != 13))
            {
                throw Damaged("PNG 文件已损坏（文件头之后缺少 IHDR 图像信息块）。");
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return;
            }

            first = false;
            position += 12 + chunkLength; // length + type + data + CRC
        }

        throw Damaged(first
            ? "PNG 文件已损坏（文件头之后缺少 IHDR 图像信息块）。"
            : "PNG 图片不完整（缺少结束块 IEND），可能上传中断或文件已损坏，请重新上传。");
    }

    /// <summary>
    /// The usual JPEG ends with the EOI marker FF D9, sometimes followed by zero padding. Phones that keep a
    /// "moving picture" append a video after EOI, so when the tail is not EOI the marker structure is walked to
    /// find the real EOI; a cut-off file has none.
    /// </summary>
    private static async Task EnsureJpegEndsAsync(Stream content, long length, CancellationToken ct)
    {
        var tail = await ReadTailAsync(content, length, 4096, ct).ConfigureAwait(false);
        var end = tail.AsSpan().TrimEnd((byte)0);
        if (end.Length >= 2 && end[^2] == 0xFF && end[^1] == 0xD9)
        {
            return;
        }

        content.Position = 0;
        if (!await JpegMarkers.ReachesEndOfImageAsync(content, ct).ConfigureAwait(false))
        {
            throw Damaged("JPEG 图片不完整（缺少结束标记 FF D9），可能上传中断或文件已损坏，请重新上传。");
        }
    }

    /// <summary>OFD is a ZIP package whose root holds OFD.xml (GB/T 33190 §7.4); any other ZIP is not a document.</summary>
    private static void EnsureZipIsOfd(Stream content)
    {
        content.Position = 0;
        try
        {
            // Only the central directory is read; nothing is decompressed, so a zip bomb costs nothing here.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Any(e => string.Equals(e.FullName, "OFD.xml", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }
        }
        catch (InvalidDataException)
        {
            // We cannot tell a damaged OFD from any other damaged ZIP, so this is a type rejection.
            throw new DocumentRejectedException(DocumentRejectedException.Type, "文件是损坏的 ZIP 压缩包，不是有效的 OFD 文件。");
        }

        throw new DocumentRejectedException(DocumentRejectedException.Type,
            "文件是 ZIP 压缩包而不是 OFD 版式文件（根目录没有 OFD.xml）。请上传 PDF、JPG、PNG 或 OFD 文件。");
    }

    private static async Task<byte[]> ReadTailAsync(Stream content, long length, int count, CancellationToken ct)
    {
        var size = (int)Math.Min(count, length);
        var tail = new byte[size];
        content.Position = length - size;
        await content.ReadExactlyAsync(tail, ct).ConfigureAwait(false);
        return tail;
    }

    private static DocumentRejectedException Damaged(string message) => new(DocumentRejectedException.Damaged, message);
}
