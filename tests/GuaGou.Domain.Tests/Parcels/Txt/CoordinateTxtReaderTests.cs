using System.Text;
using GuaGou.Domain.Parcels.Txt;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using static GuaGou.Domain.Tests.Parcels.Txt.TxtCorpus;

namespace GuaGou.Domain.Tests.Parcels.Txt;

public sealed class CoordinateTxtReaderTests
{
    private static readonly string[] StandardKeys =
        ["格式版本号", "数据产生单位", "数据产生日期", "坐标系", "几度分带", "投影类型", "计量单位", "带号", "精度", "转换参数"];

    [Fact]
    public void Read_FormatsExample_ReadsBothParcelsAndTheHoleWithoutIssues()
    {
        var document = Read(Example());

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal("UTF-8", document.Encoding);
        Assert.Empty(document.ProjectInfo);
        Assert.Equal(StandardKeys, document.Attributes.Keys);
        Assert.Equal("某县自然资源局", document.Attributes["数据产生单位"]);
        Assert.Equal(["CJ01", "JX01"], document.Parcels.Select(p => p.Code));

        var cj01 = document.Parcels[0];
        Assert.Equal(13, cj01.HeaderLine);
        Assert.Equal(9, cj01.DeclaredPointCount);
        Assert.Equal(0.78m, cj01.DeclaredArea);
        Assert.Equal(DeclaredAreaUnit.Hectare, cj01.DeclaredAreaUnit);
        Assert.Equal(0.78m, cj01.DeclaredHectares);
        Assert.Equal(("某村拆旧地块1", "面", "", "拆旧复垦", "0702"), (cj01.Name, cj01.GeometryKind, cj01.SheetNumber, cj01.Use, cj01.LandClass));
        Assert.Equal(8, cj01.Attributes.Count);
        Assert.Equal([1, 2], cj01.Rings.Select(r => r.Number));
        Assert.All(cj01.Rings, r => Assert.True(r.WasClosedInFile));
        Assert.Equal(new TxtPoint("J5", 2, 3760060, 39500020, 19), cj01.Rings[1].Points[0]);

        var geometry = Assert.IsType<MultiPolygon>(cj01.Geometry);
        Assert.Equal(Zone39WithoutPrefixSrid, geometry.SRID);
        Assert.Equal(1, geometry.NumGeometries);
        var polygon = (Polygon)geometry.GetGeometryN(0);
        Assert.Equal(1, polygon.NumInteriorRings);
        Assert.Equal(7800, geometry.Area, 6);
        Assert.Equal(new Coordinate(500000, 3760100), polygon.Shell.Coordinates[0]);
        Assert.Equal(new Coordinate(500020, 3760060), polygon.Holes[0].Coordinates[0]);
        Assert.False(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
        Assert.True(Orientation.IsCCW(polygon.Holes[0].CoordinateSequence));

        var jx01 = document.Parcels[1];
        Assert.Equal(2000, jx01.Geometry!.Area, 6);
        Assert.Equal(DeclaredAreaUnit.Hectare, jx01.DeclaredAreaUnit);
        Assert.Equal("", jx01.LandClass);
    }

    [Fact]
    public void Read_FormatsExample_DescribesTheCoordinateSystem()
    {
        var system = Read(Example()).CoordinateSystem;

        Assert.NotNull(system);
        Assert.Equal(new TxtCoordinateSystem("2000国家大地坐标系", true, 3, 39, true), system);
        Assert.Equal(4527, system.EpsgWithPrefix);
        Assert.Equal(4548, system.EpsgWithoutPrefix);
        Assert.Equal(117, system.CentralMeridian);
    }

    [Theory]
    [InlineData(3, 25, 4513, 4534, 75)]
    [InlineData(3, 45, 4533, 4554, 135)]
    [InlineData(6, 13, 4491, 4502, 75)]
    [InlineData(6, 23, 4501, 4512, 135)]
    public void CoordinateSystem_ForEachZoneWidth_GivesTheCgcs2000EpsgCodes(int width, int zone, int withPrefix, int withoutPrefix, double meridian)
    {
        var system = new TxtCoordinateSystem("2000国家大地坐标系", true, width, zone, true);

        Assert.Equal(((int?)withPrefix, (int?)withoutPrefix, (double?)meridian), (system.EpsgWithPrefix, system.EpsgWithoutPrefix, system.CentralMeridian));
        Assert.Equal(system, TxtCoordinateSystem.ForCgcs2000Zone(zone));
    }

    [Fact]
    public void Read_WithProjectInfo_KeepsItsKeysInFileOrder()
    {
        string[] lines = ["[项目信息]", "项目名称=某县2024年增减挂钩项目", "项目编号=GG-2024-01", "自定义键=某值", .. Example()];

        var document = Read(lines);

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal(["项目名称", "项目编号", "自定义键"], document.ProjectInfo.Keys);
        Assert.Equal("GG-2024-01", document.ProjectInfo["项目编号"]);
        Assert.Equal(StandardKeys, document.Attributes.Keys);
        Assert.Equal([17, 27], document.Parcels.Select(p => p.HeaderLine));
    }

    [Fact]
    public void Read_ThirteenAttributeHeader_MapsTheKnownPositionsAndKeepsTheRest()
    {
        var document = Read(Replace(Example(), 13, "9,0.7800,CJ01,某村拆旧地块1,面,H-50-1,拆旧复垦,0702,拆旧图斑,农村宅基地,,,备注文字,@"));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        var parcel = document.Parcels[0];
        Assert.Equal(13, parcel.Attributes.Count);
        Assert.Equal(("CJ01", "H-50-1", "0702"), (parcel.Code, parcel.SheetNumber, parcel.LandClass));
        Assert.Equal("拆旧图斑", parcel.Attributes[8]);
        Assert.Equal("", parcel.Attributes[11]);
        Assert.Equal("备注文字", parcel.Attributes[12]);
    }

    [Fact]
    public void Read_HeaderWithAnotherAttributeCount_WarnsAndReadsByPosition()
    {
        var document = Read(Replace(Example(), 23, "5,0.2000,JX01,某镇建新地块1,面,,城镇建设,@"));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(23, warning.Line);
        Assert.StartsWith("第 23 行：地块头有 7 个属性", warning.Message, StringComparison.Ordinal);
        Assert.Equal("城镇建设", document.Parcels[1].Use);
        Assert.Equal("", document.Parcels[1].LandClass);
    }

    [Theory]
    [InlineData("9")] // every ring's closing point counted
    [InlineData("7")] // closing points not counted
    [InlineData("")] // no count at all
    public void Read_PointCountWithOrWithoutClosingPoints_IsAccepted(string count)
    {
        var document = Read(Replace(Example(), 13, $"{count},0.7800,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@"));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Read_PointCountMatchingNeither_WarnsAndTrustsTheLines()
    {
        var document = Read(Replace(Example(), 13, "12,0.7800,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@"));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(new TxtIssue(13, "第 13 行：界址点数为 12，与坐标行不符（共 9 个坐标行，不计闭合点为 7 个），以坐标行为准。"), warning);
        Assert.Equal(9, document.Parcels[0].Rings.Sum(r => r.Points.Count));
    }

    [Fact]
    public void Read_AreaInSquareMetres_IsRecognisedByComparisonWithTheCoordinates()
    {
        var lines = Replace(Example(), 13, "9,7800,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@");
        lines = Replace(lines, 23, "5,2000.00,JX01,某镇建新地块1,面,,城镇建设,,@");

        var document = Read(lines);

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.All(document.Parcels, p => Assert.Equal(DeclaredAreaUnit.SquareMetre, p.DeclaredAreaUnit));
        Assert.Equal([0.78m, 0.2m], document.Parcels.Select(p => p.DeclaredHectares!.Value));
    }

    [Fact]
    public void Read_AreaFarFromTheCoordinatesInEitherUnit_WarnsAndKeepsTheCloserUnit()
    {
        var document = Read(Replace(Example(), 13, "9,0.9000,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@"));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(13, warning.Line);
        Assert.Contains("地块面积 0.9000", warning.Message, StringComparison.Ordinal);
        Assert.Contains("7800.00 平方米", warning.Message, StringComparison.Ordinal);
        Assert.Contains("相差超过 5%", warning.Message, StringComparison.Ordinal);
        Assert.Equal(DeclaredAreaUnit.Hectare, document.Parcels[0].DeclaredAreaUnit);
    }

    [Fact]
    public void Read_EastingWithoutZonePrefix_TakesTheZoneFromTheAttributes()
    {
        var withPrefix = Read(Example());
        var document = Read(Example().Select(l => l.Replace(",395", ",5", StringComparison.Ordinal)).ToArray());

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal(new TxtCoordinateSystem("2000国家大地坐标系", true, 3, 39, false), document.CoordinateSystem);
        Assert.Equal(500000, document.Parcels[0].Rings[0].Points[0].Easting);
        Assert.All(document.Parcels.Zip(withPrefix.Parcels), pair =>
        {
            Assert.Equal(Zone39WithoutPrefixSrid, pair.First.Geometry!.SRID);
            Assert.True(pair.First.Geometry.EqualsExact(pair.Second.Geometry));
        });
    }

    [Fact]
    public void Read_NoPrefixAndNoZone_WarnsAndLeavesTheSystemUnknown()
    {
        var lines = Example().Select(l => l.Replace(",395", ",5", StringComparison.Ordinal)).ToArray();

        var document = Read(Replace(lines, 9, "带号="));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(0, warning.Line);
        Assert.Contains("无法确定投影带号", warning.Message, StringComparison.Ordinal);
        Assert.Null(document.CoordinateSystem!.Zone);
        Assert.Null(document.CoordinateSystem.EpsgWithoutPrefix);
        Assert.Equal(0, document.Parcels[0].Geometry!.SRID);
    }

    [Fact]
    public void Read_WithoutAttributeSection_WarnsAndTakesTheZoneFromThePrefix()
    {
        var document = Read(Example()[11..]);

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Contains("缺少“[属性描述]”节", warning.Message, StringComparison.Ordinal);
        Assert.Equal((3, 39), (document.CoordinateSystem!.ZoneWidth, document.CoordinateSystem.Zone));
        Assert.Equal(Zone39WithoutPrefixSrid, document.Parcels[0].Geometry!.SRID);
    }

    [Fact]
    public void Read_FullWidthPunctuation_IsReadLikeHalfWidth()
    {
        var fullWidth = Example().Select(l => l.Replace(',', '，').Replace('=', '＝').Replace('@', '＠')).ToArray();

        var document = Read(fullWidth);
        var expected = Read(Example());

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal(expected.Attributes, document.Attributes);
        Assert.Equal(expected.Parcels.Select(p => (p.Code, p.Name, p.DeclaredArea)), document.Parcels.Select(p => (p.Code, p.Name, p.DeclaredArea)));
        Assert.True(expected.Parcels[0].Geometry!.EqualsExact(document.Parcels[0].Geometry));
    }

    [Fact]
    public void Read_Utf8WithBom_StripsTheBom()
    {
        var document = CoordinateTxtReader.Read([0xEF, 0xBB, 0xBF, .. Utf8(Example())]);

        Assert.Equal("UTF-8-BOM", document.Encoding);
        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal("格式版本号", document.Attributes.Keys.First());
        Assert.Equal("某村拆旧地块1", document.Parcels[0].Name);
    }

    [Fact]
    public void Read_Gbk_IsDecodedAsGb18030()
    {
        var document = CoordinateTxtReader.Read(Gbk.GetBytes(Text(Example())));

        Assert.Equal("GB18030", document.Encoding);
        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal("某县自然资源局", document.Attributes["数据产生单位"]);
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], document.Parcels.Select(p => p.Name));
    }

