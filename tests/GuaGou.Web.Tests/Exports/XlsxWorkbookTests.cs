using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GuaGou.Infrastructure.Exports;

namespace GuaGou.Web.Tests.Exports;

public sealed class XlsxWorkbookTests
{
    private static readonly XlsxColumn[] ParcelColumns =
    [
        new("地块编号", XlsxFormat.Text, 16),
        new("面积（亩）", XlsxFormat.Decimal2, 12),
        new("面积（公顷）", XlsxFormat.Decimal4, 12),
        new("签约日期", XlsxFormat.Date, 12),
        new("补偿金额", XlsxFormat.Money, 16),
        new("户数", XlsxFormat.Integer, 8),
    ];

    [Fact]
    public void Write_WithTwoChineseSheets_RoundTripsNamesHeadersAndText()
    {
        var bytes = XlsxWorkbook.ToBytes(
        [
            new XlsxSheet("地块清单", ParcelColumns, [["DK-001", 1010.23m, 67.3487m, new DateOnly(2026, 11, 22), 123456.5m, 3]]),
            new XlsxSheet("权利人", [new XlsxColumn("姓名", Width: 10), new XlsxColumn("身份证号", Width: 22)], [["张三", "110101199003071234"]]),
        ]);

        using var document = Open(bytes);
        Assert.Equal(["地块清单", "权利人"], SheetNames(document));
        var parcels = Sheet(document, "地块清单");
        Assert.Equal(ParcelColumns.Select(c => c.Header), ParcelColumns.Select((_, i) => Text(document, parcels, $"{(char)('A' + i)}1")));
        Assert.Equal("DK-001", Text(document, parcels, "A2"));
        var owners = Sheet(document, "权利人");
        Assert.Equal("身份证号", Text(document, owners, "B1"));
        Assert.Equal("张三", Text(document, owners, "A2"));
        Assert.Equal("110101199003071234", Text(document, owners, "B2"));
    }

    [Fact]
    public void Write_WithDecimalInDecimal2Column_StoresNumberWithTwoDecimalFormat()
    {
        using var document = Open(XlsxWorkbook.ToBytes([new XlsxSheet("地块", ParcelColumns, [["DK-001", 1010.23m, 67.3487m, null, 1234567.891m, 12]])]));
        var sheet = Sheet(document, "地块");

        var area = Cell(sheet, "B2");
        Assert.Null(area.DataType);
        Assert.Equal(1010.23m, decimal.Parse(area.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("0.00", FormatCode(document, area));
        Assert.Equal("0.0000", FormatCode(document, Cell(sheet, "C2")));
        Assert.Equal("#,##0.00", FormatCode(document, Cell(sheet, "E2")));
        Assert.Equal("1234567.891", Cell(sheet, "E2").CellValue!.Text);
        Assert.Equal("0", FormatCode(document, Cell(sheet, "F2")));
        Assert.Equal("12", Cell(sheet, "F2").CellValue!.Text);
    }

    [Fact]
    public void Write_WithDateValues_StoresExcelSerialsWithDateFormat()
    {
        object?[] dates = [new DateOnly(2026, 11, 22), new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Unspecified), new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8))];
        var columns = dates.Select(_ => new XlsxColumn("日期", XlsxFormat.Date)).ToArray();

        using var document = Open(XlsxWorkbook.ToBytes([new XlsxSheet("日期", columns, [dates])]));
        var sheet = Sheet(document, "日期");

