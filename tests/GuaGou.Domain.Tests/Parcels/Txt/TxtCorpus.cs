using System.Text;
using GuaGou.Domain.Parcels.Txt;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Tests.Parcels.Txt;

/// <summary>
/// The small TXT files the reader and writer tests use, built in code so line numbers are easy to see
/// (index + 1 = line number) and every encoding can be produced byte by byte.
/// </summary>
internal static class TxtCorpus
{
    public const int Zone39WithoutPrefixSrid = 4548;

    public static Encoding Gbk { get; } = LoadCodePage("GBK");

    public static Encoding Gb18030 { get; } = LoadCodePage("GB18030");

    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), Zone39WithoutPrefixSrid);

    /// <summary>FORMATS.md §1 example: CJ01 100 m × 80 m with a 200 m² triangular hole (0.78 ha), JX01 50 m × 40 m (0.2 ha).</summary>
    public static string[] Example() =>
    [
        "[属性描述]",                                  // 1
        "格式版本号=1.01",                             // 2
        "数据产生单位=某县自然资源局",                 // 3
        "数据产生日期=2024-5-20",                      // 4
        "坐标系=2000国家大地坐标系",                   // 5
        "几度分带=3",                                  // 6
        "投影类型=高斯克吕格",                         // 7
        "计量单位=米",                                 // 8
        "带号=39",                                     // 9
        "精度=0.001",                                  // 10
        "转换参数=,,,,,,",                             // 11
        "[地块坐标]",                                  // 12
        "9,0.7800,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@", // 13
        "J1,1,3760100.000,39500000.000",               // 14
        "J2,1,3760100.000,39500080.000",               // 15
        "J3,1,3760000.000,39500080.000",               // 16
        "J4,1,3760000.000,39500000.000",               // 17
        "J1,1,3760100.000,39500000.000",               // 18
        "J5,2,3760060.000,39500020.000",               // 19
        "J6,2,3760060.000,39500040.000",               // 20
        "J7,2,3760040.000,39500030.000",               // 21
        "J5,2,3760060.000,39500020.000",               // 22
        "5,0.2000,JX01,某镇建新地块1,面,,城镇建设,,@",  // 23
        "J1,1,3761000.000,39501000.000",               // 24
        "J2,1,3761000.000,39501040.000",               // 25
        "J3,1,3760950.000,39501040.000",               // 26
        "J4,1,3760950.000,39501000.000",               // 27
        "J1,1,3761000.000,39501000.000",               // 28
    ];

    /// <summary>The [属性描述] block of the example (lines 1–12, ending with the [地块坐标] header), then the given lines from line 13.</summary>
    public static string[] WithParcels(params string[] parcelLines) => [.. Example()[..12], .. parcelLines];

    /// <summary>A copy of <paramref name="lines"/> with line <paramref name="lineNumber"/> (1-based) replaced.</summary>
    public static string[] Replace(string[] lines, int lineNumber, string text)
    {
        var copy = lines.ToArray();
        copy[lineNumber - 1] = text;
        return copy;
    }

    /// <summary>A copy of <paramref name="lines"/> without line <paramref name="lineNumber"/> (1-based).</summary>
    public static string[] Remove(string[] lines, int lineNumber) => [.. lines[..(lineNumber - 1)], .. lines[lineNumber..]];

    public static string Text(string[] lines, string newLine = "\n") => string.Join(newLine, lines) + newLine;

    public static byte[] Utf8(string[] lines) => Encoding.UTF8.GetBytes(Text(lines));

    public static TxtDocument Read(params string[] lines) => CoordinateTxtReader.Read(Utf8(lines));

    public static Polygon Rectangle(double west, double south, double east, double north, params Coordinate[][] holes) =>
        Factory.CreatePolygon(
            Factory.CreateLinearRing(Clockwise(west, south, east, north)),
            holes.Select(Factory.CreateLinearRing).ToArray());

    /// <summary>Shell orientation the reader normalises to: clockwise, starting at the north-west corner.</summary>
    public static Coordinate[] Clockwise(double west, double south, double east, double north) =>
        [new(west, north), new(east, north), new(east, south), new(west, south), new(west, north)];

    /// <summary>Hole orientation the reader normalises to: counter-clockwise.</summary>
    public static Coordinate[] CounterClockwise(double west, double south, double east, double north) =>
        [new(west, north), new(west, south), new(east, south), new(east, north), new(west, north)];

    private static Encoding LoadCodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}
