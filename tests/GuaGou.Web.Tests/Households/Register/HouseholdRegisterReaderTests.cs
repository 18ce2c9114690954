using System.Text;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Households.Register;
using static GuaGou.Web.Tests.Households.Register.RegisterTestFiles;

namespace GuaGou.Web.Tests.Households.Register;

public sealed class HouseholdRegisterReaderTests
{
    private static readonly string CsvHeader = CsvLine(Header);

    [Fact]
    public void Read_WithManyBadCells_ReportsEveryErrorWithItsRowAndColumnAtOnce()
    {
        var bytes = Workbook([
            (1, Header),
            .. Numbered(
                Row("CJ-001", "张三", Id(1)),
                Row("CJ-001", "", Id(2)),
                Row("CJ-001", "王五", IdWithBadCheck(3)),
                Row("CJ-002", "赵六", Id(4), members: "abc"),
                Row("CJ-002", "钱七", Id(5), resettlement: "发钱"),
                Row("CJ-002", "孙八", 360421195001061234d)),
        ]);

        var result = ReadXlsx(bytes);

        Assert.False(result.Ok);
        Assert.Equal(
            [(3, "户主姓名"), (4, "身份证号码"), (5, "家庭人口"), (6, "安置方式"), (7, "身份证号码")],
            result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("第 4 行「身份证号码」：身份证号码校验位不正确，请核对。", result.Errors[1].ToString());
        Assert.Contains("请填写户主姓名", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("「abc」", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("「发钱」", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("「集中安置」「自主建房」「货币补偿」「其他」", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("身份证号码应以文本格式填写（数字格式会丢失末位）", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Equal([2], result.Entries.Select(e => e.Row)); // only clean rows become entries
    }

    [Fact]
    public void Read_WithSameIdInRowsTwoAndFive_ReportsRowFiveNamingRowTwo()
    {
        var csv = CsvHeader
            + CsvLine(Row("CJ-001", "张三", Id(1)))
            + CsvLine(Row("CJ-001", "李四", Id(2)))
            + CsvLine(Row("CJ-001", "王五", Id(3)))
            + CsvLine(Row("CJ-002", "张三", Id(1)));

        var result = ReadCsv(csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "身份证号码"), (error.Row, error.Column));
        Assert.Contains("第 2 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithoutIdColumn_ReportsFileLevelErrorNamingIt()
    {
        var header = Header.Where(h => h != "身份证号码").ToArray();
        var result = ReadCsv(CsvLine(header) + CsvLine(["CJ-001", "张三", "4", "120", "城镇规划区内", "货币补偿", "", "", ""]));

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, ""), (error.Row, error.Column));
        Assert.Contains("「身份证号码」", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Read_WithHeaderVariantsReorderedAndExtraColumns_MapsByName()
    {
        string[] header = ["序号", "身份证号码 ", "户主姓名", "地块编号", "家庭人口", "现宅基地面积(平方米)", "区位", "安置方式", "安置宅基地面积", "联系电话"];
        var result = ReadCsv(CsvLine(header) + CsvLine(["1", Id(1), "张三", "CJ-001", "4", "120", "城镇规划区内", "集中安置", "90", "13800000000"]));

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var entry = Assert.Single(result.Entries);
        Assert.Equal(("CJ-001", "张三", 90m), (entry.ParcelCode, entry.Data.HeadName, entry.Data.ResettlementPlotArea!.Value.SquareMetres));
    }

    [Fact]
    public void Read_WithTitleRowAboveHeader_FindsHeaderAndKeepsSpreadsheetRowNumbers()
    {
        var bytes = Workbook([(1, ["某某村农户登记表"]), (2, Header), (3, Row("CJ-001", "张三", Id(1))), (4, Row("CJ-001", "", Id(2)))]);

        var result = ReadXlsx(bytes);

        Assert.Equal([3], result.Entries.Select(e => e.Row));
        Assert.Equal((4, "户主姓名"), (result.Errors.Single().Row, result.Errors.Single().Column));
    }

    [Fact]
    public void Read_Png_IsNotXlsxOrCsv()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

        var result = HouseholdRegisterReader.Read(Stream(png), "农户登记表.xlsx");

        Assert.Equal(HouseholdRegisterReader.NotXlsxOrCsv, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Read_RandomBytes_IsNotXlsxOrCsv()
    {
        var random = new byte[4096];
        new Random(20261122).NextBytes(random);

        var result = HouseholdRegisterReader.Read(Stream(random), "农户登记表.csv");

        Assert.Equal(HouseholdRegisterReader.NotXlsxOrCsv, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Read_OldXlsFile_SaysToSaveAsXlsx()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var error = Assert.Single(HouseholdRegisterReader.Read(Stream(ole), "农户登记表.xls").Errors);

        Assert.StartsWith(HouseholdRegisterReader.NotXlsxOrCsv, error.Message, StringComparison.Ordinal);
        Assert.Contains("另存为", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)] // just the ZIP signature and garbage
    [InlineData(1)] // a real workbook cut in half
    [InlineData(2)] // a ZIP that is not a workbook
    public void Read_CorruptXlsx_ReportsFileErrorWithoutThrowing(int kind)
    {
        var workbook = FillTemplate(Numbered(Row("CJ-001", "张三", Id(1))));
        var bytes = kind switch
        {
            0 => [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))],
            1 => workbook[..(workbook.Length / 2)],
            _ => Zip("readme.txt", "hello"),
        };

        var result = HouseholdRegisterReader.Read(Stream(bytes), "农户登记表.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Row);
        Assert.Contains("无法读取该 .xlsx 文件", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Read_CsvWithUnclosedQuote_ReportsWhereItStarts()
    {
        var csv = CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1))) + "CJ-001,\"李四," + Id(2) + ",4\r\n";

        var error = Assert.Single(ReadCsv(csv).Errors);

        Assert.Equal(0, error.Row);
        Assert.Contains("第 3 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_ReportsError()
    {
        var result = HouseholdRegisterReader.Read(Stream([]), "农户登记表.csv");

        Assert.Contains("空", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithBlankRows_SkipsThemAndKeepsRowNumbers()
    {
        var xlsx = Workbook([(1, Header), (2, Row("CJ-001", "张三", Id(1))), (3, ["", " ", null]), (6, Row("CJ-001", "李四", Id(2)))]);
        var csv = CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1))) + "\r\n,,,\r\n" + CsvLine(Row("CJ-001", "李四", Id(2)));

        Assert.Equal([2, 6], ReadXlsx(xlsx).Entries.Select(e => e.Row));
        Assert.Equal([2, 5], ReadCsv(csv).Entries.Select(e => e.Row));
    }

    [Fact]
    public void Read_ExcelSerialDate45000_Is2023_03_15()
    {
        // Serial 45000 is 2023-03-15 (day 1 is 1900-01-01, plus Excel's phantom 1900-02-29).
        var result = ReadXlsx(Workbook([(1, Header), (2, Row("CJ-001", "张三", Id(1), consent: 45000))]));

        Assert.Equal(new DateOnly(2023, 3, 15), Assert.Single(result.Entries).ConsentSignedOn);
    }

    [Theory]
    [InlineData("2023-03-15")]
    [InlineData("2023/3/15")]
    [InlineData("2023年3月15日")]
    [InlineData("2023.3.15")]
    [InlineData("20230315")]
    [InlineData(" 2023-03-15 00:00:00 ")]
    [InlineData("２０２３－０３－１５")]
    public void Read_TextDates_AreAccepted(string text)
    {
        var result = ReadCsv(CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1), consent: text)));

        Assert.Equal(new DateOnly(2023, 3, 15), Assert.Single(result.Entries).ConsentSignedOn);
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("下个月")]
    [InlineData("15/3/2023")]
    public void Read_BadDate_IsReportedInItsColumn(string text)
    {
        var error = Assert.Single(ReadCsv(CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1), consent: text))).Errors);

        Assert.Equal((2, "同意书签署日期"), (error.Row, error.Column));
    }

    [Fact]
    public void Read_WithGapsInCellReferences_ReadsMissingCellsAsEmpty()
    {
        object?[] row = Row("CJ-001", "张三", Id(1));
        row[3] = null; // 家庭人口: no cell element at all
        var bytes = Workbook([(1, Header), (2, row), (4, Row("CJ-001", "李四", Id(2), plot: null, note: "末列"))]);

        var result = ReadXlsx(bytes);

        Assert.Equal((2, "家庭人口"), (result.Errors.Single().Row, result.Errors.Single().Column));
        Assert.Equal("末列", Assert.Single(result.Entries).Data.Note);
    }

    [Fact]
    public void Read_CellsWithoutReferences_AreTakenInOrder()
    {
        var bytes = Workbook([(1, Header), (2, Row("CJ-001", "张三", Id(1)))], withReferences: false);

        var entry = Assert.Single(ReadXlsx(bytes).Entries);

        Assert.Equal((2, "张三", Id(1)), (entry.Row, entry.Data.HeadName, entry.Data.IdCard.Value));
    }

    [Fact]
    public void Read_PrefersSheetNamedLikeTemplate()
    {
        var bytes = XlsxWorkbook.ToBytes(
        [
            new XlsxSheet("说明", [new XlsxColumn("说明")], [["请看第二张表"]]),
            new XlsxSheet("农户登记表", [.. Header.Select(h => new XlsxColumn(h))], [Row("CJ-001", "张三", Id(1))]),
        ]);

        Assert.Equal("张三", Assert.Single(ReadXlsx(bytes).Entries).Data.HeadName);
    }

    [Fact]
    public void Read_NumbersWrittenByXlsxWorkbook_AreReadAsNumbers()
    {
        // XlsxWorkbook writes decimals and ints as numeric cells and strings through the shared-string table.
        var bytes = XlsxWorkbook.ToBytes([new XlsxSheet("农户登记表", [.. Header.Select(h => new XlsxColumn(h))],
            [Row("CJ-001", "张三", Id(1), members: 5, area: 133.33m, plot: 0.5m, consent: new DateOnly(2026, 1, 2))])]);

        var entry = Assert.Single(ReadXlsx(bytes).Entries);

        Assert.Equal((5, 133.33m, 0.5m, new DateOnly(2026, 1, 2)),
            (entry.Data.Members, entry.Data.HomesteadArea.SquareMetres, entry.Data.ResettlementPlotArea!.Value.SquareMetres, entry.ConsentSignedOn!.Value));
    }

    [Fact]
    public void Read_CsvIdInScientificNotation_AsksForTextFormat()
    {
        var error = Assert.Single(ReadCsv(CsvHeader + CsvLine(Row("CJ-001", "张三", "3.60421E+17"))).Errors);

        Assert.Equal((2, "身份证号码"), (error.Row, error.Column));
        Assert.Contains("文本格式", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvQuotedFieldsWithLineBreaksAndQuotes_StayInOneRow()
    {
        var csv = CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1), note: "第一行\n第二行，\"引号\"")) + CsvLine(Row("CJ-001", "李四", Id(2)));

        var result = ReadCsv(csv, bom: false);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal("第一行\n第二行，\"引号\"", result.Entries[0].Data.Note);
        Assert.Equal([2, 3], result.Entries.Select(e => e.Row)); // the row numbers Excel shows
    }

    [Fact]
    public void Read_FullWidthDigitsUnitsAndSpaces_AreAccepted()
    {
        var csv = CsvHeader + CsvLine(Row(" CJ-001 ", " 张三 ", " " + Id(1)[..17] + "　" + Id(1)[17..], members: "４", area: "１２０．５ 平方米", plot: "1,000.25"));

        var entry = Assert.Single(ReadCsv(csv).Entries);

        Assert.Equal(("CJ-001", "张三", 4, 120.5m, 1000.25m),
            (entry.ParcelCode, entry.Data.HeadName, entry.Data.Members, entry.Data.HomesteadArea.SquareMetres, entry.Data.ResettlementPlotArea!.Value.SquareMetres));
    }

    [Fact]
    public void Read_NegativeArea_UsesTheDomainMessage()
    {
        var error = Assert.Single(ReadCsv(CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1), area: "-5"))).Errors);

        Assert.Equal("现宅基地面积（平方米）", error.Column);
        Assert.Contains("面积不能为负数", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DomainRulesAreNotCheckedHere()
    {
        // 集中安置 without a plot and 99 members break Household's rules; the reader only converts types.
        var result = ReadCsv(CsvHeader + CsvLine(Row("CJ-001", "张三", Id(1), members: "99", plot: "")));

        Assert.True(result.Ok);
        Assert.Equal(ResettlementChoice.Concentrated, result.Entries.Single().Data.Resettlement);
    }

    [Fact]
    public void Read_MoreThan5000Rows_IsFileLevelError()
    {
        var text = new StringBuilder(CsvHeader);
        for (var i = 1; i <= HouseholdRegisterReader.MaxDataRows + 1; i++)
        {
            text.Append(CsvLine(Row("CJ-001", "张三", Id(i))));
        }

        var error = Assert.Single(ReadCsv(text.ToString()).Errors);

        Assert.Equal(0, error.Row);
        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Exactly5000Rows_IsAccepted()
    {
        var rows = Enumerable.Range(1, HouseholdRegisterReader.MaxDataRows).Select(i => ((uint)(i + 1), Row("CJ-001", "张三", Id(i))));

        var result = ReadXlsx(Workbook([(1, Header), .. rows]));

        Assert.True(result.Ok, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(HouseholdRegisterReader.MaxDataRows, result.Entries.Count);
    }

    [Fact]
    public void RegisterError_ToString_FormatsRowColumnAndFileLevel()
    {
        Assert.Equal("第 5 行「身份证号码」：身份证号码校验位不正确，请核对。", new RegisterError(5, "身份证号码", "身份证号码校验位不正确，请核对。").ToString());
        Assert.Equal("第 5 行：引号未闭合。", new RegisterError(5, "", "引号未闭合。").ToString());
        Assert.Equal("文件是空的。", new RegisterError(0, "", "文件是空的。").ToString());
    }

    private static byte[] Zip(string name, string content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }

        return buffer.ToArray();
    }
}