        foreach (var reference in new[] { "A2", "B2", "C2" })
        {
            var cell = Cell(sheet, reference);
            Assert.Null(cell.DataType);
            Assert.Equal("46348", cell.CellValue!.Text);
            Assert.Equal("yyyy-mm-dd", FormatCode(document, cell));
        }
    }

    [Fact]
    public void Write_WithFormulaLikeStrings_StoresStringsAndNoFormulas()
    {
        string[] attacks = ["=SUM(A1)", "+1+1", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"];

        using var document = Open(XlsxWorkbook.ToBytes(
            [new XlsxSheet("注入", [new XlsxColumn("备注"), new XlsxColumn("金额", XlsxFormat.Money)], attacks.Select(a => (IReadOnlyList<object?>)[a, a]), Title: "=1+1")]));
        var sheet = Sheet(document, "注入");

        Assert.Empty(sheet.Worksheet.Descendants<CellFormula>());
        for (var i = 0; i < attacks.Length; i++)
        {
            Assert.Equal(CellValues.SharedString, Cell(sheet, $"A{i + 3}").DataType!.Value);
            Assert.Equal(attacks[i], Text(document, sheet, $"A{i + 3}"));
            Assert.Equal(attacks[i], Text(document, sheet, $"B{i + 3}")); // text in a numeric column stays text
        }

        Assert.Equal("=1+1", Text(document, sheet, "A1"));
    }

    [Fact]
    public void Write_WithDuplicateLongAndInvalidSheetNames_MakesValidUniqueNames()
    {
        var longName = string.Concat(Enumerable.Repeat("征地拆迁补偿", 7)); // 42 characters
        string[] requested = ["汇总", "汇总", "A/B*C?[D]:E\\F", longName, longName, "", "'引号'", "history", "汇\u0001总"];
        var column = new[] { new XlsxColumn("列") };

        using var document = Open(XlsxWorkbook.ToBytes(requested.Select(n => new XlsxSheet(n, column, [])).ToArray()));
        var names = SheetNames(document);

        Assert.Equal(requested.Length, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n =>
        {
            Assert.InRange(n.Length, 1, 31);
            Assert.Equal(-1, n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\', '\u0001']));
            Assert.False(n.StartsWith('\'') || n.EndsWith('\''));
        });
        Assert.Equal("汇总", names[0]);
        Assert.Equal("汇总 (2)", names[1]);
        Assert.Equal("A_B_C__D__E_F", names[2]);
        Assert.Equal(longName[..31], names[3]);
        Assert.Equal(longName[..27] + " (2)", names[4]);
        Assert.Equal("Sheet6", names[5]);
        Assert.Equal("引号", names[6]);
        Assert.Equal("history (2)", names[7]);
        Assert.Equal("汇总 (3)", names[8]);
    }

    [Fact]
    public void Write_WithControlCharacters_StripsThemAndPackageValidates()
    {
        var bytes = XlsxWorkbook.ToBytes(
            [new XlsxSheet("备注", [new XlsxColumn("备\u0001注")], [["甲\u0001乙\u0008丙\t丁\n戊"], ["\uD800孤立代理"], ["𠀀扩展字"]])]);

        using var document = Open(bytes);
        var sheet = Sheet(document, "备注");
        Assert.Equal("备注", Text(document, sheet, "A1"));
        Assert.Equal("甲乙丙\t丁\n戊", Text(document, sheet, "A2"));
        Assert.Equal("孤立代理", Text(document, sheet, "A3"));
        Assert.Equal("𠀀扩展字", Text(document, sheet, "A4"));
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Write_WithTitle_PutsTitleOnRow1AndHeaderOnRow2()
    {
        using var document = Open(XlsxWorkbook.ToBytes([new XlsxSheet("地块", ParcelColumns, [["DK-001"], ["DK-002"]], Title: "某某项目地块清单")]));
        var sheet = Sheet(document, "地块");
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        Assert.Equal("某某项目地块清单", Text(document, sheet, "A1"));
        Assert.Equal("地块编号", Text(document, sheet, "A2"));
        Assert.Equal("DK-002", Text(document, sheet, "A4"));
        Assert.Equal("A1:F1", sheet.Worksheet.Descendants<MergeCell>().Single().Reference!.Value);
        var titleFont = FontOf(styles, Cell(sheet, "A1"));
        var headerFont = FontOf(styles, Cell(sheet, "A2"));
        Assert.NotNull(titleFont.GetFirstChild<Bold>());
        Assert.NotNull(headerFont.GetFirstChild<Bold>());
        Assert.True(titleFont.GetFirstChild<FontSize>()!.Val!.Value > headerFont.GetFirstChild<FontSize>()!.Val!.Value);

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(2, pane.VerticalSplit!.Value);
        Assert.Equal("A3", pane.TopLeftCell!.Value);
        Assert.Equal("A2:F4", sheet.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Write_WithoutTitle_FreezesBelowHeaderFiltersDataAndSetsWidths()
    {
        using var document = Open(XlsxWorkbook.ToBytes([new XlsxSheet("地块", ParcelColumns, [["DK-001"], ["DK-002"], ["DK-003"]])]));
        var sheet = Sheet(document, "地块");
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal("A1:F4", sheet.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal("'地块'!$A$1:$F$4", document.WorkbookPart.Workbook.Descendants<DefinedName>().Single().Text);
        Assert.Empty(sheet.Worksheet.Descendants<MergeCell>());

        var header = Cell(sheet, "A1");
        Assert.NotNull(FontOf(styles, header).GetFirstChild<Bold>());
        var fill = (Fill)styles.Fills!.ElementAt((int)styles.CellFormats!.Elements<CellFormat>().ElementAt((int)header.StyleIndex!.Value).FillId!.Value);
        Assert.Equal(PatternValues.Solid, fill.PatternFill!.PatternType!.Value);

        Assert.Equal(ParcelColumns.Select(c => c.Width), sheet.Worksheet.Descendants<Column>().Select(c => c.Width!.Value));
    }

    [Fact]
    public void Write_WithOtherValueKinds_WritesYesNoNumbersTextAndEmptyCells()
    {
        object?[] values = [true, false, null, 42L, 2.5d, 1.5f, (short)7, "  空格  ", "_x0041_", double.NaN, Guid.Empty];
        var columns = values.Select(_ => new XlsxColumn("值", XlsxFormat.Decimal2)).ToArray();

        using var document = Open(XlsxWorkbook.ToBytes([new XlsxSheet("值", columns, [values])]));
        var sheet = Sheet(document, "值");

        Assert.Equal("是", Text(document, sheet, "A2"));
        Assert.Equal("否", Text(document, sheet, "B2"));
        Assert.Null(FindCell(sheet, "C2"));
        string[] numbers = ["D2", "E2", "F2", "G2"];
        Assert.Equal(["42", "2.5", "1.5", "7"], numbers.Select(r => Cell(sheet, r).CellValue!.Text));
        Assert.All(numbers, r => Assert.Equal("0.00", FormatCode(document, Cell(sheet, r))));
        Assert.Equal("  空格  ", Text(document, sheet, "H2"));
        Assert.Equal("_x005F_x0041_", Text(document, sheet, "I2")); // Excel decodes _xHHHH_, so the literal is escaped
        Assert.Equal("NaN", Text(document, sheet, "J2"));
        Assert.Equal(Guid.Empty.ToString(), Text(document, sheet, "K2"));
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Write_With50000Rows_ReadsBackLastRow()
    {
        const int count = 50_000;
        var enumerations = 0;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            enumerations++;
            for (var i = 1; i <= count; i++)
            {
                yield return [$"DK-{i:D5}", i + 0.25m, new DateOnly(2026, 1, 1).AddDays(i % 365), i * 100m, i];
            }
        }

        var bytes = XlsxWorkbook.ToBytes([new XlsxSheet("地块", ParcelColumns.Where(c => c.Header != "面积（公顷）").ToArray(), Rows())]);

        Assert.Equal(1, enumerations);
        using var document = Open(bytes);
        var sheet = Sheet(document, "地块");
        var last = sheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Last();
        Assert.Equal((uint)count + 1, last.RowIndex!.Value);
        Assert.Equal("DK-50000", Text(document, sheet, "A50001"));
        Assert.Equal("50000.25", Cell(sheet, "B50001").CellValue!.Text);
        Assert.Equal("50000", Cell(sheet, "E50001").CellValue!.Text);
        Assert.Equal("A1:E50001", sheet.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
    }

    [Fact]
    public void Write_ToSeekableOrForwardOnlyStream_WritesPackageAndLeavesStreamOpen()
    {
        using var direct = new MemoryStream();
        XlsxWorkbook.Write(direct, [new XlsxSheet("地块", ParcelColumns, [["DK-001", 1.5m]])]);
        Assert.True(direct.CanRead); // a disposed MemoryStream reports false

        using var target = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(target);

        XlsxWorkbook.Write(forwardOnly, [new XlsxSheet("地块", ParcelColumns, [["DK-001", 1.5m]])]);

        using var document = Open(target.ToArray());
        Assert.Equal("DK-001", Text(document, Sheet(document, "地块"), "A2"));
    }

    [Fact]
    public void ToBytes_WithNoSheetsOrNoColumns_Throws()
    {
        Assert.Throws<ArgumentException>(() => XlsxWorkbook.ToBytes([]));
        Assert.Throws<ArgumentException>(() => XlsxWorkbook.ToBytes([new XlsxSheet("空", [], [])]));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);

    private static List<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    private static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!.Value!);
    }

    private static Cell? FindCell(WorksheetPart sheet, string reference) =>
        sheet.Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    private static Cell Cell(WorksheetPart sheet, string reference) =>
        FindCell(sheet, reference) ?? throw new Xunit.Sdk.XunitException($"No cell {reference}.");

    private static string Text(SpreadsheetDocument document, WorksheetPart sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
        var item = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>()
            .ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));
        return item.Text!.Text;
    }

    private static Font FontOf(Stylesheet styles, Cell cell)
    {
        var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        return styles.Fonts!.Elements<Font>().ElementAt((int)xf.FontId!.Value);
    }

    private static string FormatCode(SpreadsheetDocument document, Cell cell)
    {
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0)).NumberFormatId!.Value;
        // Ids below 164 are Excel's built-in formats and are not listed in the stylesheet.
        return id switch
        {
            0 => "General",
            1 => "0",
            2 => "0.00",
            3 => "#,##0",
            4 => "#,##0.00",
            _ => styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!.Value!,
        };
    }

    /// <summary>Stands in for an HTTP response body: write-only, no seeking, and must not be closed by the writer.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
