using System.Text;
using GuaGou.Domain.Parcels;

namespace GuaGou.Domain.Tests.Parcels;

/// <summary>The checks of an imported set that need no database (issue 4 "Validation before commit").</summary>
public sealed class ParcelSetValidatorTests
{
    private const string Header = """
        [属性描述]
        坐标系=2000国家大地坐标系
        几度分带=3
        带号=39
        [地块坐标]

        """;

    private static ParsedParcelSet Validate(string blocks, double tolerance = ParcelSetValidator.DefaultAreaTolerance) =>
        ParcelSetValidator.Validate(TxtParcelSetReader.Read(Encoding.UTF8.GetBytes(Header + blocks)), tolerance);

    private static string Square(string code, double north, double east, double size, string hectares) => $"""
        5,{hectares},{code},{code}地块,面,,拆旧复垦,0702,@
        J1,1,{north:0.000},{east:0.000}
        J2,1,{north:0.000},{east + size:0.000}
        J3,1,{north - size:0.000},{east + size:0.000}
        J4,1,{north - size:0.000},{east:0.000}
        J1,1,{north:0.000},{east:0.000}

        """;

    [Fact]
    public void Validate_CleanSet_HasNoErrorsAndBothAreas()
    {
        var set = Validate(Square("A", 3760100, 39500000, 100, "1.0000") + Square("B", 3760100, 39500200, 100, "1.0000"));

        Assert.Empty(set.Errors);
        Assert.Empty(set.Warnings);
        Assert.Equal("EPSG:4527", set.Crs);
        Assert.All(set.Parcels, p => Assert.Equal(10_000, p.PlanarSquareMetres!.Value, 6));
        Assert.True(set.CanCommit);
    }

    [Fact]
    public void Validate_ParcelsOverlappingEachOther_IsAnErrorWithTheOverlapArea()
    {
        var set = Validate(Square("A", 3760100, 39500000, 100, "1.0000") + Square("B", 3760100, 39500050, 100, "1.0000"));

        var error = Assert.Single(set.Errors);
        Assert.Equal(12, error.Line);
        Assert.Contains("地块 B 与第 6 行的地块 A 重叠 5000.00 平方米", error.Message, StringComparison.Ordinal);
        Assert.False(set.CanCommit);
    }

    [Fact]
    public void Validate_ParcelsSharingAnEdge_DoNotOverlap()
    {
        var set = Validate(Square("A", 3760100, 39500000, 100, "1.0000") + Square("B", 3760100, 39500100, 100, "1.0000"));

        Assert.Empty(set.Errors);
    }

    [Fact]
    public void Validate_DeclaredAreaBeyondTolerance_IsAWarningNamingBothAreas()
    {
        var set = Validate(Square("A", 3760100, 39500000, 100, "1.0100"));

        Assert.Empty(set.Errors);
        var warning = Assert.Single(set.Warnings);
        Assert.Contains("申报面积 1.0100 公顷", warning.Message, StringComparison.Ordinal);
        Assert.Contains("超过 0.5 %", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Validate(Square("A", 3760100, 39500000, 100, "1.0100"), tolerance: 0.02).Warnings);
    }

    [Fact]
    public void Validate_SelfIntersectingParcel_IsAnErrorWithTheReasonAndLocation()
    {
        var bowTie = """
            5,1.0000,X1,自交地块,面,,拆旧复垦,0702,@
            J1,1,3760100.000,39500000.000
            J2,1,3760000.000,39500100.000
            J3,1,3760100.000,39500100.000
            J4,1,3760000.000,39500000.000
            J1,1,3760100.000,39500000.000

            """;

        var set = Validate(bowTie);

        Assert.Contains(set.Errors, e => e.Message.Contains("自相交", StringComparison.Ordinal) || e.Message.Contains("无效", StringComparison.Ordinal));
        Assert.False(set.CanCommit);
    }

