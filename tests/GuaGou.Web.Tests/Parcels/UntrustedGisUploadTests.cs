using System.Net;
using System.Net.Sockets;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Testing;
using GuaGou.Web.Tests.Documents;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>
/// The VRT attack through the ways a user reaches GDAL: the parcel-import page, a reference-layer load, and a photo's
/// thumbnail. Nothing outside is read or fetched, and the user is told the file is not what its name says.
/// </summary>
public sealed class UntrustedGisUploadTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>, IDisposable
{
    private const string Marker = "SECRET-MARKER-4419";

    private readonly string outside = Directory.CreateTempSubdirectory("guagou-outside-").FullName;
    private readonly TcpListener listener = StartListener();

    private static TcpListener StartListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private string SecretCsv
    {
        get
        {
            var path = Path.Combine(outside, "secret.csv");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, $"WKT,DKBH\n\"POLYGON((119.1 44.0,119.101 44.0,119.101 44.001,119.1 44.0))\",{Marker}\n");
            }

            return path;
        }
    }

    private static string VectorVrt(string source) =>
        $"""<OGRVRTDataSource><OGRVRTLayer name="parcels"><SrcDataSource>{source}</SrcDataSource><SrcLayer>secret</SrcLayer><GeometryType>wkbPolygon</GeometryType><LayerSRS>EPSG:4490</LayerSRS><GeometryField encoding="WKT" field="WKT"/></OGRVRTLayer></OGRVRTDataSource>""";

    [Theory]
    [InlineData("地块.geojson", "csv")]
    [InlineData("地块.kml", "vsicurl")]
    public async Task ParcelImportPage_WithAVrtUnderAnAcceptedName_SaysTheContentIsNotThatFormat_AndLeaksNothing(string fileName, string attack)
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("不可信文件测试项目区");
        var url = $"/projects/{code}/parcels/import";
        var vrt = VectorVrt(attack == "csv" ? $"CSV:{SecretCsv}" : $"/vsicurl/http://127.0.0.1:{Port}/secret.csv");

        var response = await clerk.Client.UploadFormAsync(url, "upload", new Dictionary<string, string>
        {
            ["Input.Zone"] = "Demolition",
            ["Input.TownshipId"] = await clerk.Client.OptionValueAsync(url, "#township", "天山镇"),
            ["Input.DefaultLandClass"] = "0602",
            ["Input.DefaultDirection"] = "Farmland",
        }, Encoding.UTF8.GetBytes(vrt), fileName);

        var html = response.StatusCode == HttpStatusCode.Redirect
            ? await (await clerk.Client.GetAsync(response.RedirectTarget())).Content.ReadAsStringAsync()
            : await response.Content.ReadAsStringAsync();
        Assert.Contains("文件内容不是所标明的格式", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "the server connected to the URL named in the upload");
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.Parcels.AnyAsync(p => p.Code == Marker));
    }

    [Fact]
    public async Task ReferenceLayerLoad_OfAVrt_IsRefusedAndKeepsNoFeature()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var user = await ProjectPages.CurrentUserAsync(app, clerk);
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ReferenceLayerService>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.LoadAsync(user, user.RegionId, ReferenceLayerKind.Farmland,
            "耕地.geojson", Encoding.UTF8.GetBytes(VectorVrt($"CSV:{SecretCsv}"))));

        Assert.Equal("reference.file_errors", refused.Code);
        Assert.Contains("文件内容不是所标明的格式", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, refused.Message, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ReferenceFeatures.AnyAsync(f => f.Label.Contains(Marker)));
    }

    [Fact]
    public async Task Thumbnail_OfARasterVrtNamedAsAPhoto_IsNotMade_AndReadsNoFileOutside()
    {
        var picture = Path.Combine(outside, "outside.png");
        await File.WriteAllBytesAsync(picture, SampleScans.Png(400, 300, "外部文件"));
        var vrt = $"""<VRTDataset rasterXSize="400" rasterYSize="300"><VRTRasterBand dataType="Byte" band="1"><SimpleSource><SourceFilename relativeToVRT="0">{picture}</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>""";
        using var scratch = new DocumentScratch();
        var staged = await scratch.Storage().StageAsync(new MemoryStream(Encoding.UTF8.GetBytes(vrt)), 1024 * 1024, CancellationToken.None);
        var maker = new ThumbnailMaker(Options.Create(new DocumentStoreOptions()));

        Assert.Null(await maker.MakeAsync(staged, DocumentFileFormat.Png, CancellationToken.None));
        Assert.Null(await maker.MakeAsync(staged, DocumentFileFormat.Jpeg, CancellationToken.None));
    }

    public void Dispose()
    {
        listener.Stop();
        Directory.Delete(outside, recursive: true);
    }
}
