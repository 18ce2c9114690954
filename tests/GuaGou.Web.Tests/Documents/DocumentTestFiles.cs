using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using GuaGou.Infrastructure.Documents;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Tests.Documents;

/// <summary>A temp directory per test class: the store's root and any files the tests write.</summary>
internal sealed class DocumentScratch : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("guagou-documents-test-").FullName;

    public string StoreRoot => Path.Combine(Root, "store");

    public string StagingDirectory => Path.Combine(StoreRoot, "staging");

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(PathOf(name), bytes);
        return PathOf(name);
    }

    public LocalFileDocumentStorage Storage(TimeProvider? clock = null) =>
        new(Options.Create(new DocumentStoreOptions { Root = StoreRoot }), clock);

    public string[] StagingFiles() =>
        Directory.Exists(StagingDirectory) ? Directory.GetFiles(StagingDirectory) : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Bytes of each kind the store meets, made here or by the real gdal_translate (installed by deploy/test.sh).</summary>
internal static class DocumentSamples
{
    /// <summary>An 8 × 8 grey baseline JPEG (JFIF, quality 50), made once by gdal_translate.</summary>
    public static readonly byte[] TinyJpeg = Convert.FromHexString(
        "FFD8FFE000104A46494600010100000100010000FFDB004300100B0C0E0C0A100E0D0E1211101318281A181616183123251D283A333D3C3933" +
        "383740485C4E404457453738506D51575F626768673E4D71797064785C656763FFC0000B080008000801011100FFC400140001000000000000" +
        "00000000000000000000FFC40014100100000000000000000000000000000000FFDA0008010100003F003FFFD9");

    public static byte[] Png(int width = 320, int height = 200) => SampleScans.Png(width, height, "东村 张三 搬迁协议");

    public static byte[] Pdf() => SampleScans.Pdf("Banqian xieyi (sample)", ["Cun: Dongcun", "Huzhu: Zhang San", "Riqi: 2026-11-22"]);

    /// <summary>An OFD package: a ZIP with OFD.xml at its root (GB/T 33190), or without it when <paramref name="withOfdXml"/> is false.</summary>
    public static byte[] Zip(bool withOfdXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (withOfdXml)
            {
                Entry(zip, "OFD.xml", """<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>""");
            }

            Entry(zip, "Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>");
        }

        return buffer.ToArray();
    }

    /// <summary>Runs gdal_translate with an argument list; fails the test with GDAL's message when it does not succeed.</summary>
    public static async Task GdalTranslateAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("gdal_translate") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "gdal_translate (gdal-bin, installed by deploy/test.sh) failed: " + await error);
    }

    /// <summary>A JPEG photo of <paramref name="width"/> × <paramref name="height"/> made from a sample PNG by gdal_translate.</summary>
    public static async Task<byte[]> JpegAsync(DocumentScratch scratch, int width, int height)
    {
        var png = scratch.Write($"photo-{width}x{height}.png", Png(width, height));
        var jpeg = scratch.PathOf($"photo-{width}x{height}.jpg");
        await GdalTranslateAsync("-q", "-of", "JPEG", png, jpeg);
        return await File.ReadAllBytesAsync(jpeg);
    }

    /// <summary>Width and height from a JPEG's first SOF segment, parsed independently of the production walker.</summary>
    public static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "not a JPEG (no FF D8)");
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            var length = jpeg[i + 2] << 8 | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (jpeg[i + 7] << 8 | jpeg[i + 8], jpeg[i + 5] << 8 | jpeg[i + 6]);
            }

            i += 2 + length;
        }

        throw new InvalidOperationException("no SOF segment");
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>An upload body whose length is unknown up front (like a request stream); counts what was read.</summary>
internal sealed class ForwardOnlyStream(byte[] content) : Stream
{
    private readonly MemoryStream inner = new(content);

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, Math.Min(count, 16 * 1024));
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