    [Fact]
    public void Read_Gb18030WithACharacterOutsideGbk_KeepsIt()
    {
        const string name = "𠀀家村拆旧地块"; // U+20000 is not in GBK; GB18030 writes it in four bytes
        var lines = Replace(Example(), 13, $"9,0.7800,CJ01,{name},面,,拆旧复垦,0702,@");

        var document = CoordinateTxtReader.Read(Gb18030.GetBytes(Text(lines)));

        Assert.Equal("GB18030", document.Encoding);
        Assert.Empty(document.Errors);
        Assert.Equal(name, document.Parcels[0].Name);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Read_AnyLineEnding_GivesTheSameLineNumbers(string newLine)
    {
        var lines = Remove(Example(), 22); // ring 2 of CJ01 loses its closing point

        var document = CoordinateTxtReader.Read(Encoding.UTF8.GetBytes(Text(lines, newLine)));

        Assert.Empty(document.Errors);
        Assert.Equal([13, 22], document.Parcels.Select(p => p.HeaderLine));
        Assert.Equal(21, Assert.Single(document.Warnings).Line);
    }

    [Fact]
    public void Read_BlankLinesAndSpaces_AreIgnoredButCounted()
    {
        string[] lines = ["", .. Example()[..12], "   ", " 9 , 0.7800 , CJ01 , 某村拆旧地块1 , 面 , , 拆旧复垦 , 0702 , @ ", .. Example()[13..]];

        var document = Read(lines);

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        Assert.Equal([15, 25], document.Parcels.Select(p => p.HeaderLine));
        Assert.Equal("某村拆旧地块1", document.Parcels[0].Name);
    }

    [Fact]
    public void Read_StreamOverload_ReadsLikeBytes()
    {
        using var stream = new MemoryStream(Gbk.GetBytes(Text(Example())));

        var document = CoordinateTxtReader.Read(stream);

        Assert.Equal("GB18030", document.Encoding);
        Assert.Equal(2, document.Parcels.Count);
    }

    [Fact]
    public void Read_TwoDisjointRings_GiveTwoPartsWithoutHoles()
    {
        var document = Read(WithParcels(
            "10,0.3000,DP01,两块的地块,面,,拆旧复垦,0702,@",
            "J1,1,3760100.000,39500000.000",
            "J2,1,3760100.000,39500040.000",
            "J3,1,3760050.000,39500040.000",
            "J4,1,3760050.000,39500000.000",
            "J1,1,3760100.000,39500000.000",
            "J5,2,3760100.000,39500100.000",
            "J6,2,3760100.000,39500120.000",
            "J7,2,3760050.000,39500120.000",
            "J8,2,3760050.000,39500100.000",
            "J5,2,3760100.000,39500100.000"));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        var geometry = document.Parcels[0].Geometry!;
        Assert.Equal(2, geometry.NumGeometries);
        Assert.All(geometry.Geometries.Cast<Polygon>(), p => Assert.Equal(0, p.NumInteriorRings));
        Assert.Equal(3000, geometry.Area, 6);
        Assert.Equal(DeclaredAreaUnit.Hectare, document.Parcels[0].DeclaredAreaUnit);
    }

    [Fact]
    public void Read_RingInsideAHole_IsAnIslandPartNotAHole()
    {
        var document = Read(WithParcels(
            "15,0.6800,DY01,有岛的地块,面,,拆旧复垦,0702,@",
            "J1,1,3760100.000,39500000.000",
            "J2,1,3760100.000,39500100.000",
            "J3,1,3760000.000,39500100.000",
            "J4,1,3760000.000,39500000.000",
            "J1,1,3760100.000,39500000.000",
            "J5,2,3760080.000,39500020.000",
            "J6,2,3760020.000,39500020.000",
            "J7,2,3760020.000,39500080.000",
            "J8,2,3760080.000,39500080.000",
            "J5,2,3760080.000,39500020.000",
            "J9,3,3760060.000,39500040.000",
            "J10,3,3760060.000,39500060.000",
            "J11,3,3760040.000,39500060.000",
            "J12,3,3760040.000,39500040.000",
            "J9,3,3760060.000,39500040.000"));

        Assert.Empty(document.Errors);
        Assert.Empty(document.Warnings);
        var geometry = document.Parcels[0].Geometry!;
        Assert.Equal(2, geometry.NumGeometries);
        Assert.Equal(1, ((Polygon)geometry.GetGeometryN(0)).NumInteriorRings);
        Assert.Equal(0, ((Polygon)geometry.GetGeometryN(1)).NumInteriorRings);
        Assert.Equal(6800, geometry.Area, 6);
    }

    [Fact]
    public void Read_EveryPartNumberedOne_SplitsAtClosureAndWarns()
    {
        var document = Read(WithParcels(
            "10,0.3000,DP01,两块的地块,面,,拆旧复垦,0702,@",
            "J1,1,3760100.000,39500000.000",
            "J2,1,3760100.000,39500040.000",
            "J3,1,3760050.000,39500040.000",
            "J4,1,3760050.000,39500000.000",
            "J1,1,3760100.000,39500000.000", // 18
            "J5,1,3760100.000,39500100.000", // 19
            "J6,1,3760100.000,39500120.000",
            "J7,1,3760050.000,39500120.000",
            "J8,1,3760050.000,39500100.000",
            "J5,1,3760100.000,39500100.000"));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal("第 19 行：圈号 1 的环已在第 18 行闭合，其后的点按新的环读取。", warning.Message);
        Assert.Equal(2, document.Parcels[0].Rings.Count);
        Assert.Equal(2, document.Parcels[0].Geometry!.NumGeometries);
    }

    [Fact]
    public void Read_UnclosedRing_IsClosedWithAWarningAtItsLastLine()
    {
        var document = Read(Remove(Example(), 22));

        Assert.Empty(document.Errors);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(new TxtIssue(21, "第 21 行：圈号 2 的环未闭合，已自动闭合。"), warning);
        var ring = document.Parcels[0].Rings[1];
        Assert.False(ring.WasClosedInFile);
        Assert.Equal(4, ring.Points.Count);
        Assert.Equal(ring.Points[0] with { Line = 21 }, ring.Points[^1]);
        Assert.Equal(7800, document.Parcels[0].Geometry!.Area, 6);
    }

    [Fact]
    public void Read_PrefixContradictingTheZone_IsAnErrorOnThatLine()
    {
        var document = Read(Replace(Example(), 15, "J2,1,3760100.000,40500080.000"));

        var error = Assert.Single(document.Errors);
        Assert.Equal(15, error.Line);
        Assert.StartsWith("第 15 行：", error.Message, StringComparison.Ordinal);
        Assert.Contains("带号前缀 40", error.Message, StringComparison.Ordinal);
        Assert.Contains("带号 39 不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PrefixesDisagreeingWithoutDeclaredZone_IsAnErrorOnTheOddLine()
    {
        var document = Read(Replace(Replace(Example(), 9, "带号="), 25, "J2,1,3761000.000,40501040.000"));

        var error = Assert.Single(document.Errors);
        Assert.Equal("第 25 行：Y 坐标 40501040.000 的带号前缀 40 与第 14 行的带号前缀 39 不一致。", error.Message);
    }

    [Fact]
    public void Read_WholeFileInAnotherZone_ListsTwentyLinesThenSummarises()
    {
        string[] copies = [.. Example()[22..].Select(l => l.Replace("JX01", "JX02", StringComparison.Ordinal)), .. Example()[22..].Select(l => l.Replace("JX01", "JX03", StringComparison.Ordinal))];

        var document = Read([.. Replace(Example(), 9, "带号=40"), .. copies]);

        Assert.Equal(21, document.Errors.Count);
        Assert.All(document.Errors.Take(20), e => Assert.Contains("与[属性描述]中的带号 40 不一致", e.Message, StringComparison.Ordinal));
        Assert.Equal(new TxtIssue(37, "第 37 行：此行及之后还有 4 行 Y 坐标的带号前缀同样不一致，不再逐行列出。"), document.Errors[^1]);
    }

    [Fact]
    public void Read_UnreadableZone_IsAnErrorAndThePrefixStillGivesTheZone()
    {
        var document = Read(Replace(Example(), 9, "带号=三十九"));

        Assert.Equal(new TxtIssue(9, "第 9 行：“带号”的值“三十九”不是整数。"), Assert.Single(document.Errors));
        Assert.Equal(39, document.CoordinateSystem!.Zone);
        Assert.Equal(Zone39WithoutPrefixSrid, document.Parcels[0].Geometry!.SRID);
    }

    [Fact]
    public void Read_SomeEastingsWithoutPrefix_WarnsOnceAndReadsThemInTheSameZone()
    {
        var document = Read(Replace(Example(), 25, "J2,1,3761000.000,501040.000"));

        Assert.Empty(document.Errors);
        Assert.Equal(new TxtIssue(25, "第 25 行：Y 坐标 501040.000 没有带号前缀，而其他坐标有；均按带号 39 读取。"), Assert.Single(document.Warnings));
        Assert.True(Read(Example()).Parcels[1].Geometry!.EqualsExact(document.Parcels[1].Geometry));
    }

    [Fact]
    public void Read_OuterBoundaryWrittenAfterTheHole_IsAnError()
    {
        string[] lines = [.. Example()[..12], Example()[12], .. Example()[18..22].Select(l => l.Replace(",2,", ",1,", StringComparison.Ordinal)),
            .. Example()[13..18].Select(l => l.Replace(",1,", ",2,", StringComparison.Ordinal))];

        var document = Read(lines);

        Assert.Equal(new TxtIssue(18, "第 18 行：圈号 2 的环与圈号 1 的环部分重叠，无法判断是洞还是另一部分（外边界应写在前面）。"), Assert.Single(document.Errors));
        Assert.Null(document.Parcels[0].Geometry);
    }

    [Fact]
    public void Read_HoleTouchingTheShellAlongAnEdge_KeepsTheGeometryButReportsItInvalid()
    {
        var lines = Replace(Replace(Replace(Example(), 19, "J5,2,3760100.000,39500000.000"), 22, "J5,2,3760100.000,39500000.000"), 20, "J6,2,3760100.000,39500040.000");

        var document = Read(lines);

        var error = Assert.Single(document.Errors);
        Assert.Equal(13, error.Line);
        Assert.StartsWith("第 13 行：地块“CJ01”的图形无效：自相交", error.Message, StringComparison.Ordinal);
        Assert.NotNull(document.Parcels[0].Geometry);
    }

    [Fact]
    public void Read_OtherGeometryKindAndExtraFields_AreWarnings()
    {
        var lines = Replace(Replace(Example(), 23, "5,0.2000,JX01,某镇建新地块1,线,,城镇建设,,@"), 25, "J2,1,3761000.000,39501040.000,备注,");

        var document = Read(lines);

        Assert.Empty(document.Errors);
        Assert.Equal(
            [new TxtIssue(23, "第 23 行：记录图形属性为“线”，地块应为“面”，已按面读取。"), new TxtIssue(25, "第 25 行：坐标行多出 1 个字段，已忽略。")],
            document.Warnings);
        Assert.NotNull(document.Parcels[1].Geometry);
    }

    [Theory]
    [InlineData("1980西安坐标系")]
    [InlineData("80国家大地坐标系")]
    [InlineData("1954北京坐标系")]
    public void Read_LegacyDatum_IsAnErrorAtTheDatumLine(string datum)
    {
        var document = Read(Replace(Example(), 5, $"坐标系={datum}"));

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(5, $"第 5 行：坐标系为“{datum}”，系统只接受 2000 国家大地坐标系（CGCS2000）；请先转换坐标后再导入。"), error);
        Assert.False(document.CoordinateSystem!.IsCgcs2000);
        Assert.Null(document.CoordinateSystem.EpsgWithoutPrefix);
        Assert.Equal(0, document.Parcels[0].Geometry!.SRID);
    }

    [Theory]
    [InlineData("CGCS2000")]
    [InlineData("国家2000坐标系")]
    public void Read_OtherNamesOfCgcs2000_AreAccepted(string datum)
    {
        var document = Read(Replace(Example(), 5, $"坐标系={datum}"));

        Assert.Empty(document.Errors);
        Assert.True(document.CoordinateSystem!.IsCgcs2000);
    }

    [Fact]
    public void Read_ZoneOutsideTheWidthRange_IsAnErrorAtTheZoneLine()
    {
        var document = Read(Replace(Example(), 6, "几度分带=6"));

        var error = Assert.Single(document.Errors);
        Assert.Equal(9, error.Line);
        Assert.Contains("带号 39 与几度分带 6 不符", error.Message, StringComparison.Ordinal);
        Assert.Contains("13–23", error.Message, StringComparison.Ordinal);
        Assert.Null(document.CoordinateSystem!.EpsgWithoutPrefix);
    }

    [Fact]
    public void Read_ZoneWidthOtherThanThreeOrSix_IsAnErrorAtItsLine()
    {
        var document = Read(Replace(Example(), 6, "几度分带=4"));

        var error = Assert.Single(document.Errors);
        Assert.Equal("第 6 行：几度分带为 4，应为 3 或 6。", error.Message);
    }

    [Theory]
    [InlineData("J3,1,3760a00.000,39500080.000", "第 16 行：X 坐标“3760a00.000”不是数字。")]
    [InlineData("J3,1,3760000.000,3950008O.000", "第 16 行：Y 坐标“3950008O.000”不是数字。")]
    [InlineData("J3,一,3760000.000,39500080.000", "第 16 行：圈号“一”不是有效的整数。")]
    [InlineData("J3,1,3760000.000", "第 16 行：坐标行缺少字段：应为“点号,圈号,X,Y”，本行只有 3 个字段。")]
    [InlineData("J3,1,,39500080.000", "第 16 行：坐标行缺少 X 坐标。")]
    [InlineData("J3,1,39500080.000,3760000.000", "第 16 行：X 坐标 39500080.000 过大：X 是北坐标，应小于 10000000；X、Y 可能写反了。")]
    public void Read_BadCoordinateLine_IsAnErrorOnItsLineAndTheParcelHasNoGeometry(string line, string message)
    {
        var document = Read(Replace(Example(), 16, line));

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(16, message), error);
        Assert.Null(document.Parcels[0].Geometry);
        Assert.NotNull(document.Parcels[1].Geometry);
    }

    [Fact]
    public void Read_BadNumbersInTheHeader_AreErrorsOnTheHeaderLine()
    {
        var document = Read(Replace(Example(), 13, "九,0.78公顷,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@"));

        Assert.Equal(
            ["第 13 行：界址点数“九”不是整数。", "第 13 行：地块面积“0.78公顷”不是数字。"],
            document.Errors.Select(e => e.Message));
        Assert.Null(document.Parcels[0].DeclaredArea);
        Assert.NotNull(document.Parcels[0].Geometry);
    }

    [Fact]
    public void Read_CoordinateLineBeforeAnyHeader_IsAnError()
    {
        var document = Read(WithParcels(["J0,1,3760100.000,39500000.000", .. Example()[12..]]));

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(13, "第 13 行：坐标行出现在第一个地块头（以 @ 结尾的行）之前，已忽略。"), error);
        Assert.Equal(2, document.Parcels.Count);
    }

