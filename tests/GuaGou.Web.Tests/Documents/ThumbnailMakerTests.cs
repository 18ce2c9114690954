using GuaGou.Infrastructure.Documents;
using Microsoft.Extensions.Options;
// DocumentFormat.OpenXml (via Infrastructure) owns the root namespace "DocumentFileFormat", which hides the enum here.
using Format = GuaGou.Infrastructure.Documents.DocumentFileFormat;

namespace GuaGou.Web.Tests.Documents;

/// <summary>Thumbnails by the real gdal_translate (gdal-bin, installed by deploy/test.sh) from staged files.</summary>
public sealed class ThumbnailMakerTests : IDisposable
{
    private readonly DocumentScratch scratch = new();
    private readonly ThumbnailMaker maker = new(Options.Create(new DocumentStoreOptions()));

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Make_FromLandscapePng_GivesJpegWithLongestSide240()
    {
        var thumbnail = await maker.MakeAsync(await StageAsync(SampleScans.Png(1200, 800, "缩略图")), Format.Png, CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal((240, 160), DocumentSamples.JpegSize(thumbnail));
    }

    [Fact]
    public async Task Make_FromPortraitJpegPhoto_GivesJpegWithLongestSide240()
    {
        var photo = await DocumentSamples.JpegAsync(scratch, 600, 900);

        var thumbnail = await maker.MakeAsync(await StageAsync(photo), Format.Jpeg, CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal((160, 240), DocumentSamples.JpegSize(thumbnail));
    }

    [Fact]
    public async Task Make_FromRgbaPng_DropsAlphaAndGivesJpeg()
    {
        var rgb = scratch.Write("rgb.png", SampleScans.Png(500, 300, "透明"));
        var rgba = scratch.PathOf("rgba.png");
        await DocumentSamples.GdalTranslateAsync("-q", "-of", "PNG", "-b", "1", "-b", "2", "-b", "3", "-b", "1", "-colorinterp_4", "alpha", rgb, rgba);
        Assert.Equal(6, File.ReadAllBytes(rgba)[25]); // colour type 6: RGBA

        var thumbnail = await maker.MakeAsync(await StageAsync(File.ReadAllBytes(rgba)), Format.Png, CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal((240, 144), DocumentSamples.JpegSize(thumbnail));
    }

    [Fact]
    public async Task Make_FromSmallImage_DoesNotEnlargeIt()
    {
        var thumbnail = await maker.MakeAsync(await StageAsync(SampleScans.Png(100, 60, "小图")), Format.Png, CancellationToken.None);

        Assert.Equal((100, 60), DocumentSamples.JpegSize(thumbnail!));
    }

    [Fact]
    public async Task Make_FromCorruptPng_ReturnsNullWithoutThrowing()
    {
        var png = SampleScans.Png(1200, 800, "损坏");
        for (var i = 60; i < png.Length - 20; i++)
        {
            png[i] = (byte)(i * 31); // the compressed image data becomes noise; header and IEND stay
        }

        Assert.Null(await maker.MakeAsync(await StageAsync(png), Format.Png, CancellationToken.None));
    }

    [Fact]
    public async Task Make_FromBytesThatAreNoImage_ReturnsNull() =>
        Assert.Null(await maker.MakeAsync(await StageAsync("not an image at all"u8.ToArray()), Format.Jpeg, CancellationToken.None));

    [Fact]
    public async Task Make_WithoutGdal_ReturnsNull()
    {
        var withoutGdal = new ThumbnailMaker(240, ogr2ogrPath: Path.Combine(scratch.Root, "no-gdal", "ogr2ogr"));

        Assert.Null(await withoutGdal.MakeAsync(await StageAsync(SampleScans.Png(400, 300, "x")), Format.Png, CancellationToken.None));
    }

    [Fact]
    public async Task Make_ForPdf_ReturnsNull() =>
        Assert.Null(await maker.MakeAsync(await StageAsync(SampleScans.Pdf("x", [])), Format.Pdf, CancellationToken.None));

    private async Task<StagedDocument> StageAsync(byte[] content) =>
        await scratch.Storage().StageAsync(new MemoryStream(content), 50L * 1024 * 1024, CancellationToken.None);
}
