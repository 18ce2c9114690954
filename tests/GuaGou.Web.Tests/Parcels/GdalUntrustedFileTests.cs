using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GuaGou.Infrastructure.Parcels.Gdal;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>
/// Uploaded GIS files whose content is a GDAL VRT (which would read other local files or fetch URLs) are refused under
/// every accepted name, nothing outside the call's work directory is visible to GDAL, no request leaves the sandbox,
/// and without bubblewrap nothing runs at all. Real GDAL processes, real files, a real local listener.
/// </summary>
public sealed class GdalUntrustedFileTests : IDisposable
{
    private const string Marker = "SECRET-MARKER-7731";

    private readonly string outside = Path.Combine(Path.GetTempPath(), "guagou-secret-" + Guid.NewGuid().ToString("N"));
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public GdalUntrustedFileTests()
    {
        Directory.CreateDirectory(outside);
        File.WriteAllText(SecretCsv, $"WKT,secret\n\"POLYGON((500000 4000000,500100 4000000,500100 4000100,500000 4000000))\",{Marker}\n");
        using (var zip = ZipFile.Open(SecretZip, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("secret.csv");
            using var writer = new StreamWriter(entry.Open());
            writer.Write(File.ReadAllText(SecretCsv));
        }

        listener.Start();
    }

    private string SecretCsv => Path.Combine(outside, "secret.csv");

    private string SecretZip => Path.Combine(outside, "secret.zip");

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Dispose()
    {
        listener.Stop();
        Directory.Delete(outside, recursive: true);
    }

    public static TheoryData<string, string> Attacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var extension in new[] { ".geojson", ".json", ".kml", ".dxf", ".gpkg" })
        {
            foreach (var attack in new[] { "csv", "vsicurl", "vsizip" })
            {
                data.Add(extension, attack);
            }
        }

