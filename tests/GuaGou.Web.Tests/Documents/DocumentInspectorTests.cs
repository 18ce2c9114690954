using System.Text;
using GuaGou.Infrastructure.Documents;
// DocumentFormat.OpenXml (via Infrastructure) owns the root namespace "DocumentFileFormat", which hides the enum here.
using Format = GuaGou.Infrastructure.Documents.DocumentFileFormat;

namespace GuaGou.Web.Tests.Documents;

/// <summary>Type detection by content only, against real files on disk (the inspector reads the staged FileStream).</summary>
public sealed class DocumentInspectorTests : IDisposable
{
    private readonly DocumentScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Detect_WithSamplePdf_IsPdf() =>
        Assert.Equal(Format.Pdf, await DetectAsync(DocumentSamples.Pdf()));

    [Fact]
    public async Task Detect_WithSamplePng_IsPng() =>
        Assert.Equal(Format.Png, await DetectAsync(DocumentSamples.Png()));

    [Fact]
    public async Task Detect_WithTinyJpeg_IsJpeg() =>
        Assert.Equal(Format.Jpeg, await DetectAsync(DocumentSamples.TinyJpeg));

    [Fact]
    public async Task Detect_WithJpegPhotoFromGdal_IsJpeg() =>
        Assert.Equal(Format.Jpeg, await DetectAsync(await DocumentSamples.JpegAsync(scratch, 640, 480)));

    [Fact]
    public async Task Detect_WithJpegFollowedByZeroPadding_IsJpeg() =>
        Assert.Equal(Format.Jpeg, await DetectAsync([.. DocumentSamples.TinyJpeg, .. new byte[5000]]));

    [Fact]
    public async Task Detect_WithJpegFollowedByAppendedVideo_IsJpegBecauseTheMarkersReachEndOfImage()
    {
        // Phones' "moving pictures" append an MP4 after the image's EOI marker.
        var video = new byte[10_000];
        new Random(7).NextBytes(video);
        Assert.Equal(Format.Jpeg, await DetectAsync([.. await DocumentSamples.JpegAsync(scratch, 400, 300), .. "\0\0\0\x18ftypmp42"u8, .. video]));
    }

    [Fact]
    public async Task Detect_WithZipHoldingOfdXml_IsOfd() =>
        Assert.Equal(Format.Ofd, await DetectAsync(DocumentSamples.Zip(withOfdXml: true)));

    [Fact]
    public async Task Detect_WithFileNamedPdfButHtmlInside_IsRejectedAsType()
    {
        // The name says .pdf; only the bytes count.
        var path = scratch.Write("协议.pdf", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"));
        await using var stream = File.OpenRead(path);
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DocumentInspector.DetectAsync(stream, CancellationToken.None));
        Assert.Equal("document.type", error.Code);
        Assert.Equal("文件内容不是 PDF、JPG、PNG 或 OFD（按文件内容判断，而不是文件名）。", error.Message);
    }

    public static TheoryData<string, byte[]> NotDocuments() => new()
    {
        { "empty", [] },
        { "plain text", Encoding.UTF8.GetBytes("户主：张三\n面积：1.2 亩\n") },
        { "exe", [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00] },
        { "random bytes", RandomBytes() },
        { "zip without OFD.xml", DocumentSamples.Zip(withOfdXml: false) },
        { "corrupt zip", [.. "PK\x03\x04"u8, .. new byte[200]] },
        { "one byte of a PDF", "%"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(NotDocuments))]
    public async Task Detect_WithSomethingElse_IsRejectedAsType(string what, byte[] content)
    {
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DetectAsync(content));
        Assert.True(error.Code == "document.type", $"{what}: {error.Code}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task Detect_WithPdfCutBeforeEof_IsRejectedAsDamaged()
    {
        var pdf = DocumentSamples.Pdf();
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DetectAsync(pdf[..(pdf.Length - 40)]));
        Assert.Equal("document.damaged", error.Code);
        Assert.Contains("%%EOF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_WithPngCutInItsImageData_IsRejectedAsDamaged()
    {
        var png = DocumentSamples.Png();
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DetectAsync(png[..(png.Length / 2)]));
        Assert.Equal("document.damaged", error.Code);
        Assert.Contains("IEND", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_WithPngSignatureButNoIhdr_IsRejectedAsDamaged()
    {
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DetectAsync([.. DocumentSamples.Png()[..8], .. "\0\0\0\x0DIDAT"u8, .. new byte[40]]));
        Assert.Equal("document.damaged", error.Code);
        Assert.Contains("IHDR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_WithJpegCutInItsImageData_IsRejectedAsDamaged()
    {
        var jpeg = await DocumentSamples.JpegAsync(scratch, 640, 480);
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => DetectAsync(jpeg[..(jpeg.Length * 2 / 3)]));
        Assert.Equal("document.damaged", error.Code);
        Assert.Contains("FF D9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_WithSeekableStreamAtItsEnd_StillReadsFromTheStart()
    {
        await using var stream = File.OpenRead(scratch.Write("end.png", DocumentSamples.Png()));
        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(Format.Png, await DocumentInspector.DetectAsync(stream, CancellationToken.None));
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(20261122).NextBytes(bytes);
        bytes[0] = 0x13; // no signature by chance
        return bytes;
    }

    private async Task<Format> DetectAsync(byte[] content)
    {
        await using var stream = File.OpenRead(scratch.Write(Guid.NewGuid().ToString("N") + ".upload", content));
        return await DocumentInspector.DetectAsync(stream, CancellationToken.None);
    }
}
