using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using GuaGou.Infrastructure.Documents;

namespace GuaGou.Web.Tests.Documents;

public sealed partial class SampleScansTests
{
    [Fact]
    public void Png_HasSignatureHeaderAndDecompressesToTheImageSize()
    {
        var png = SampleScans.Png(300, 200, "样例");

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(300, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));
        Assert.Equal(0xAE426082u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(png.Length - 4))); // the well-known CRC of IEND

        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", Encoding.ASCII.GetString(png, 37, 4));
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress))
        {
            zlib.CopyTo(pixels);
        }

        Assert.Equal(200 * (1 + 300 * 3), pixels.Length); // a filter byte and RGB per row
    }

    [Fact]
    public void Png_IsDeterministicPerSeed()
    {
        Assert.Equal(SampleScans.Png(200, 150, "甲"), SampleScans.Png(200, 150, "甲"));
        Assert.NotEqual(SampleScans.Png(200, 150, "甲"), SampleScans.Png(200, 150, "乙"));
    }

    [Fact]
    public void Pdf_CrossReferenceOffsetsPointAtTheirObjects()
    {
        var pdf = SampleScans.Pdf("Tongyi shu (1)", ["Xingming: Zhang San", "Lujing: C:\\scan", "Zhongwen: 张三"]);
        var text = Encoding.Latin1.GetString(pdf);

        Assert.StartsWith("%PDF-1.4\n", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
        var startxref = int.Parse(StartXref().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 6\n", text[startxref..], StringComparison.Ordinal);
        var entries = XrefEntry().Matches(text[startxref..]).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.StartsWith($"{i + 1} 0 obj", text[entries[i]..], StringComparison.Ordinal);
        }

        var length = int.Parse(StreamLength().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var streamStart = text.IndexOf("stream\n", StringComparison.Ordinal) + "stream\n".Length;
        Assert.StartsWith("endstream", text[(streamStart + length)..], StringComparison.Ordinal);
        Assert.Contains("(Tongyi shu \\(1\\)) Tj", text, StringComparison.Ordinal);
        Assert.Contains("(Lujing: C:\\\\scan) Tj", text, StringComparison.Ordinal);
        Assert.Contains("(Zhongwen: ??) Tj", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) 00000 n \n")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex StreamLength();
}
