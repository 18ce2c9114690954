using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using static System.FormattableString;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// Made-up "scans" for demo data and tests: a paper-coloured PNG with a border, grey bars standing in for lines of
/// text and a red stamp ring, and a one-page text PDF. Generated here (no image library, no real people's
/// documents); the same seed text always gives the same bytes.
/// </summary>
public static class SampleScans
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>An 8-bit RGB PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Png(int width, int height, string seedText)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 10_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 10_000);
        ArgumentNullException.ThrowIfNull(seedText);

        var canvas = new Canvas(width, height);
        Draw(canvas, new Seeded(seedText));

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        // compression 0 (deflate), filter method 0, interlace 0 (none)
        WriteChunk(png, "IHDR"u8, ihdr);
        WriteChunk(png, "IDAT"u8, Compress(canvas));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// A one-page A4 PDF with a title and lines of text in Helvetica. Only printable ASCII is drawn (the standard
    /// fonts have no Chinese glyphs); other characters become "?", so pass pinyin.
    /// </summary>
    public static byte[] Pdf(string title, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(lines);

        var text = new StringBuilder();
        text.Append("BT\n/F1 18 Tf\n72 770 Td\n(").Append(PdfString(title)).Append(") Tj\n");
        text.Append("/F1 11 Tf\n16 TL\n0 -12 Td\n"); // 16 pt leading for T*
        foreach (var line in lines.Take(42)) // what fits on the page below the title
        {
            text.Append("T* (").Append(PdfString(line)).Append(") Tj\n");
        }

        text.Append("ET\n");
        // A thin frame, so the page looks like a form when rendered small.
        text.Append("0.5 w 50 50 495 742 re S\n");
        var content = Encoding.ASCII.GetBytes(text.ToString());

        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        Ascii(pdf, "%PDF-1.4\n");
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']); // marks the file as binary for transfer programs
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Ascii(pdf, Invariant($"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
        }

        offsets.Add(pdf.Position);
        Ascii(pdf, Invariant($"{objects.Length + 1} 0 obj\n<< /Length {content.Length} >>\nstream\n"));
        pdf.Write(content);
        Ascii(pdf, "endstream\nendobj\n");

        // Cross-reference table: every entry exactly 20 bytes, offsets from the start of the file.
        var xref = pdf.Position;
        Ascii(pdf, Invariant($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Ascii(pdf, Invariant($"{offset:D10} 00000 n \n"));
        }

        Ascii(pdf, Invariant($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static void Draw(Canvas canvas, Seeded random)
    {
        int w = canvas.Width, h = canvas.Height;
        canvas.Fill(0, 0, w, h, 0xF7, 0xF3, 0xE8); // off-white paper

        var margin = Math.Max(4, Math.Min(w, h) / 16);
        var line = Math.Max(1, Math.Min(w, h) / 300);
        canvas.Frame(margin, margin, w - 2 * margin, h - 2 * margin, line, 0x44, 0x44, 0x44);

        // A darker, centred title bar, then body "text" lines of varying length.
        var inner = w - 4 * margin;
        var bar = Math.Max(2, h / 60);
        var titleWidth = inner * (40 + random.Next(30)) / 100;
        canvas.Fill((w - titleWidth) / 2, 2 * margin, titleWidth, bar * 2, 0x55, 0x55, 0x55);

        var y = 2 * margin + bar * 5;
        while (y + bar < h - 2 * margin)
        {
            var length = inner * (55 + random.Next(45)) / 100;
            canvas.Fill(2 * margin, y, length, bar, 0xA8, 0xA8, 0xA8);
            y += bar * 3;
        }

        // The red stamp ring near the bottom right, placed by the seed so samples differ.
        var radius = Math.Max(4, Math.Min(w, h) / 9);
        var cx = w - 2 * margin - radius - random.Next(Math.Max(1, w / 5));
        var cy = h - 2 * margin - radius - random.Next(Math.Max(1, h / 6));
        canvas.Ring(cx, cy, radius, Math.Max(1, radius / 8), 0xD0, 0x21, 0x21);
        canvas.Ring(cx, cy, radius / 4, radius / 4, 0xD0, 0x21, 0x21); // the star-ish centre, as a dot
    }

    /// <summary>Each row is filter byte 0 (none) then RGB bytes; zlib-wrapped deflate as PNG requires.</summary>
    private static byte[] Compress(Canvas canvas)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var stride = canvas.Width * 3;
            for (var row = 0; row < canvas.Height; row++)
            {
                zlib.WriteByte(0);
                zlib.Write(canvas.Pixels, row * stride, stride);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu; // over type and data, not the length
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }

    // CRC-32 of ISO 3309 / PNG annex D: reflected polynomial 0xEDB88320, table-driven.
    private static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static string PdfString(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '(' or ')':
                    result.Append('\\').Append(c);
                    break;
                case >= ' ' and <= '~':
                    result.Append(c);
                    break;
                default:
                    result.Append('?');
                    break;
            }
        }

        return result.ToString();
    }

    private static void Ascii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    private sealed class Canvas(int width, int height)
    {
        public int Width { get; } = width;

        public int Height { get; } = height;

        public byte[] Pixels { get; } = new byte[width * height * 3];

        public void Fill(int x, int y, int w, int h, byte r, byte g, byte b)
        {
            for (var row = Math.Max(0, y); row < Math.Min(Height, y + h); row++)
            {
                for (var col = Math.Max(0, x); col < Math.Min(Width, x + w); col++)
                {
                    Set(col, row, r, g, b);
                }
            }
        }

        public void Frame(int x, int y, int w, int h, int thickness, byte r, byte g, byte b)
        {
            Fill(x, y, w, thickness, r, g, b);
            Fill(x, y + h - thickness, w, thickness, r, g, b);
            Fill(x, y, thickness, h, r, g, b);
            Fill(x + w - thickness, y, thickness, h, r, g, b);
        }

        /// <summary>Pixels whose distance from the centre is within [radius − thickness, radius].</summary>
        public void Ring(int cx, int cy, int radius, int thickness, byte r, byte g, byte b)
        {
            var outer = (long)radius * radius;
            var innerRadius = Math.Max(0, radius - thickness);
            var inner = (long)innerRadius * innerRadius;
            for (var row = Math.Max(0, cy - radius); row <= Math.Min(Height - 1, cy + radius); row++)
            {
                for (var col = Math.Max(0, cx - radius); col <= Math.Min(Width - 1, cx + radius); col++)
                {
                    long dx = col - cx, dy = row - cy;
                    var d = dx * dx + dy * dy;
                    if (d <= outer && (thickness >= radius || d >= inner))
                    {
                        Set(col, row, r, g, b);
                    }
                }
            }
        }

        private void Set(int x, int y, byte r, byte g, byte b)
        {
            var i = (y * Width + x) * 3;
            Pixels[i] = r;
            Pixels[i + 1] = g;
            Pixels[i + 2] = b;
        }
    }

    /// <summary>A deterministic sequence from the seed text (string.GetHashCode differs per process).</summary>
    private sealed class Seeded(string seedText)
    {
        private readonly byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seedText));
        private int next;

        public int Next(int below)
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(hash.AsSpan(next % 30));
            next += 2;
            return below <= 1 ? 0 : value % below;
        }
    }
}