    [Fact]
    public void Read_ParcelWithoutCoordinates_IsAnErrorAtItsHeader()
    {
        var document = Read(WithParcels(["0,0.1000,KD01,空地块,面,,拆旧复垦,0702,@", .. Example()[12..]]));

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(13, "第 13 行：地块“KD01”没有坐标。"), error);
        Assert.Empty(document.Parcels[0].Rings);
        Assert.Null(document.Parcels[0].Geometry);
        Assert.Equal(3, document.Parcels.Count);
    }

    [Fact]
    public void Read_RingWithFewerThanThreeDistinctPoints_IsAnErrorAtItsFirstLine()
    {
        var lines = Remove(Replace(Example(), 21, "J5,2,3760060.000,39500020.000"), 22);

        var document = Read(lines);

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(19, "第 19 行：圈号 2 的环只有 2 个不同的点，至少需要 3 个。"), error);
        Assert.Null(document.Parcels[0].Geometry);
    }

    [Fact]
    public void Read_DuplicateParcelCode_IsAnErrorAtTheSecondHeader()
    {
        var document = Read(Replace(Example(), 23, "5,0.2000,CJ01,某镇建新地块1,面,,城镇建设,,@"));

        var error = Assert.Single(document.Errors);
        Assert.Equal(new TxtIssue(23, "第 23 行：地块编号“CJ01”与第 13 行的地块重复。"), error);
    }

    [Fact]
    public void Read_HeaderWithoutCode_IsAnError()
    {
        var document = Read(Replace(Example(), 23, "5,0.2000,,某镇建新地块1,面,,城镇建设,,@"));

        Assert.Equal(new TxtIssue(23, "第 23 行：地块头缺少地块编号。"), Assert.Single(document.Errors));
    }

    [Fact]
    public void Read_SelfIntersectingRing_IsAnErrorAtItsFirstLine()
    {
        var lines = Replace(Replace(Example(), 25, "J2,1,3760950.000,39501040.000"), 26, "J3,1,3761000.000,39501040.000");

        var document = Read(lines);

        var error = Assert.Single(document.Errors);
        Assert.Equal(24, error.Line);
        Assert.StartsWith("第 24 行：圈号 1 的环自相交（位置 X=", error.Message, StringComparison.Ordinal);
        Assert.Contains("Y=39501", error.Message, StringComparison.Ordinal);
        Assert.Null(document.Parcels[1].Geometry);
    }

    [Fact]
    public void Read_RingOverlappingTheOuterBoundary_IsAnError()
    {
        var document = Read(Replace(Example(), 21, "J7,2,3759900.000,39500030.000"));

        var error = Assert.Single(document.Errors);
        Assert.Equal(19, error.Line);
        Assert.Contains("圈号 2 的环与圈号 1 的环部分重叠", error.Message, StringComparison.Ordinal);
        Assert.Null(document.Parcels[0].Geometry);
    }

    [Fact]
    public void Read_NoParcels_IsAnErrorForTheWholeFile()
    {
        var document = Read(Example()[..12]);

        Assert.Equal(new TxtIssue(0, "文件中没有地块（缺少“[地块坐标]”节或以 @ 结尾的地块头）。"), Assert.Single(document.Errors));
        Assert.Equal(10, document.Attributes.Count);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x0A, 0x09 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x81, 0x40 })]
    [InlineData(new byte[] { 0xC4, 0xE3, 0xBA, 0xC3, 0x0A, 0x61, 0x2C, 0x62 })] // "你好\na,b" in GBK
    public void Read_EmptyOrUnrecognisableContent_GivesOneWholeFileError(byte[] content)
    {
        var document = CoordinateTxtReader.Read(content);

        Assert.Equal(new TxtIssue(0, "文件为空或无法识别为坐标文本。"), Assert.Single(document.Errors));
        Assert.Empty(document.Warnings);
        Assert.Empty(document.Parcels);
        Assert.Empty(document.Attributes);
        Assert.Null(document.CoordinateSystem);
    }

    [Fact]
    public void Read_UnknownSectionAndStrayLines_AreWarnedAndIgnored()
    {
        string[] lines = ["说明文字", .. Example()[..12], .. Example()[12..], "[其他]", "任意内容"];

        var document = Read(lines);

        Assert.Empty(document.Errors);
        Assert.Equal(
            [new TxtIssue(1, "第 1 行：此行不在任何节内，已忽略。"), new TxtIssue(30, "第 30 行：未知的节“[其他]”，其内容已忽略。")],
            document.Warnings);
        Assert.Equal(2, document.Parcels.Count);
    }
}
