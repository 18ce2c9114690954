using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Households.Register;
using static GuaGou.Web.Tests.Households.Register.RegisterTestFiles;

namespace GuaGou.Web.Tests.Households.Register;

public sealed class HouseholdRegisterTemplateTests
{
    [Fact]
    public void Columns_AreTheAgreedNamesInOrder()
    {
        Assert.Equal(
            ["地块编号", "户主姓名", "身份证号码", "家庭人口", "现宅基地面积（平方米）", "区位", "安置方式", "安置宅基地面积（平方米）", "同意书签署日期", "备注"],
            HouseholdRegisterTemplate.Columns);
    }

    [Fact]
    public void Xlsx_IsValidWithHeaderOnlyRegisterSheetAndGuideSheet()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(HouseholdRegisterTemplate.Xlsx()), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));

        var workbookPart = document.WorkbookPart!;
        var sheets = workbookPart.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["农户登记表", "填写说明"], sheets.Select(s => s.Name!.Value));

        var register = ((WorksheetPart)workbookPart.GetPartById(sheets[0].Id!)).Worksheet;
        var rows = register.Descendants<Row>().ToList();
        Assert.Single(rows); // no example rows: they would be imported
        var strings = workbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        Assert.Equal(HouseholdRegisterTemplate.Columns, rows[0].Elements<Cell>().Select(c => strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]));

        var guide = string.Join("\n", strings);
        Assert.Contains("文本格式", guide, StringComparison.Ordinal);
        Assert.Contains("yyyy-mm-dd", guide, StringComparison.Ordinal);
        Assert.Contains(HouseholdNames.Of(LocationClass.MountainBorderMinority), guide, StringComparison.Ordinal);
        Assert.Contains(HouseholdNames.Of(ResettlementChoice.MonetaryCompensation), guide, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_PreformatsIdColumnAsTextAndOffersDropDownsForChoices()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(HouseholdRegisterTemplate.Xlsx()), isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
        var idColumn = worksheet.GetFirstChild<Columns>()!.Elements<Column>().Single(c => c.Min!.Value == 3);
        var format = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)idColumn.Style!.Value);
        Assert.Equal(49u, format.NumberFormatId!.Value); // "@", Excel's text format

        var lists = worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
        Assert.Equal("\"城镇规划区内,城镇规划区外,山区、半山区、边疆少数民族地区\"", lists["F2:F5001"]);
        Assert.Equal("\"集中安置,自主建房,货币补偿,其他\"", lists["G2:G5001"]);
    }

    [Fact]
    public void Xlsx_FilledWithThreeRows_ReadsThreeEntriesAndNoErrors()
    {
        var bytes = FillTemplate(Numbered(
            Row("CJ-001", "张三", Id(1), 4, 120.5, "城镇规划区内", "集中安置", 100, new DateOnly(2026, 3, 15), "东头第一户"),
            Row("CJ-001", "李四", Id(2), 3, "98.25", "城镇规划区外", "货币补偿", "", "2026-03-16"),
            Row("CJ-002", "王五", Id(3).ToLowerInvariant(), "6", "200", "山区、半山区、边疆少数民族地区", "自主建房", "150.5", null)));

        var result = ReadXlsx(bytes);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal([2, 3, 4], result.Entries.Select(e => e.Row));
        var first = result.Entries[0];
        Assert.Equal("CJ-001", first.ParcelCode);
        Assert.Equal("张三", first.Data.HeadName);
        Assert.Equal(Id(1), first.Data.IdCard.Value);
        Assert.Equal(4, first.Data.Members);
        Assert.Equal(120.5m, first.Data.HomesteadArea.SquareMetres);
        Assert.Equal(LocationClass.InsidePlanningArea, first.Data.Location);
        Assert.Equal(ResettlementChoice.Concentrated, first.Data.Resettlement);
        Assert.Equal(100m, first.Data.ResettlementPlotArea!.Value.SquareMetres);
        Assert.Equal(new DateOnly(2026, 3, 15), first.ConsentSignedOn);
        Assert.Equal("东头第一户", first.Data.Note);

        var second = result.Entries[1];
        Assert.Equal(ResettlementChoice.MonetaryCompensation, second.Data.Resettlement);
        Assert.Null(second.Data.ResettlementPlotArea);
        Assert.Equal(new DateOnly(2026, 3, 16), second.ConsentSignedOn);
        Assert.Null(second.Data.Note);

        var third = result.Entries[2];
        Assert.Equal(Id(3), third.Data.IdCard.Value); // an x typed in lower case is the same number
        Assert.Equal(LocationClass.MountainBorderMinority, third.Data.Location);
        Assert.Null(third.ConsentSignedOn);
    }

    [Fact]
    public void Xlsx_Unfilled_ReportsThatThereIsNoData()
    {
        var result = ReadXlsx(HouseholdRegisterTemplate.Xlsx());

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Row);
        Assert.Contains("没有农户数据", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_IsUtf8WithBomAndTheHeaderLineOnly()
    {
        var bytes = HouseholdRegisterTemplate.Csv();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(string.Join(',', HouseholdRegisterTemplate.Columns) + "\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Theory]
    [InlineData("UTF-8-BOM")]
    [InlineData("GBK")]
    public void Csv_FilledWithThreeRows_ReadsThreeEntries(string encodingName)
    {
        var text = Encoding.UTF8.GetString(HouseholdRegisterTemplate.Csv()).TrimStart('\uFEFF')
            + CsvLine(Row("CJ-001", "张三", Id(1), 4, "120.5", "城镇规划区内", "集中安置", "100", "2026-03-15", "备注，含逗号"))
            + CsvLine(Row("CJ-001", "李四", Id(2), 3, "98.25", "城镇规划区外", "货币补偿", "", "2026/3/16"))
            + CsvLine(Row("CJ-002", "欧阳娜娜", Id(3), 6, "200", "山区、半山区、边疆少数民族地区", "其他", "", "2026年3月17日"));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var result = encodingName == "GBK"
            ? ReadCsv(text, Encoding.GetEncoding(936), bom: false)
            : ReadCsv(text, new UTF8Encoding(true), bom: true);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(["张三", "李四", "欧阳娜娜"], result.Entries.Select(e => e.Data.HeadName));
        Assert.Equal("备注，含逗号", result.Entries[0].Data.Note);
        Assert.Equal([new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 17)], result.Entries.Select(e => e.ConsentSignedOn!.Value));
        Assert.Equal(LocationClass.MountainBorderMinority, result.Entries[2].Data.Location);
    }
}
