using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Infrastructure.Parcels.Gdal;
using NetTopologySuite.Geometries;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>
/// The GDAL reader against real files made by the real ogr2ogr (installed by deploy/test.sh): zipped shapefiles
/// with and without .prj/.cpg and with GBK attribute text, GeoPackage, KML, GeoJSON, DXF, hostile zips.
/// </summary>
public sealed class GdalParcelReaderTests : IDisposable
{
    private readonly GdalScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task ZippedShapefile_WithPrjAndGbkAttributes_ReadsCodesChineseNamesAreasAndCrs()
    {
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties);

        var result = await new GdalParcelReader().ReadAsync("拆旧地块.zip", zip, new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Equal(4527, result.DetectedEpsg);
        Assert.Equal("EPSG:4527", result.Set.Crs);
        Assert.Equal(4527, result.Set.SourceEpsg);
        Assert.Equal(["DKBH", "DKMC", "DLBM", "DKYT", "DKMJ"], result.Fields);
        Assert.Equal(new GdalFieldMapping("DKBH", "DKMC", "DLBM", "DKYT", "DKMJ"), result.Mapping);
        Assert.Equal(["CJ01", "JX01"], result.Set.Parcels.Select(p => p.Code));
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], result.Set.Parcels.Select(p => p.Name));
        Assert.Equal(["0702", "0602"], result.Set.Parcels.Select(p => p.LandClass));
        Assert.Equal(["拆旧复垦", "城镇建设"], result.Set.Parcels.Select(p => p.Use));
        Assert.Equal([8000m, 2000m], result.Set.Parcels.Select(p => p.DeclaredSquareMetres!.Value)); // 0.8 / 0.2 ha
        Assert.Equal([1, 2], result.Set.Parcels.Select(p => p.Line));
        Assert.StartsWith("CP936", result.Set.Metadata["属性编码"], StringComparison.Ordinal);

        var cj01 = result.Set.Parcels[0];
        Assert.Equal(4548, cj01.Projected!.SRID); // zone 39 without prefix
        Assert.Equal(500_000, cj01.Projected.EnvelopeInternal.MinX, 6);
        Assert.Equal(4490, cj01.Geographic!.SRID);
        GdalFixtures.AssertAreas(result.Set, zone: 39, planarExact: true);
    }

    [Fact]
    public async Task ZippedShapefile_WithoutCpg_ReadsGbkAttributeTextByDefault()
    {
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties, skip: ".cpg");
        var dbf = GdalFixtures.Entry(zip, "parcels.dbf");
        Assert.True(GdalFixtures.Contains(dbf, GdalFixtures.Gbk.GetBytes("某村拆旧地块1")), "the fixture's .dbf holds GBK text");
        Assert.False(GdalFixtures.Contains(dbf, Encoding.UTF8.GetBytes("某村拆旧地块1")));
        Assert.DoesNotContain(GdalFixtures.EntryNames(zip), n => n.EndsWith(".cpg", StringComparison.Ordinal));

        var result = await new GdalParcelReader().ReadAsync("parcels.zip", zip, new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], result.Set.Parcels.Select(p => p.Name));
        Assert.Contains(result.Set.Warnings, w => w.Line == 0 && w.Message.Contains(".cpg", StringComparison.Ordinal) && w.Message.Contains("GBK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ZippedShapefile_WithoutPrj_AsksForTheCrs_AndReadsWithTheChosenOne()
    {
        // Other common field names (BSM, MC, DLDM, MJ in m²), UTF-8 text with its .cpg.
        var zip = await ShapefileAsync(null, 39_000_000, "UTF-8", r => new()
        {
            ["BSM"] = r.Code, ["MC"] = r.Name, ["DLDM"] = r.LandClass, ["MJ"] = r.Hectares * 10_000,
        });
        Assert.DoesNotContain(GdalFixtures.EntryNames(zip), n => n.EndsWith(".prj", StringComparison.Ordinal));
        var reader = new GdalParcelReader();

        var withoutCrs = await reader.ReadAsync("parcels.zip", zip, new GdalReadOptions());

        Assert.Equal([new ImportIssue(0, "文件未包含坐标系信息（.prj），请在预览页选择坐标系。")], withoutCrs.Set.Errors);
        Assert.Empty(withoutCrs.Set.Parcels);
        Assert.Null(withoutCrs.DetectedEpsg);
        Assert.Equal(["BSM", "MC", "DLDM", "MJ"], withoutCrs.Fields);
        Assert.Equal(new GdalFieldMapping("BSM", "MC", "DLDM", null, "MJ"), withoutCrs.Mapping);

        var chosen = await reader.ReadAsync("parcels.zip", zip, new GdalReadOptions(SourceEpsg: 4527));

        Assert.Empty(chosen.Set.Errors);
        Assert.Null(chosen.DetectedEpsg);
        Assert.Equal(4527, chosen.Set.SourceEpsg);
        Assert.Equal(["CJ01", "JX01"], chosen.Set.Parcels.Select(p => p.Code));
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], chosen.Set.Parcels.Select(p => p.Name));
        Assert.Equal([8000m, 2000m], chosen.Set.Parcels.Select(p => p.DeclaredSquareMetres!.Value)); // already m²
        Assert.Equal("平方米", chosen.Set.Metadata["面积单位"]);
        GdalFixtures.AssertAreas(chosen.Set, zone: 39, planarExact: true);
    }

    [Fact]
    public async Task CustomEsriPrj_IsRecognisedFromItsParameters_AndTheZonePrefixFromTheCoordinates()
    {
        // What Chinese desktop tools write: a CGCS2000 transverse Mercator under a name GDAL cannot match to EPSG.
        static byte[] Prj(double falseEasting) => Encoding.ASCII.GetBytes(
            "PROJCS[\"CGCS2000_GK_custom\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\"," + falseEasting.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",1.0],"
            + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties);
        var reader = new GdalParcelReader();

        var prefixed = await reader.ReadAsync("p.zip", GdalFixtures.Replace(zip, "parcels.prj", Prj(39_500_000)), new GdalReadOptions());

        Assert.Empty(prefixed.Set.Errors);
        Assert.Equal(4527, prefixed.DetectedEpsg);
        Assert.Equal(4527, prefixed.Set.SourceEpsg);
        Assert.Contains("CGCS2000_GK_custom", prefixed.Set.Metadata["文件坐标系"], StringComparison.Ordinal);

        // The .prj says "no prefix" (CM 117E = zone 39) but the eastings carry 39: read as EPSG:4527 with a warning.
        var unprefixed = await reader.ReadAsync("p.zip", GdalFixtures.Replace(zip, "parcels.prj", Prj(500_000)), new GdalReadOptions());

        Assert.Empty(unprefixed.Set.Errors);
        Assert.Equal(4548, unprefixed.DetectedEpsg);
        Assert.Equal(4527, unprefixed.Set.SourceEpsg);
        Assert.Contains(unprefixed.Set.Warnings, w => w.Line == 0 && w.Message.Contains("EPSG:4527", StringComparison.Ordinal));
        GdalFixtures.AssertAreas(unprefixed.Set, zone: 39, planarExact: true);
    }

    [Fact]
    public async Task ExplicitMapping_IsUsed_AndAMissingCodeFieldNumbersTheFeatures()
    {
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties);
        var reader = new GdalParcelReader();

        var result = await reader.ReadAsync("parcels.zip", zip, new GdalReadOptions(new GdalFieldMapping(null, "DLBM", null, null, null)));

        Assert.Empty(result.Set.Errors);
        Assert.Equal(new GdalFieldMapping(null, "DLBM", null, null, null), result.Mapping);
        Assert.Equal(["要素1", "要素2"], result.Set.Parcels.Select(p => p.Code));
        Assert.Equal(["0702", "0602"], result.Set.Parcels.Select(p => p.Name));
        Assert.All(result.Set.Parcels, p => Assert.Null(p.DeclaredSquareMetres));
        Assert.Contains(result.Set.Warnings, w => w.Line == 0 && w.Message.Contains("要素1", StringComparison.Ordinal));

        var wrong = await reader.ReadAsync("parcels.zip", zip, new GdalReadOptions(new GdalFieldMapping("XYZ", null, null, null, null)));
        Assert.Contains(wrong.Set.Errors, e => e.Line == 0 && e.Message.Contains("XYZ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeoPackage_InZone40WithoutPrefix_WithChineseFieldNames()
    {
        var input = scratch.Write("zone40.geojson", GdalFixtures.PlaneFeatures(0, r => new()
        {
            ["地块编号"] = r.Code, ["地块名称"] = r.Name, ["地类编码"] = r.LandClass, ["用途"] = r.Use, ["面积"] = r.Hectares,
        }));
        var gpkg = scratch.PathOf("zone40.gpkg");
        await GdalFixtures.Ogr2OgrAsync("-f", "GPKG", gpkg, input, "-a_srs", "EPSG:4549", "-nln", "地块");

        var result = await new GdalParcelReader().ReadAsync("地块.gpkg", await File.ReadAllBytesAsync(gpkg), new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Equal(4549, result.DetectedEpsg);
        Assert.Equal("EPSG:4549", result.Set.Crs);
        Assert.Equal(new GdalFieldMapping("地块编号", "地块名称", "地类编码", "用途", "面积"), result.Mapping);
        Assert.Equal(["CJ01", "JX01"], result.Set.Parcels.Select(p => p.Code));
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], result.Set.Parcels.Select(p => p.Name));
        Assert.Equal("GPKG", result.Set.Metadata["文件格式"]);
        Assert.Equal(4549, result.Set.Parcels[0].Projected!.SRID);
        GdalFixtures.AssertAreas(result.Set, zone: 40, planarExact: true);
    }

    [Fact]
    public async Task Kml_IsWgs84_ReadAsCgcs2000WithAWarning()
    {
        var input = scratch.Write("lonlat.geojson", GdalFixtures.GeographicFeatures(39, r => new() { ["Name"] = r.Name, ["DKBH"] = r.Code }));
        var kml = scratch.PathOf("parcels.kml");
        await GdalFixtures.Ogr2OgrAsync("-f", "KML", kml, input);

        var result = await new GdalParcelReader().ReadAsync("parcels.kml", await File.ReadAllBytesAsync(kml), new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Equal(4326, result.DetectedEpsg);
        Assert.Equal(4490, result.Set.SourceEpsg);
        Assert.Equal("EPSG:4490", result.Set.Crs);
        Assert.Contains(result.Set.Warnings, w => w.Line == 0 && w.Message.Contains("EPSG:4326", StringComparison.Ordinal) && w.Message.Contains("EPSG:4490", StringComparison.Ordinal));
        Assert.Equal("DKBH", result.Mapping.Code);
        Assert.Equal("Name", result.Mapping.Name);
        Assert.Equal(["CJ01", "JX01"], result.Set.Parcels.Select(p => p.Code));
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], result.Set.Parcels.Select(p => p.Name));
        Assert.Equal(4548, result.Set.Parcels[0].Projected!.SRID); // the 3° zone of its longitude (117°E)
        GdalFixtures.AssertAreas(result.Set, zone: 39, planarExact: false);
    }

    [Fact]
    public async Task GeoJson_In4490_IsReadWithoutWarningAndProjectedForThePlanarArea()
    {
        GdalFixtures.Ogr2Ogr();
        var json = GdalFixtures.GeographicFeatures(40, r => new() { ["code"] = r.Code, ["name"] = r.Name }, crs: "urn:ogc:def:crs:EPSG::4490");

        var result = await new GdalParcelReader().ReadAsync("parcels.geojson", Encoding.UTF8.GetBytes(json), new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Empty(result.Set.Warnings);
        Assert.Equal(4490, result.DetectedEpsg);
        Assert.Equal(4490, result.Set.SourceEpsg);
        Assert.Equal(["code", "name"], result.Fields);
        Assert.Equal(new GdalFieldMapping("code", "name", null, null, null), result.Mapping);
        Assert.Equal(["CJ01", "JX01"], result.Set.Parcels.Select(p => p.Code));
        Assert.Equal(4549, result.Set.Parcels[0].Projected!.SRID);
        GdalFixtures.AssertAreas(result.Set, zone: 40, planarExact: false);
    }

    [Fact]
    public async Task GeoJson_WithProjectedCoordinatesButNoCrs_AsksForTheRightCrs()
    {
        GdalFixtures.Ogr2Ogr();
        var json = GdalFixtures.PlaneFeatures(39_000_000, r => new() { ["code"] = r.Code });
        var reader = new GdalParcelReader();

        var result = await reader.ReadAsync("parcels.json", Encoding.UTF8.GetBytes(json), new GdalReadOptions());

        Assert.Equal([1, 2], result.Set.Errors.Select(e => e.Line));
        Assert.All(result.Set.Errors, e => Assert.Contains("不是经纬度", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("第 1 个要素：", result.Set.Errors[0].Message, StringComparison.Ordinal);

        var chosen = await reader.ReadAsync("parcels.json", Encoding.UTF8.GetBytes(json), new GdalReadOptions(SourceEpsg: 4527));
        Assert.Empty(chosen.Set.Errors);
        GdalFixtures.AssertAreas(chosen.Set, zone: 39, planarExact: true);
    }

    [Fact]
    public async Task Dxf_ClosedPolylinesAreParcels_TextsAreSkipped_AndTheCrsMustBeChosen()
    {
        GdalFixtures.Ogr2Ogr();
        var dxf = Encoding.ASCII.GetBytes(GdalFixtures.Dxf());
        var reader = new GdalParcelReader();

        var withoutCrs = await reader.ReadAsync("parcels.dxf", dxf, new GdalReadOptions());
        Assert.Equal([new ImportIssue(0, GdalParcelReader.NoCrsMessage)], withoutCrs.Set.Errors);

        var result = await reader.ReadAsync("parcels.dxf", dxf, new GdalReadOptions(SourceEpsg: 4548));

        Assert.Empty(result.Set.Errors);
        var parcel = Assert.Single(result.Set.Parcels);
        Assert.Equal("要素1", parcel.Code);
        Assert.Equal(8000, parcel.PlanarSquareMetres!.Value, 0.01);
        Assert.Contains(result.Set.Warnings, w => w.Line == 2 && w.Message == "第 2 个要素：不是面要素（Point），已忽略。");
    }

    [Fact]
    public async Task LegacyXian1980Shapefile_IsRefusedAsTheTxtReaderDoes()
    {
        var zip = await ShapefileAsync("EPSG:2363", 39_000_000, "CP936", GdalFixtures.StandardProperties);

        var result = await new GdalParcelReader().ReadAsync("xian80.zip", zip, new GdalReadOptions());

        var error = Assert.Single(result.Set.Errors);
        Assert.Contains("1980 西安坐标系", error.Message, StringComparison.Ordinal);
        Assert.Contains("CGCS2000", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Set.Parcels);
    }

    [Fact]
    public async Task Zip_WithAPathLeavingTheFolder_IsRefused()
    {
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties);
        var evil = GdalFixtures.Rezip(zip, name => name.Replace("parcels.shp", "../evil.shp", StringComparison.Ordinal));
        var tempRoot = scratch.Subdirectory("temp");

        var result = await new GdalParcelReader(tempRoot: tempRoot).ReadAsync("evil.zip", evil, new GdalReadOptions());

        var error = Assert.Single(result.Set.Errors);
        Assert.Contains("../evil.shp", error.Message, StringComparison.Ordinal);
        Assert.Contains("不安全", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(tempRoot, "evil.shp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Zip_WithTwoShapefiles_IsRefusedListingThem()
    {
        var zip = await ShapefileAsync("EPSG:4527", 39_000_000, "CP936", GdalFixtures.StandardProperties);
        var two = GdalFixtures.Rezip(zip, name => name, duplicateAs: "other/second");

        var result = await new GdalParcelReader().ReadAsync("two.zip", two, new GdalReadOptions());

        var error = Assert.Single(result.Set.Errors).Message;
        Assert.Contains("2 个 .shp", error, StringComparison.Ordinal);
        Assert.Contains("parcels.shp", error, StringComparison.Ordinal);
        Assert.Contains("other/second.shp", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingGdal_IsAClearErrorNotAnException()
    {
        var tempRoot = scratch.Subdirectory("temp");
        var reader = new GdalParcelReader(ogr2ogrPath: "/nonexistent/gdal/bin/ogr2ogr", tempRoot: tempRoot);

        var result = await reader.ReadAsync("parcels.gpkg", [1, 2, 3], new GdalReadOptions());

        Assert.Equal([new ImportIssue(0,
            "服务器未安装 GDAL（ogr2ogr），无法读取 Shapefile/GeoPackage/KML/DXF 文件；请联系系统管理员安装 gdal-bin，或改用标准坐标文本（.txt）。")],
            result.Set.Errors);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public async Task HangingGdal_TimesOut_KillsTheProcess_AndCleansUp()
    {
        // Stand-ins for ogr2ogr/ogrinfo that never finish (shell scripts: the servers and CI are Linux).
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("this test needs a Unix shell");
        }

        var bin = scratch.Subdirectory("bin");
        foreach (var tool in new[] { "ogr2ogr", "ogrinfo" })
        {
            var path = Path.Combine(bin, tool);
            await File.WriteAllTextAsync(path, "#!/bin/sh\nexec sleep 60\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var tempRoot = scratch.Subdirectory("temp");
        var reader = new GdalParcelReader(TimeSpan.FromSeconds(1), Path.Combine(bin, "ogr2ogr"), tempRoot);
        var clock = Stopwatch.StartNew();

        var result = await reader.ReadAsync("parcels.gpkg", [1, 2, 3], new GdalReadOptions());

        Assert.Equal([new ImportIssue(0, "GDAL 转换超时（1 秒）")], result.Set.Errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public async Task BareShp_IsRefusedWithTheZipAdvice()
    {
        var result = await new GdalParcelReader().ReadAsync("parcels.shp", [1, 2, 3], new GdalReadOptions());

        Assert.Equal([new ImportIssue(0, GdalFormats.ShapefileNeedsZip)], result.Set.Errors);
    }

    [Theory]
    [InlineData("a.zip", true)]
    [InlineData("a.GPKG", true)]
    [InlineData("a.kml", true)]
    [InlineData("a.dxf", true)]
    [InlineData("a.geojson", true)]
    [InlineData("a.json", true)]
    [InlineData("a.shp", false)]
    [InlineData("a.txt", false)]
    [InlineData("a.kmz", false)]
    public void IsSupported_KnowsTheFormats(string fileName, bool supported) =>
        Assert.Equal(supported, GdalFormats.IsSupported(fileName));

    /// <summary>A zipped shapefile of the two example parcels made by ogr2ogr; <paramref name="srs"/> null = no .prj.</summary>
    private async Task<byte[]> ShapefileAsync(string? srs, double eastingOffset, string encoding,
        Func<GdalFixtures.Rectangle, Dictionary<string, object?>> properties, string? skip = null)
    {
        var folder = scratch.Subdirectory("shp-" + Guid.NewGuid().ToString("N"));
        var input = Path.Combine(folder, "input.geojson");
        await File.WriteAllTextAsync(input, GdalFixtures.PlaneFeatures(eastingOffset, properties));
        string[] assign = srs is null ? [] : ["-a_srs", srs];
        await GdalFixtures.Ogr2OgrAsync(["-f", "ESRI Shapefile", Path.Combine(folder, "parcels.shp"), input, "-lco", "ENCODING=" + encoding, .. assign]);
        // GDAL writes a WGS 84 .prj for the CRS-less GeoJSON input: "no CRS" means leaving the .prj out.
        return GdalFixtures.ZipFolder(folder, "parcels", srs is null ? ".prj" : skip);
    }
}

/// <summary>A temp folder for one test class instance.</summary>
internal sealed class GdalScratch : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("guagou-gdal-test-").FullName;

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    public string Subdirectory(string name) => Directory.CreateDirectory(PathOf(name)).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The FORMATS.md example parcels (as rectangles: CJ01 100 m × 80 m, JX01 50 m × 40 m) in every form the tests need.</summary>
internal static class GdalFixtures
{
    public static readonly Encoding Gbk = LoadGbk();

    public static readonly Rectangle[] Parcels =
    [
        new("CJ01", "某村拆旧地块1", "0702", "拆旧复垦", 0.8, North: 3_760_000, East: 500_000, Height: 100, Width: 80),
        new("JX01", "某镇建新地块1", "0602", "城镇建设", 0.2, North: 3_760_950, East: 501_000, Height: 50, Width: 40),
    ];

    public static Dictionary<string, object?> StandardProperties(Rectangle r) => new()
    {
        ["DKBH"] = r.Code, ["DKMC"] = r.Name, ["DLBM"] = r.LandClass, ["DKYT"] = r.Use, ["DKMJ"] = r.Hectares,
    };

    /// <summary>Fails (never skips) when GDAL is absent: the test script installs it.</summary>
    public static string Ogr2Ogr()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "ogr2ogr")).FirstOrDefault(File.Exists);
        Assert.True(path is not null,
            "ogr2ogr (GDAL, Debian package gdal-bin) is not installed. deploy/test.sh installs it: run the tests through deploy/test.sh.");
        return path!;
    }

    public static async Task Ogr2OgrAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Ogr2Ogr()) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ogr2ogr {string.Join(' ', arguments)} failed: {await error}");
    }

    /// <summary>GeoJSON (no crs member) of the parcels in the Gauss–Krüger plane, eastings + <paramref name="eastingOffset"/>.</summary>
    public static string PlaneFeatures(double eastingOffset, Func<Rectangle, Dictionary<string, object?>> properties) =>
        FeatureCollection(Parcels.Select(r => (properties(r), r.Corners().Select(c => (c.East + eastingOffset, c.North)).ToArray())), null);

    /// <summary>GeoJSON of the parcels' corners converted to longitude/latitude from the given 3° zone, at full double precision.</summary>
    public static string GeographicFeatures(int zone, Func<Rectangle, Dictionary<string, object?>> properties, string? crs = null)
    {
        var plane = GaussKrugerZone.Create(3, zone, prefix: false);
        return FeatureCollection(Parcels.Select(r => (properties(r), r.Corners().Select(c =>
        {
            var (latitude, longitude) = GaussKruger.ToGeographic(plane, c.North, c.East);
            return (longitude, latitude);
        }).ToArray())), crs);
    }

    /// <summary>A DXF with CJ01 as a closed LWPOLYLINE (zone 39, no prefix) and a TEXT label.</summary>
    public static string Dxf()
    {
        var lines = new List<string> { "0", "SECTION", "2", "ENTITIES", "0", "LWPOLYLINE", "8", "DK", "90", "4", "70", "1" };
        foreach (var (north, east) in Parcels[0].Corners().Take(4))
        {
            lines.AddRange(["10", east.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "20", north.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        lines.AddRange(["0", "TEXT", "8", "ZJ", "10", "500010", "20", "3760010", "40", "2", "1", "CJ01", "0", "ENDSEC", "0", "EOF"]);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The same parcels through the standard TXT (zone prefix, 带号 = <paramref name="zone"/>): the reference areas.</summary>
    public static ParsedParcelSet Txt(int zone)
    {
        var text = new StringBuilder($"[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号={zone}\n[地块坐标]\n");
        foreach (var r in Parcels)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"5,{r.Hectares:0.0000},{r.Code},{r.Name},面,,{r.Use},{r.LandClass},@\n");
            var corners = r.Corners();
            for (var i = 0; i < corners.Length; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"J{(i % 4) + 1},1,{corners[i].North:0.000},{(zone * 1_000_000) + corners[i].East:0.000}\n");
            }
        }

        var set = TxtParcelSetReader.Read(Encoding.UTF8.GetBytes(text.ToString()));
        Assert.Empty(set.Errors);
        return set;
    }

    /// <summary>
    /// Planar area 8000/2000 m² (± 0.01 from Gauss–Krüger files; from longitude/latitude the round trip through the
    /// projection allows a little more), ellipsoidal within 0.01 m² + 5·10⁻⁷ × area of the TXT reader's value.
    /// </summary>
    public static void AssertAreas(ParsedParcelSet set, int zone, bool planarExact)
    {
        var reference = Txt(zone).Parcels.ToDictionary(p => p.Code);
        Assert.Equal(reference.Count, set.Parcels.Count);
        foreach (var parcel in set.Parcels)
        {
            var code = parcel.Code.StartsWith("要素", StringComparison.Ordinal) ? Parcels[parcel.Line - 1].Code : parcel.Code;
            var expected = reference[code];
            Assert.Equal(expected.PlanarSquareMetres!.Value, parcel.PlanarSquareMetres!.Value, planarExact ? 0.01 : 0.02);
            var ellipsoidal = expected.EllipsoidalSquareMetres!.Value;
            Assert.Equal(ellipsoidal, parcel.EllipsoidalSquareMetres!.Value, 0.01 + (5e-7 * ellipsoidal));
        }

        Assert.Equal(8000, reference["CJ01"].PlanarSquareMetres!.Value, 1e-6);
    }

    public static byte[] ZipFolder(string folder, string stem, string? skipExtension)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, stem + ".*").Where(f => skipExtension is null || !f.EndsWith(skipExtension, StringComparison.Ordinal)))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Copies a zip renaming entries; <paramref name="duplicateAs"/> adds a second copy of every entry under that stem.</summary>
    public static byte[] Rezip(byte[] source, Func<string, string> rename, string? duplicateAs = null)
    {
        using var input = new ZipArchive(new MemoryStream(source), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var output = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                var names = duplicateAs is null ? [rename(entry.FullName)] : new[] { entry.FullName, duplicateAs + Path.GetExtension(entry.FullName) };
                foreach (var name in names)
                {
                    using var target = output.CreateEntry(name).Open();
                    target.Write(content.ToArray());
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Copies a zip with one entry's content replaced.</summary>
    public static byte[] Replace(byte[] source, string name, byte[] content)
    {
        using var input = new ZipArchive(new MemoryStream(source), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var output = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var target = output.CreateEntry(entry.FullName).Open();
                if (entry.FullName == name)
                {
                    target.Write(content);
                }
                else
                {
                    using var stream = entry.Open();
                    stream.CopyTo(target);
                }
            }
        }

        return buffer.ToArray();
    }

    public static IReadOnlyList<string> EntryNames(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    public static byte[] Entry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return content.ToArray();
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static string FeatureCollection(IEnumerable<(Dictionary<string, object?> Properties, (double X, double Y)[] Ring)> features, string? crs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            if (crs is not null)
            {
                writer.WriteStartObject("crs");
                writer.WriteString("type", "name");
                writer.WriteStartObject("properties");
                writer.WriteString("name", crs);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteStartArray("features");
            foreach (var (properties, ring) in features)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WritePropertyName("properties");
                JsonSerializer.Serialize(writer, properties);
                writer.WriteStartObject("geometry");
                writer.WriteString("type", "Polygon");
                writer.WriteStartArray("coordinates");
                writer.WriteStartArray();
                foreach (var (x, y) in ring)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(x); // shortest round-trip form: no precision lost
                    writer.WriteNumberValue(y);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Encoding LoadGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    }

    /// <summary>A rectangle in the Gauss–Krüger plane (no zone prefix) with its attributes.</summary>
    public sealed record Rectangle(string Code, string Name, string LandClass, string Use, double Hectares, double North, double East, double Height, double Width)
    {
        /// <summary>Closed ring, clockwise as surveyors list it: NW, NE, SE, SW, NW.</summary>
        public (double North, double East)[] Corners() =>
        [
            (North + Height, East), (North + Height, East + Width), (North, East + Width), (North, East), (North + Height, East),
        ];

        public Polygon ToPolygon(GeometryFactory factory) =>
            factory.CreatePolygon(Corners().Select(c => new Coordinate(c.East, c.North)).ToArray());
    }
}
