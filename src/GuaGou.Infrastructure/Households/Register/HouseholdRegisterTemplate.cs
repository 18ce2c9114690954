using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Exports;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>The downloadable blank register: the columns the reader expects, as .xlsx (with a guidance sheet) or .csv.</summary>
public static class HouseholdRegisterTemplate
{
    public const string SheetName = "农户登记表";
    public const string GuideSheetName = "填写说明";

    public const string ParcelCode = "地块编号";
    public const string HeadName = "户主姓名";
    public const string IdCard = "身份证号码";
    public const string Members = "家庭人口";
    public const string HomesteadArea = "现宅基地面积（平方米）";
    public const string Location = "区位";
    public const string Resettlement = "安置方式";
    public const string PlotArea = "安置宅基地面积（平方米）";
    public const string ConsentDate = "同意书签署日期";
    public const string Note = "备注";

    public static IReadOnlyList<string> Columns { get; } =
        [ParcelCode, HeadName, IdCard, Members, HomesteadArea, Location, Resettlement, PlotArea, ConsentDate, Note];

    /// <summary>Columns that must be present in the header and filled in every row.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
        [ParcelCode, HeadName, IdCard, Members, HomesteadArea, Location, Resettlement];

    private static readonly XlsxColumn[] SheetColumns =
    [
        new(ParcelCode, XlsxFormat.Text, 16),
        new(HeadName, XlsxFormat.Text, 12),
        new(IdCard, XlsxFormat.Text, 24),
        new(Members, XlsxFormat.Integer, 10),
        new(HomesteadArea, XlsxFormat.Decimal2, 24),
        new(Location, XlsxFormat.Text, 32),
        new(Resettlement, XlsxFormat.Text, 12),
        new(PlotArea, XlsxFormat.Decimal2, 26),
        new(ConsentDate, XlsxFormat.Date, 16),
        new(Note, XlsxFormat.Text, 30),
    ];

    public static byte[] Xlsx()
    {
        // No example rows on the register sheet: anything there would be imported. Guidance lives on its own sheet.
        var bytes = XlsxWorkbook.ToBytes(
        [
            new XlsxSheet(SheetName, SheetColumns, []),
            new XlsxSheet(GuideSheetName,
                [new XlsxColumn("列名", Width: 26), new XlsxColumn("是否必填", Width: 10), new XlsxColumn("填写要求", Width: 90)],
                GuideRows()),
        ]);
        return AddEntryHelp(bytes);
    }

