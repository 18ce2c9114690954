using System.Buffers.Binary;
using System.Globalization;
using GuaGou.Infrastructure.Parcels.Gdal;
using Microsoft.Extensions.Options;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// A small JPEG preview of a JPEG or PNG upload, made by GDAL's <c>gdal_translate</c> (gdal-bin, next to ogr2ogr).
/// Best effort: a thumbnail is a convenience, so a missing GDAL, a damaged image or a timeout gives null and the
/// upload goes on without one. The source size comes from the file's own header (PNG IHDR, JPEG SOF), which is
/// cheaper than a gdalinfo run. GDAL copies the EXIF orientation, so phone photos still show upright.
/// </summary>
public sealed class ThumbnailMaker
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // Beyond this a "photo" is more likely a decompression bomb than a scan; skip the thumbnail.
    private const long MaxSourcePixels = 300_000_000;

    private const string GdalMissingMessage = "未安装 GDAL（gdal-bin），无法生成缩略图。";

    private readonly GdalTools tools;

    /// <summary>For dependency injection: size from <see cref="DocumentStoreOptions.ThumbnailSize"/>, GDAL found on PATH.</summary>
    public ThumbnailMaker(IOptions<DocumentStoreOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.ThumbnailSize)
    {
    }

    /// <param name="size">Longest side of the thumbnail in pixels.</param>
    /// <param name="timeout">Per call; default 30 s.</param>
    /// <param name="ogr2ogrPath">Where GDAL is, as the path (or name on PATH) of ogr2ogr; gdal_translate is looked up next to it.</param>
    /// <param name="tempRoot">Where the per-call temp directories go; default the system temp directory.</param>
    /// <param name="bwrapPath">The sandbox (bubblewrap); default "bwrap" on PATH. Without it no thumbnail is made.</param>
    public ThumbnailMaker(int size, TimeSpan? timeout = null, string? ogr2ogrPath = null, string? tempRoot = null, string? bwrapPath = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        Size = size;
        tools = new GdalTools(timeout ?? DefaultTimeout, ogr2ogrPath, tempRoot, bwrapPath);
    }

    /// <summary>Longest side of the thumbnails, in pixels.</summary>
    public int Size { get; }

    /// <summary>JPEG bytes, or null when the format has no thumbnail (PDF, OFD) or one could not be made.</summary>
    public async Task<byte[]?> MakeAsync(StagedDocument source, DocumentFileFormat format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!DocumentFormats.IsImage(format))
        {
            return null;
        }

        ImageHeader? header;
        await using (var stream = source.OpenRead())
        {
            header = format == DocumentFileFormat.Png
                ? await ReadPngHeaderAsync(stream, ct).ConfigureAwait(false)
                : await ReadJpegHeaderAsync(stream, ct).ConfigureAwait(false);
        }

        if (header is null || (long)header.Width * header.Height > MaxSourcePixels)
        {
            return null;
        }

        string gdalTranslate;
        try
        {
            gdalTranslate = LocateGdalTranslate();
        }
        catch (GdalMissingException)
        {
            return null;
        }

        var work = tools.CreateWorkDirectory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(tools.Timeout);
        try
        {
            // The sandboxed gdal_translate sees only its work directory, so the staged file is copied in.
            var input = Path.Combine(work, format == DocumentFileFormat.Png ? "source.png" : "source.jpg");
            File.Copy(source.FilePath, input);
            var output = Path.Combine(work, "thumbnail.jpg");
            var run = await tools.RunAsync(gdalTranslate, Arguments(header, format, input, output), work, Drivers(format), GdalMissingMessage,
                    deadline.Token)
                .ConfigureAwait(false);
            if (run.ExitCode != 0 || !File.Exists(output))
            {
                return null;
            }

            var bytes = await File.ReadAllBytesAsync(output, ct).ConfigureAwait(false);
            return bytes is [0xFF, 0xD8, 0xFF, ..] ? bytes : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // our timeout, not the caller's cancellation
        }
        catch (GdalMissingException)
        {
            return null;
        }
        catch (GdalSandboxException)
        {
            return null; // fail closed: no sandbox, no GDAL, no thumbnail
        }
        finally
        {
            GdalTools.DeleteWorkDirectory(work);
        }
    }

    private string LocateGdalTranslate() => GdalTools.LocateSibling(tools.LocateOgr2Ogr(GdalMissingMessage), "gdal_translate", GdalMissingMessage);

    /// <summary>
    /// The raster drivers loaded for one thumbnail: the source's own format (the content was recognised as it)
    /// and JPEG for the output. Everything else — VRT above all, which reads other files — is skipped.
    /// </summary>
    internal static string[] Drivers(DocumentFileFormat format) => format == DocumentFileFormat.Png ? ["PNG", "JPEG"] : ["JPEG"];

    private List<string> Arguments(ImageHeader header, DocumentFileFormat format, string input, string output)
    {
        // Never enlarge: a small image keeps its size and is only re-encoded.
        var scale = Math.Min(1.0, (double)Size / Math.Max(header.Width, header.Height));
        var width = Math.Max(1, (int)Math.Round(header.Width * scale));
        var height = Math.Max(1, (int)Math.Round(header.Height * scale));

        // -if: only the recognised format may open the input (GDAL_SKIP already leaves no other choice).
        var arguments = new List<string> { "-q", "-if", format == DocumentFileFormat.Png ? "PNG" : "JPEG", "-of", "JPEG" };
        arguments.AddRange(header.Bands switch
        {
            // JPEG holds 1 or 3 bands: drop alpha, expand palettes. Transparent areas show their stored colour.
            Bands.GrayAlpha => ["-b", "1"],
            Bands.Rgba => ["-b", "1", "-b", "2", "-b", "3"],
            Bands.Palette => ["-expand", "rgb"],
            _ => [],
        });
        if (header.SixteenBit)
        {
            arguments.AddRange(["-ot", "Byte", "-scale", "0", "65535", "0", "255"]);
        }

        arguments.AddRange(
        [
            "-outsize", width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture),
            "-r", "average", // the default nearest neighbour turns scanned text into noise
            "-co", "QUALITY=80",
            "--config", "GDAL_PAM_ENABLED", "NO", // no .aux.xml side-cars, least of all next to the staged file
            input, output,
        ]);
        return arguments;
    }

    private static async Task<ImageHeader?> ReadPngHeaderAsync(Stream stream, CancellationToken ct)
    {
        // Signature (8), IHDR length + type (8), width (4), height (4), bit depth (1), colour type (1).
        var header = new byte[26];
        if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false) < header.Length
            || !header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        var height = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20));
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
        {
            return null;
        }

        var bands = header[25] switch
        {
            3 => Bands.Palette,
            4 => Bands.GrayAlpha,
            6 => Bands.Rgba,
            _ => Bands.AsIs, // 0 gray, 2 RGB
        };
        return new ImageHeader((int)width, (int)height, bands, SixteenBit: header[24] == 16);
    }

    private static async Task<ImageHeader?> ReadJpegHeaderAsync(Stream stream, CancellationToken ct)
    {
        var frame = await JpegMarkers.ReadFrameAsync(stream, ct).ConfigureAwait(false);
        return frame is { Width: > 0, Height: > 0 } ? new ImageHeader(frame.Width, frame.Height, Bands.AsIs, SixteenBit: false) : null;
    }

    private enum Bands
    {
        AsIs,
        GrayAlpha,
        Rgba,
        Palette,
    }

    private sealed record ImageHeader(int Width, int Height, Bands Bands, bool SixteenBit);
}
