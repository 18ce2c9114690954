using System.Text;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.Spatial;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Parcels.Gdal;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>The zipped shapefile export, checked by reading it back with the GDAL reader (real ogr2ogr).</summary>
public sealed class ShapefileExportTests : IDisposable
{
    private readonly GdalScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Zip_InZone39WithGbk_ReadsBackWithTheSameCodesNamesAndAreas()
    {
        GdalFixtures.Ogr2Ogr();
        var (features, reference) = Parcels();

        var zip = await new ShapefileExporter().ZipAsync(features, 4527);

        Assert.Equal(["parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg"], GdalFixtures.EntryNames(zip));
        Assert.Equal("936", Encoding.ASCII.GetString(GdalFixtures.Entry(zip, "parcels.cpg")));
        var dbf = GdalFixtures.Entry(zip, "parcels.dbf");
        Assert.Equal(0x4D, dbf[29]); // language driver: code page 936
        Assert.True(GdalFixtures.Contains(dbf, GdalFixtures.Gbk.GetBytes("某村拆旧地块1")), "names are GBK in the .dbf");
        Assert.Contains("CGCS2000_3_Degree_GK_Zone_39", Encoding.ASCII.GetString(GdalFixtures.Entry(zip, "parcels.prj")), StringComparison.Ordinal);

        var result = await new GdalParcelReader().ReadAsync("export.zip", zip, new GdalReadOptions());

        Assert.Empty(result.Set.Errors);
        Assert.Equal(4527, result.DetectedEpsg);
        Assert.Equal(4527, result.Set.SourceEpsg);
        foreach (var field in new[] { "DKBH", "DKMC", "DLBM", "DKYT", "QU", "SBMJ", "TQMJ", "PMMJ", "XZID", "FKFX", "BZ" })
        {
            Assert.Contains(field, result.Fields);
        }

        Assert.Equal(new GdalFieldMapping("DKBH", "DKMC", "DLBM", "DKYT", "SBMJ"), result.Mapping);
        AssertSameParcels(reference, result.Set);
        Assert.Equal([8000m, 2000m], result.Set.Parcels.Select(p => p.DeclaredSquareMetres!.Value));
        Assert.Equal(39_500_000, result.Set.Parcels[0].Projected!.EnvelopeInternal.MinX + 39_000_000, 0.001); // prefix was written and removed again
    }

    [Fact]
    public async Task Zip_Utf8_WritesAUtf8Cpg_AndReadsBack()
    {
        GdalFixtures.Ogr2Ogr();
        var (features, reference) = Parcels();

        var zip = await new ShapefileExporter().ZipAsync(features, 4548, utf8: true);

        Assert.Equal("UTF-8", Encoding.ASCII.GetString(GdalFixtures.Entry(zip, "parcels.cpg")).Trim());
        Assert.True(GdalFixtures.Contains(GdalFixtures.Entry(zip, "parcels.dbf"), Encoding.UTF8.GetBytes("某镇建新地块1")));
        var result = await new GdalParcelReader().ReadAsync("export.zip", zip, new GdalReadOptions());
        Assert.Empty(result.Set.Errors);
        Assert.Equal(4548, result.Set.SourceEpsg);
        AssertSameParcels(reference, result.Set);
    }

    [Fact]
    public async Task Zip_In4490_ReadsBackAsLongitudeLatitude()
    {
        GdalFixtures.Ogr2Ogr();
        var (features, reference) = Parcels();

        var zip = await new ShapefileExporter().ZipAsync(features, 4490);

        var result = await new GdalParcelReader().ReadAsync("export.zip", zip, new GdalReadOptions());
        Assert.Empty(result.Set.Errors);
        Assert.Equal(4490, result.DetectedEpsg);
        Assert.Equal(["CJ01", "JX01"], result.Set.Parcels.Select(p => p.Code));
        // GeoJSON in between keeps 9 decimals of a degree (0.1 mm): a few hundredths of a m² at most.
        foreach (var (parcel, expected) in result.Set.Parcels.Zip(reference.Parcels))
        {
            Assert.Equal(expected.EllipsoidalSquareMetres!.Value, parcel.EllipsoidalSquareMetres!.Value, 0.05);
        }
    }

    [Fact]
    public async Task Zip_RefusesOtherCrs_AndExplainsAMissingGdal()
    {
        var (features, _) = Parcels();

        var crs = await Assert.ThrowsAsync<DomainException>(() => new ShapefileExporter().ZipAsync(features, 3857));
        Assert.Contains("EPSG:3857", crs.Message, StringComparison.Ordinal);

        var tempRoot = scratch.Subdirectory("temp");
        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            new ShapefileExporter(ogr2ogrPath: "/nonexistent/gdal/bin/ogr2ogr", tempRoot: tempRoot).ZipAsync(features, 4527));
        Assert.Equal(ShapefileExporter.GdalMissingMessage, missing.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    /// <summary>The two example parcels as the GeoJSON export has them (EPSG:4490, ParcelSnapshots' property names).</summary>
    private static (IReadOnlyList<GeoJsonFeature> Features, ParsedParcelSet Reference) Parcels()
    {
        var reference = GdalFixtures.Txt(39);
        var plane = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), 4548);
        var features = GdalFixtures.Parcels.Zip(reference.Parcels).Select(pair =>
        {
            var (rectangle, parsed) = pair;
            var boundary = GaussKruger.ToCgcs2000(plane.CreateMultiPolygon([rectangle.ToPolygon(plane)]), GaussKrugerZone.FromEpsg(4548));
            Assert.Equal(Cgcs2000.Srid, boundary.SRID);
            return new GeoJsonFeature(new Dictionary<string, object?>
            {
                ["code"] = rectangle.Code,
                ["name"] = rectangle.Name,
                ["zone"] = "Demolition",
                ["townshipId"] = 7,
                ["landClass"] = rectangle.LandClass,
                ["reclamationDirection"] = "Farmland",
                ["plannedUse"] = rectangle.Use,
                ["declaredAreaM2"] = (decimal)(rectangle.Hectares * 10_000),
                ["ellipsoidAreaM2"] = Math.Round(parsed.EllipsoidalSquareMetres!.Value, 2),
                ["planarAreaM2"] = Math.Round(parsed.PlanarSquareMetres!.Value, 2),
                ["note"] = null,
            }, boundary);
        }).ToList();
        return (features, reference);
    }

    private static void AssertSameParcels(ParsedParcelSet expected, ParsedParcelSet actual)
    {
        Assert.Equal(expected.Parcels.Select(p => p.Code), actual.Parcels.Select(p => p.Code));
        Assert.Equal(expected.Parcels.Select(p => p.Name), actual.Parcels.Select(p => p.Name));
        Assert.Equal(expected.Parcels.Select(p => p.LandClass), actual.Parcels.Select(p => p.LandClass));
        foreach (var (parcel, reference) in actual.Parcels.Zip(expected.Parcels))
        {
            Assert.Equal(reference.PlanarSquareMetres!.Value, parcel.PlanarSquareMetres!.Value, 0.01);
            Assert.Equal(reference.EllipsoidalSquareMetres!.Value, parcel.EllipsoidalSquareMetres!.Value, 0.01);
        }
    }
}