    /// <summary>The header line only, UTF-8 with a BOM so that Excel opens the Chinese correctly.</summary>
    public static byte[] Csv()
    {
        var line = string.Join(',', Columns) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(line)];
    }

    private static string Quoted(IEnumerable<string> names) => string.Concat(names.Select(n => $"「{n}」"));

    internal static string LocationNames => Quoted(Enum.GetValues<LocationClass>().Select(HouseholdNames.Of));

    internal static string ResettlementNames => Quoted(Enum.GetValues<ResettlementChoice>().Select(HouseholdNames.Of));

    private static IEnumerable<IReadOnlyList<object?>> GuideRows()
    {
        const string Yes = "必填";
        const string No = "选填";
        return
        [
            [ParcelCode, Yes, "农户所在拆旧地块的编号，须与系统中已登记的地块编号一致。"],
            [HeadName, Yes, "户主的姓名。"],
            [IdCard, Yes, "户主的 18 位居民身份证号码，最后一位可以是 X。本列必须为文本格式：数字格式会把末几位变成 0，导入时将报错。"],
            [Members, Yes, "家庭人口数，填整数，如 4。"],
            [HomesteadArea, Yes, "现有宅基地面积，单位平方米，可带两位小数，如 120.5。"],
            [Location, Yes, $"只能填写以下之一：{LocationNames}。"],
            [Resettlement, Yes, $"只能填写以下之一：{ResettlementNames}。"],
            [PlotArea, No, "安置宅基地面积，单位平方米，可带两位小数。安置方式为集中安置或自主建房时须填写；货币补偿时留空。"],
            [ConsentDate, No, "权属方同意书的签署日期，格式 yyyy-mm-dd，如 2026-03-15（也可写 2026/3/15 或 2026年3月15日）。未签署的留空。"],
            [Note, No, "其他需要说明的情况。"],
            [],
            ["说明", null, $"1. 请在「{SheetName}」工作表中填写，每行一户；第 1 行为表头，请勿修改、删除列名，列的顺序可以调整。"],
            [null, null, $"2. 每个文件最多 {HouseholdRegisterReader.MaxDataRows} 户；空行会被忽略。"],
            [null, null, "3. 也可以另存为 CSV（逗号分隔，UTF-8 或 GBK 编码）后上传，表头与本表相同。"],
            [null, null, "4. 导入时会逐行检查，发现任何错误则整个文件都不导入，并列出每个错误所在的行和列。"],
        ];
    }

    /// <summary>
    /// Makes typing into the blank sheet safe: the ID column is preformatted as text (so Excel keeps all 18 digits),
    /// number and date columns carry their formats, and 区位/安置方式 offer drop-down lists of the allowed values.
    /// </summary>
    private static byte[] AddEntryHelp(byte[] workbook)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbookPart = document.WorkbookPart!;
            var stylesheet = workbookPart.WorkbookStylesPart!.Stylesheet;
            var styles = new Dictionary<XlsxFormat, uint>
            {
                [XlsxFormat.Text] = AddCellFormat(stylesheet, 49), // "@"
                [XlsxFormat.Integer] = AddCellFormat(stylesheet, 1), // "0"
                [XlsxFormat.Decimal2] = AddCellFormat(stylesheet, 2), // "0.00"
                [XlsxFormat.Date] = AddCellFormat(stylesheet, AddNumberFormat(stylesheet, "yyyy-mm-dd")),
            };
            stylesheet.Save();

            // Column defaults apply to the cells the user types; the header row keeps its own style.
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == SheetName);
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
            var columns = worksheet.GetFirstChild<Columns>()!.Elements<Column>().ToList();
            for (var i = 0; i < columns.Count; i++)
            {
                // Only the ID column is forced to text: the other text columns stay General, as a typed parcel code may be a number.
                if (Columns[i] == IdCard)
                {
                    columns[i].Style = styles[XlsxFormat.Text];
                }
                else if (SheetColumns[i].Format != XlsxFormat.Text && styles.TryGetValue(SheetColumns[i].Format, out var style))
                {
                    columns[i].Style = style;
                }
            }

            var lastRow = HouseholdRegisterReader.MaxDataRows + 1;
            worksheet.InsertAfter(
                new DataValidations(
                    ListValidation(ColumnLetter(Location), lastRow, Enum.GetValues<LocationClass>().Select(HouseholdNames.Of)),
                    ListValidation(ColumnLetter(Resettlement), lastRow, Enum.GetValues<ResettlementChoice>().Select(HouseholdNames.Of)))
                { Count = 2 },
                worksheet.GetFirstChild<AutoFilter>());
            worksheet.Save();
        }

        return stream.ToArray();
    }

    private static uint AddCellFormat(Stylesheet stylesheet, uint numberFormatId)
    {
        var cellFormats = stylesheet.CellFormats!;
        cellFormats.Append(new CellFormat { NumberFormatId = numberFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true });
        cellFormats.Count = (uint)cellFormats.ChildElements.Count;
        return cellFormats.Count - 1;
    }

    private static uint AddNumberFormat(Stylesheet stylesheet, string code)
    {
        var formats = stylesheet.NumberingFormats ?? stylesheet.InsertAt(new NumberingFormats(), 0);
        var existing = formats.Elements<NumberingFormat>().FirstOrDefault(f => f.FormatCode?.Value == code);
        if (existing?.NumberFormatId?.Value is { } id)
        {
            return id;
        }

        // Custom formats are numbered from 164 up; built-in ids are below.
        var next = Math.Max(164u, formats.Elements<NumberingFormat>().Select(f => f.NumberFormatId?.Value ?? 0u).DefaultIfEmpty(0u).Max() + 1);
        formats.Append(new NumberingFormat { NumberFormatId = next, FormatCode = code });
        formats.Count = (uint)formats.ChildElements.Count;
        return next;
    }

    private static DataValidation ListValidation(string column, int lastRow, IEnumerable<string> values) => new(
        new Formula1($"\"{string.Join(',', values)}\""))
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowInputMessage = true,
        ShowErrorMessage = true,
        ErrorTitle = "填写有误",
        Error = "请从下拉列表中选择。",
        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{lastRow}" },
    };

    private static string ColumnLetter(string column) => ((char)('A' + Columns.TakeWhile(c => c != column).Count())).ToString();
}