        return data;
    }

    private string Vrt(string attack) => attack switch
    {
        "csv" => Layer($"CSV:{SecretCsv}", "secret"),
        "vsicurl" => Layer($"/vsicurl/http://127.0.0.1:{Port}/secret.csv", "secret"),
        "vsizip" => Layer($"/vsizip/{SecretZip}/secret.csv", "secret"),
        _ => throw new ArgumentOutOfRangeException(nameof(attack)),
    };

    private static string Layer(string source, string layer) =>
        $"""<OGRVRTDataSource><OGRVRTLayer name="parcels"><SrcDataSource>{source}</SrcDataSource><SrcLayer>{layer}</SrcLayer><GeometryType>wkbPolygon</GeometryType><LayerSRS>EPSG:4527</LayerSRS><GeometryField encoding="WKT" field="WKT"/></OGRVRTLayer></OGRVRTDataSource>""";

    [Fact]
    public async Task TheVrtAttack_IsRealWithoutTheDriverRestriction_ReadsTheSecretWhenItIsInsideTheSandbox()
    {
        // Control: the same VRT, with every driver allowed and the secret copied into the work directory, does read
        // it — so the refusals below are the protections at work, not a VRT that never worked.
        var tools = new GdalTools(TimeSpan.FromSeconds(30), null, null);
        var work = tools.CreateWorkDirectory();
        try
        {
            File.Copy(SecretCsv, Path.Combine(work, "secret.csv"));
            await File.WriteAllTextAsync(Path.Combine(work, "source.geojson"), Layer(Path.Combine(work, "secret.csv"), "secret"));
            var ogrinfo = GdalTools.LocateSibling(tools.LocateOgr2Ogr("missing"), "ogrinfo", "missing");

            var run = await tools.RunWithAllDriversAsync(ogrinfo, ["-ro", "-al", Path.Combine(work, "source.geojson")], work, CancellationToken.None);

            Assert.Contains(Marker, run.Output, StringComparison.Ordinal);
        }
        finally
        {
            GdalTools.DeleteWorkDirectory(work);
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Read_OfAVrtUnderAnAcceptedName_IsRefusedReadsNothingAndFetchesNothing(string extension, string attack)
    {
        var result = await new GdalParcelReader().ReadAsync("地块" + extension, Encoding.UTF8.GetBytes(Vrt(attack)), new GdalReadOptions());

        Assert.Empty(result.Set.Parcels);
        var error = Assert.Single(result.Set.Errors);
        Assert.Contains("文件内容不是所标明的格式", error.Message, StringComparison.Ordinal);
        AssertNothingLeaked(result);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("vsicurl")]
    [InlineData("vsizip")]
    public async Task Read_OfAZipWhoseShapefilePartsAreVrt_IsRefusedReadsNothingAndFetchesNothing(string attack)
    {
        var vrt = Encoding.UTF8.GetBytes(Vrt(attack));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "parcels.shp", "parcels.shx", "parcels.dbf" })
            {
                await using var stream = zip.CreateEntry(part).Open();
                await stream.WriteAsync(vrt);
            }
        }

        var result = await new GdalParcelReader().ReadAsync("地块.zip", buffer.ToArray(), new GdalReadOptions());

        Assert.Empty(result.Set.Parcels);
        Assert.NotEmpty(result.Set.Errors);
        AssertNothingLeaked(result);
    }

    [Fact]
    public async Task Sandbox_WithEveryDriverAllowed_StillSeesNoFileOutsideTheWorkDirectoryAndReachesNoListener()
    {
        var tools = new GdalTools(TimeSpan.FromSeconds(30), null, null);
        var work = tools.CreateWorkDirectory();
        try
        {
            var ogrinfo = GdalTools.LocateSibling(tools.LocateOgr2Ogr("missing"), "ogrinfo", "missing");
            foreach (var attack in new[] { "csv", "vsicurl", "vsizip" })
            {
                var source = Path.Combine(work, attack + ".vrt");
                await File.WriteAllTextAsync(source, Vrt(attack));

                var run = await tools.RunWithAllDriversAsync(ogrinfo, ["-ro", "-al", source], work, CancellationToken.None);

                Assert.DoesNotContain(Marker, run.Output + run.Error, StringComparison.Ordinal);
            }

            // Plain paths too: the hosts file and the secret's directory do not exist inside the sandbox.
            var hosts = await tools.RunWithAllDriversAsync(ogrinfo, ["-ro", "-so", SecretCsv], work, CancellationToken.None);
            Assert.NotEqual(0, hosts.ExitCode);
            Assert.DoesNotContain(Marker, hosts.Output, StringComparison.Ordinal);
            Assert.False(listener.Pending(), "a GDAL process in the sandbox connected to the local listener");
        }
        finally
        {
            GdalTools.DeleteWorkDirectory(work);
        }
    }

    [Fact]
    public async Task Read_WithoutBubblewrap_FailsClosedAndRunsNoGdal()
    {
        var geojson = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"DKBH":"A1"},"geometry":{"type":"Polygon","coordinates":[[[116,40],[116.001,40],[116.001,40.001],[116,40]]]}}]}""";

        var result = await new GdalParcelReader(bwrapPath: Path.Combine(outside, "no-such-bwrap"))
            .ReadAsync("地块.geojson", Encoding.UTF8.GetBytes(geojson), new GdalReadOptions());

        Assert.Empty(result.Set.Parcels);
        Assert.Equal(GdalTools.SandboxMissingMessage, Assert.Single(result.Set.Errors).Message);
    }

    [Theory]
    [InlineData("-sql")]
    [InlineData("--config")]
    [InlineData("/vsicurl/x")]
    public async Task Read_OfALayerNamedLikeAnOptionOrAVirtualPath_IsRefusedWithAClearMessage(string layerName)
    {
        var geojson = """{"type":"FeatureCollection","name":""" + "\"" + layerName + "\"" + ""","features":[{"type":"Feature","properties":{"DKBH":"A1"},"geometry":{"type":"Polygon","coordinates":[[[116,40],[116.001,40],[116.001,40.001],[116,40]]]}}]}""";

        var result = await new GdalParcelReader().ReadAsync("地块.geojson", Encoding.UTF8.GetBytes(geojson), new GdalReadOptions());

        Assert.Empty(result.Set.Parcels);
        Assert.Contains("无法安全读取", Assert.Single(result.Set.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OfARealGeoJsonInTheSandbox_StillWorks()
    {
        var geojson = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"DKBH":"A1"},"geometry":{"type":"Polygon","coordinates":[[[116,40],[116.001,40],[116.001,40.001],[116,40.001],[116,40]]]}}]}""";

        var result = await new GdalParcelReader().ReadAsync("地块.geojson", Encoding.UTF8.GetBytes(geojson), new GdalReadOptions());

        Assert.Equal("A1", Assert.Single(result.Set.Parcels).Code);
        Assert.Equal("GeoJSON", result.Set.Metadata["文件格式"]);
    }

    private void AssertNothingLeaked(GdalReadResult result)
    {
        var everything = string.Join("\n", result.Set.Errors.Concat(result.Set.Warnings).Select(i => i.Message)
            .Concat(result.Fields).Concat(result.Set.Metadata.Values));
        Assert.DoesNotContain(Marker, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Fields);
        Assert.False(listener.Pending(), "GDAL connected to the local listener named in the file");
    }
}
