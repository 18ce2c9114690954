using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Households.Register;

namespace GuaGou.Web.Tests.Households.Register;

/// <summary>Builds real register files for the tests: valid ID numbers, xlsx written with the OpenXML SDK, CSV text.</summary>
internal static class RegisterTestFiles
{
    public static readonly string[] Header = [.. HouseholdRegisterTemplate.Columns];

    /// <summary>A valid ID number, different for each n: birth date 1950-01-01 plus n days, sequence 001.</summary>
    public static string Id(int n)
    {
        var body = "360421" + new DateOnly(1950, 1, 1).AddDays(n).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "001";
        return body + IdCardNumber.CheckCharacterFor(body);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string IdWithBadCheck(int n)
    {
        var id = Id(n);
        return id[..17] + (id[17] == '1' ? '2' : '1');
    }

    /// <summary>A row in template column order; the values are strings except where a test needs a number.</summary>
    public static object?[] Row(string parcel, string name, object? id, object? members = null, object? area = null, string location = "城镇规划区外",
        string resettlement = "集中安置", object? plot = null, object? consent = null, string? note = null) =>
        [parcel, name, id, members ?? "4", area ?? "120.5", location, resettlement, plot ?? "100", consent, note];

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);

    public static RegisterParseResult ReadXlsx(byte[] bytes) => HouseholdRegisterReader.Read(Stream(bytes), "农户登记表.xlsx");

    public static RegisterParseResult ReadCsv(string text, Encoding? encoding = null, bool bom = true)
    {
        encoding ??= new UTF8Encoding(false);
        byte[] bytes = bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);
        return HouseholdRegisterReader.Read(Stream(bytes), "农户登记表.csv");
    }

    public static string CsvLine(IEnumerable<object?> values) =>
        string.Join(',', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").Select(Quote)) + "\r\n";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>
    /// Writes the given rows (row number → values) below the template's header on its register sheet, as Excel would
    /// store typed values: strings inline, numbers as numbers, DateOnly as a serial number, null as no cell at all.
    /// </summary>
    public static byte[] FillTemplate(IEnumerable<(uint Row, object?[] Values)> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(HouseholdRegisterTemplate.Xlsx());
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbookPart = document.WorkbookPart!;
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == HouseholdRegisterTemplate.SheetName);
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
            var data = worksheet.GetFirstChild<SheetData>()!;
            foreach (var (number, values) in rows)
            {
                data.Append(MakeRow(number, values, sharedStrings: null));
            }

            worksheet.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A one-sheet workbook from scratch, strings in a shared-string table (Excel's usual way).</summary>
    public static byte[] Workbook(IEnumerable<(uint Row, object?[] Values)> rows, string sheetName = "Sheet1", bool withReferences = true)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var strings = new List<string>();
            var data = new SheetData();
            foreach (var (number, values) in rows)
            {
                var row = MakeRow(number, values, strings);
                if (!withReferences)
                {
                    row.RowIndex = null;
                    foreach (var cell in row.Elements<Cell>())
                    {
                        cell.CellReference = null;
                    }
                }

                data.Append(row);
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(data);
            var stringPart = workbookPart.AddNewPart<SharedStringTablePart>();
            stringPart.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) }));
        }

        return stream.ToArray();
    }

    public static IEnumerable<(uint Row, object?[] Values)> Numbered(params object?[][] rows) =>
        rows.Select((values, i) => ((uint)(i + 2), values));

    private static Row MakeRow(uint number, object?[] values, List<string>? sharedStrings)
    {
        var row = new Row { RowIndex = number };
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] is not { } value)
            {
                continue; // a gap: Excel writes no element for an empty cell
            }

            var cell = new Cell { CellReference = (char)('A' + c) + number.ToString(CultureInfo.InvariantCulture) };
            switch (value)
            {
                case string s when sharedStrings is not null:
                    cell.DataType = CellValues.SharedString;
                    cell.CellValue = new CellValue(sharedStrings.Count.ToString(CultureInfo.InvariantCulture));
                    sharedStrings.Add(s);
                    break;
                case string s:
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve });
                    break;
                case DateOnly d:
                    cell.CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                    break;
            }

            row.Append(cell);
        }

        return row;
    }
}