    [Fact]
    public void Validate_DuplicateCodes_AreErrorsPointingAtTheFirstOccurrence()
    {
        var set = Validate(Square("A", 3760100, 39500000, 100, "1.0000") + Square("a", 3760100, 39500300, 100, "1.0000"));

        Assert.Contains(set.Errors, e => e.Line == 12 && e.Message.Contains("首次出现在第 6 行", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_StackedParcels_ListsTheFirstHundredOverlapsThenSaysTheCheckStopped()
    {
        var set = Validate(string.Concat(Enumerable.Range(0, 200).Select(i => Square($"S{i:000}", 3760100, 39500000, 100, "1.0000"))));

        Assert.Equal(ParcelSetValidator.MaxOverlapFindings + 1, set.Errors.Count);
        var stop = Assert.Single(set.Errors, e => e.Line == 0);
        Assert.Contains("重叠检查已停止，只列出前 100 处", stop.Message, StringComparison.Ordinal);
        Assert.False(set.CanCommit);
    }

    [Fact]
    public void Validate_ManyNestedParcelsWhoseBoxesMeetButNotThemselves_StopsAtThePairBudget()
    {
        // Square frames, each inside the hole of the one before: every pair's boxes overlap, no two parcels do.
        var parcels = Enumerable.Range(0, 700).Select(i =>
        {
            var outer = 10_000.0 - (i * 10);
            var polygon = Geometry.CreatePolygon(Ring(outer), [Ring(outer - 4)]);
            return Parcel(i + 1, polygon);
        }).ToList();

        var set = ParcelSetValidator.Validate(Set(parcels));

        var stop = Assert.Single(set.Errors);
        Assert.Equal(0, stop.Line);
        Assert.Contains("需比较的地块超过 200,000 对", stop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreParcelsThanTheLimit_IsRefusedAsAWholeWithoutOtherChecks()
    {
        var parcels = Enumerable.Range(1, ParcelSetValidator.MaxParcels + 1)
            .Select(i => new ParsedParcel(i, "A", "同号地块", "0702", "", null, null, null, null, null)).ToList();

        var set = ParcelSetValidator.Validate(Set(parcels));

        var refusal = Assert.Single(set.Errors); // not 20 000 duplicate-code errors
        Assert.Contains("文件有 20,001 个地块，超过每个文件 20,000 个地块的上限", refusal.Message, StringComparison.Ordinal);
        Assert.False(set.CanCommit);
    }

    [Fact]
    public void Validate_MoreVerticesThanTheLimits_IsRefusedForTheParcelOrTheFile()
    {
        var dense = Geometry.CreatePolygon(Circle(ParcelSetValidator.MaxVerticesPerParcel + 1));
        var one = ParcelSetValidator.Validate(Set([Parcel(7, dense)]));
        var error = Assert.Single(one.Errors);
        Assert.Equal(7, error.Line);
        Assert.Contains("有 20,001 个界址点，超过每个地块 20,000 个的上限", error.Message, StringComparison.Ordinal);

        var atLimit = Geometry.CreatePolygon(Circle(ParcelSetValidator.MaxVerticesPerParcel));
        var many = ParcelSetValidator.Validate(Set(Enumerable.Range(1, 51).Select(i => Parcel(i, atLimit)).ToList()));
        var refusal = Assert.Single(many.Errors);
        Assert.Contains("文件共有 1,020,000 个界址点，超过每个文件 1,000,000 个界址点的上限", refusal.Message, StringComparison.Ordinal);
    }

    private static readonly NetTopologySuite.Geometries.GeometryFactory Geometry = new();

    private static NetTopologySuite.Geometries.LinearRing Ring(double size) => Geometry.CreateLinearRing(
    [
        new(3_750_000 - size / 2, 500_000 - size / 2), new(3_750_000 + size / 2, 500_000 - size / 2),
        new(3_750_000 + size / 2, 500_000 + size / 2), new(3_750_000 - size / 2, 500_000 + size / 2), new(3_750_000 - size / 2, 500_000 - size / 2),
    ]);

    private static NetTopologySuite.Geometries.Coordinate[] Circle(int vertices) =>
        Enumerable.Range(0, vertices + 1).Select(i => i % vertices * 2 * Math.PI / vertices)
            .Select(a => new NetTopologySuite.Geometries.Coordinate(3_750_000 + (100 * Math.Cos(a)), 500_000 + (100 * Math.Sin(a)))).ToArray();

    private static ParsedParcel Parcel(int line, NetTopologySuite.Geometries.Polygon polygon) =>
        new(line, $"P{line}", "", "0702", "", null, Geometry.CreateMultiPolygon([polygon]), null, null, polygon.Area);

    private static ParsedParcelSet Set(IReadOnlyList<ParsedParcel> parcels) =>
        new(null, null, parcels, [], [], new Dictionary<string, string>());
}
