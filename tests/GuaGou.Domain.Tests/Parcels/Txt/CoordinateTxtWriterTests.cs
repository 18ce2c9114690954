using System.Text;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels.Txt;
using NetTopologySuite.Geometries;
using static GuaGou.Domain.Tests.Parcels.Txt.TxtCorpus;

namespace GuaGou.Domain.Tests.Parcels.Txt;

public sealed class CoordinateTxtWriterTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static TxtCoordinateSystem Zone39 => TxtCoordinateSystem.ForCgcs2000Zone(39);

    private static TxtParcelToWrite Jx01 => new("JX01", "某镇建新地块1", 0.2m, "城镇建设", "",
        Factory.CreateMultiPolygon([Rectangle(501000, 3760950, 501040, 3761000)]));

    /// <summary>A parcel with a hole and a multi-part parcel whose second part has a hole, at millimetre coordinates.</summary>
    private static List<TxtParcelToWrite> OurParcels() =>
    [
        new("CJ01", "某村拆旧地块1", 0.7600m, "拆旧复垦", "0702",
            Factory.CreateMultiPolygon([Rectangle(500000.123, 3760000.456, 500080.123, 3760100.456,
                CounterClockwise(500020.5, 3760040.25, 500040.5, 3760060.25))]),
            "H50G001001"),
        new("CJ02", "某村拆旧地块2", 0.4900m, "拆旧复垦", "0602",
            Factory.CreateMultiPolygon([
                Rectangle(500200, 3760000, 500250, 3760050),
                Rectangle(500300.001, 3760000.999, 500350.001, 3760050.999, CounterClockwise(500310, 3760010.999, 500320, 3760020.999)),
            ])),
        Jx01,
    ];

    [Fact]
    public void Write_OneParcel_IsTheStandardForm()
    {
        var text = Gbk.GetString(CoordinateTxtWriter.Write(null, Zone39, [Jx01]));

        Assert.Equal(
            "[属性描述]\r\n格式版本号=1.01\r\n坐标系=2000国家大地坐标系\r\n几度分带=3\r\n投影类型=高斯克吕格\r\n计量单位=米\r\n带号=39\r\n" +
            "精度=0.001\r\n转换参数=,,,,,,\r\n[地块坐标]\r\n5,0.2000,JX01,某镇建新地块1,面,,城镇建设,,@\r\n" +
            "J1,1,3761000.000,39501000.000\r\nJ2,1,3761000.000,39501040.000\r\nJ3,1,3760950.000,39501040.000\r\n" +
            "J4,1,3760950.000,39501000.000\r\nJ1,1,3761000.000,39501000.000\r\n",
            text);
    }

    [Fact]
    public void Write_ByDefault_IsGbkNotUtf8()
    {
        var bytes = CoordinateTxtWriter.Write(null, Zone39, [Jx01]);

        Assert.Throws<DecoderFallbackException>(() => StrictUtf8.GetString(bytes));
        Assert.Contains("某镇建新地块1", Gbk.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("GB18030", CoordinateTxtReader.Read(bytes).Encoding);
    }

    [Fact]
    public void Write_Utf8Requested_IsUtf8WithoutBom()
    {
        var bytes = CoordinateTxtWriter.Write(null, Zone39, [Jx01], new TxtWriteOptions(Utf8: true));

        Assert.Equal((byte)'[', bytes[0]);
        Assert.Contains("某镇建新地块1", StrictUtf8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("UTF-8", CoordinateTxtReader.Read(bytes).Encoding);
    }

    [Theory]
    [InlineData("0.78", "0.7800")]
    [InlineData("1.23456", "1.2346")]
    [InlineData("0.00005", "0.0001")]
    [InlineData("12", "12.0000")]
    public void Write_Area_IsHectaresWithFourDecimals(string hectares, string written)
    {
        var parcel = Jx01 with { AreaHectares = decimal.Parse(hectares, System.Globalization.CultureInfo.InvariantCulture) };

        var text = Gbk.GetString(CoordinateTxtWriter.Write(null, Zone39, [parcel]));

        Assert.Contains($"\r\n5,{written},JX01,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithProjectInfoAndAttributes_KeepsThemAndFillsTheStandardKeys()
    {
        var projectInfo = new Dictionary<string, string> { ["项目名称"] = "某县2024年增减挂钩项目", ["项目编号"] = "GG-2024-01" };
        var attributes = new Dictionary<string, string>
        {
            ["自定义"] = "保留",
            ["数据产生单位"] = "某县自然资源局",
            ["格式版本号"] = "",
            ["带号"] = "40", // the system's zone wins: it must match the prefix written
        };

        var document = CoordinateTxtReader.Read(CoordinateTxtWriter.Write(projectInfo, Zone39, [Jx01], attributes: attributes));

        Assert.Empty(document.Errors);
        Assert.Equal(projectInfo, document.ProjectInfo);
        Assert.Equal(
            ["格式版本号", "数据产生单位", "坐标系", "几度分带", "投影类型", "计量单位", "带号", "精度", "转换参数", "自定义"],
            document.Attributes.Keys);
        Assert.Equal(("1.01", "39", "保留"), (document.Attributes["格式版本号"], document.Attributes["带号"], document.Attributes["自定义"]));
    }

    [Fact]
    public void Write_WithoutZonePrefix_WritesPlainEastingsThatReadBackTheSame()
    {
        var bytes = CoordinateTxtWriter.Write(null, Zone39, [Jx01], new TxtWriteOptions(WriteZonePrefix: false, CoordinateDecimals: 2));
        var text = Gbk.GetString(bytes);

        Assert.Contains("\r\nJ1,1,3761000.00,501000.00\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n精度=0.01\r\n", text, StringComparison.Ordinal);
        var document = CoordinateTxtReader.Read(bytes);
        Assert.Empty(document.Errors);
        Assert.False(document.CoordinateSystem!.EastingHasZonePrefix);
        Assert.True(Jx01.Geometry.EqualsExact(document.Parcels[0].Geometry));
    }

    [Fact]
    public void Write_CommaInAName_BecomesAnEnumerationCommaSoTheHeaderStaysPositional()
    {
        var parcel = Jx01 with { Name = "某村,一组，二组" };

        var document = CoordinateTxtReader.Read(CoordinateTxtWriter.Write(null, Zone39, [parcel]));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal("某村、一组、二组", document.Parcels[0].Name);
        Assert.Equal("城镇建设", document.Parcels[0].Use);
    }

    [Fact]
    public void Write_CounterClockwiseShell_IsWrittenClockwiseFromTheSameStartPoint()
    {
        var shell = Clockwise(501000, 3760950, 501040, 3761000).Reverse().ToArray();
        var parcel = Jx01 with { Geometry = Factory.CreateMultiPolygon([Factory.CreatePolygon(shell)]) };

        var text = Gbk.GetString(CoordinateTxtWriter.Write(null, Zone39, [parcel]));

        Assert.Contains("J1,1,3761000.000,39501000.000\r\nJ2,1,3761000.000,39501040.000\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnknownZoneWithPrefix_IsRefused()
    {
        var system = new TxtCoordinateSystem("2000国家大地坐标系", true, null, null, true);

        var error = Assert.Throws<DomainException>(() => CoordinateTxtWriter.Write(null, system, [Jx01]));

        Assert.Equal("txt.write.zone_required", error.Code);
    }

    [Fact]
    public void Write_GeographicGeometry_IsRefused()
    {
        var geographic = new GeometryFactory(new PrecisionModel(), 4490);
        var parcel = Jx01 with
        {
            Geometry = geographic.CreateMultiPolygon([geographic.CreatePolygon(Clockwise(117, 33, 117.01, 33.01))]),
        };

        var error = Assert.Throws<DomainException>(() => CoordinateTxtWriter.Write(null, Zone39, [parcel]));

        Assert.Equal("txt.write.srid_mismatch", error.Code);
        Assert.Contains("JX01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ParcelWithoutCode_IsRefused() =>
        Assert.Equal("txt.write.code_required",
            Assert.Throws<DomainException>(() => CoordinateTxtWriter.Write(null, Zone39, [Jx01 with { Code = " " }])).Code);

    [Fact]
    public void Write_OurParcels_ReadBackWithTheSameRingsAndCoordinates()
    {
        var parcels = OurParcels();

        var document = CoordinateTxtReader.Read(CoordinateTxtWriter.Write(null, Zone39, parcels));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal(parcels.Select(p => p.Code), document.Parcels.Select(p => p.Code));
        foreach (var (written, read) in parcels.Zip(document.Parcels))
        {
            Assert.Equal((written.Name, written.Use, written.LandClass, written.SheetNumber), (read.Name, read.Use, read.LandClass, read.SheetNumber));
            Assert.Equal(written.AreaHectares, read.DeclaredHectares);
            Assert.Equal(DeclaredAreaUnit.Hectare, read.DeclaredAreaUnit);

            // Rings in writing order: each part's shell then its holes, numbered 1..n, labels J1.. across the parcel.
            var expectedRings = written.Geometry.Geometries.Cast<Polygon>().SelectMany(p => new[] { p.Shell }.Concat(p.Holes)).ToList();
            Assert.Equal(Enumerable.Range(1, expectedRings.Count), read.Rings.Select(r => r.Number));
            Assert.Equal(expectedRings.Sum(r => r.NumPoints), read.DeclaredPointCount);
            foreach (var (expected, ring) in expectedRings.Zip(read.Rings))
            {
                Assert.True(ring.WasClosedInFile);
                Assert.Equal(ring.Points[0].Label, ring.Points[^1].Label);
                Assert.Equal(
                    expected.Coordinates.Select(c => (Math.Round(c.Y, 3), Math.Round(c.X + 39_000_000, 3))),
                    ring.Points.Select(p => (p.Northing, p.Easting)));
            }

            Assert.Equal(Zone39WithoutPrefixSrid, read.Geometry!.SRID);
            Assert.True(written.Geometry.EqualsExact(read.Geometry), $"{written.Code}: {read.Geometry}");
        }

        Assert.Equal(
            ["J1", "J2", "J3", "J4", "J1", "J5", "J6", "J7", "J8", "J5"],
            document.Parcels[0].Rings.SelectMany(r => r.Points).Select(p => p.Label));
    }

    [Fact]
    public void Write_CoordinatesBeyondThePrecision_AreRoundedToIt()
    {
        var parcel = Jx01 with { Geometry = Factory.CreateMultiPolygon([Rectangle(501000.12345, 3760950.98765, 501040.0004, 3761000.0006)]) };

        var document = CoordinateTxtReader.Read(CoordinateTxtWriter.Write(null, Zone39, [parcel]));

        Assert.True(Factory.CreateMultiPolygon([Rectangle(501000.123, 3760950.988, 501040, 3761000.001)]).EqualsExact(document.Parcels[0].Geometry));
    }

    [Fact]
    public void ReadWriteRead_FormatsExample_GivesIdenticalParcels()
    {
        var first = CoordinateTxtReader.Read(Utf8(Example()));
        var written = CoordinateTxtWriter.Write(first.ProjectInfo, first.CoordinateSystem!, first.Parcels.Select(ToWrite).ToList(), attributes: first.Attributes);

        var second = CoordinateTxtReader.Read(written);

        Assert.Empty(second.Errors);
        Assert.Empty(second.Warnings);
        Assert.Equal(first.Attributes, second.Attributes);
        Assert.Equal(first.CoordinateSystem, second.CoordinateSystem);
        Assert.Equal(first.Parcels.Count, second.Parcels.Count);
        foreach (var (before, after) in first.Parcels.Zip(second.Parcels))
        {
            Assert.Equal(before.Attributes, after.Attributes);
            Assert.Equal(before with { Attributes = after.Attributes, Rings = after.Rings, Geometry = after.Geometry }, after);
            Assert.True(before.Geometry!.EqualsExact(after.Geometry));
            Assert.Equal(before.Rings.Select(r => r.Points.Count), after.Rings.Select(r => r.Points.Count));
            Assert.Equal(before.Rings[0].Points, after.Rings[0].Points);
        }

        // The example's hole is written clockwise; the reader turns holes counter-clockwise, so from the second
        // reading on the rings are identical point for point and the bytes no longer change.
        var third = CoordinateTxtReader.Read(CoordinateTxtWriter.Write(second.ProjectInfo, second.CoordinateSystem!, second.Parcels.Select(ToWrite).ToList(), attributes: second.Attributes));
        Assert.Equal(second.Parcels.SelectMany(p => p.Rings).SelectMany(r => r.Points), third.Parcels.SelectMany(p => p.Rings).SelectMany(r => r.Points));
        Assert.Equal(written, CoordinateTxtWriter.Write(second.ProjectInfo, second.CoordinateSystem!, second.Parcels.Select(ToWrite).ToList(), attributes: second.Attributes));
    }

    private static TxtParcelToWrite ToWrite(TxtParcel parcel) =>
        new(parcel.Code, parcel.Name, parcel.DeclaredHectares!.Value, parcel.Use, parcel.LandClass, parcel.Geometry!, parcel.SheetNumber);
}
