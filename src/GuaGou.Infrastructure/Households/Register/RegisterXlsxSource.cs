using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>
/// Reads the cell values of one worksheet. The package is opened with the OpenXML SDK, but the sheet and the shared
/// strings are streamed with an XmlReader one row at a time, so a huge or hostile file cannot be loaded whole.
/// Elements are matched by local name, which also reads files written in the Strict namespace.
/// </summary>
internal static partial class RegisterXlsxSource
{
    public const string Corrupt = "无法读取该 .xlsx 文件：文件已损坏，或不是 Excel 工作簿。请在 Excel 中打开并重新保存后再上传。";

    // Generous for 5 000 rows; stops a shared-string table that decompresses to gigabytes.
    private const long MaxSharedStringChars = 50_000_000;
    private const int MaxColumns = 16_384;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Returns a Chinese error message, or null and the content.</summary>
    public static string? TryRead(byte[] bytes, string preferredSheet, int maxRows, out SheetContent content)
    {
        content = new SheetContent([], false);
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook is null)
            {
                return Corrupt;
            }

            var worksheet = ChooseSheet(workbookPart, preferredSheet);
            if (worksheet is null)
            {
                return "工作簿中没有工作表。";
            }

            var strings = ReadSharedStrings(workbookPart.SharedStringTablePart);
            if (strings is null)
            {
                return "工作簿中的文字内容过多，无法读取。";
            }

            var date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value == true;
            var (rows, truncated) = ReadRows(worksheet, strings, maxRows);
            content = new SheetContent(rows, truncated, date1904);
            return null;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return Corrupt;
        }
    }

    // What a damaged or foreign ZIP raises inside the packaging layer, the SDK or the XML reader.
    private static bool IsUnreadable(Exception ex) =>
        ex is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
            or InvalidOperationException or NotSupportedException or ArgumentException or KeyNotFoundException or InvalidCastException;

    /// <summary>The sheet named like the template if there is one, else the first visible worksheet, else the first.</summary>
    private static WorksheetPart? ChooseSheet(WorkbookPart workbookPart, string preferredSheet)
    {
        var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>()
            .Select(s => (Sheet: s, Part: s.Id?.Value is { } id ? workbookPart.GetPartById(id) as WorksheetPart : null))
            .Where(s => s.Part is not null)
            .ToList() ?? [];
        var chosen = sheets.FirstOrDefault(s => s.Sheet.Name?.Value?.Trim() == preferredSheet).Part
            ?? sheets.FirstOrDefault(s => s.Sheet.State is null || s.Sheet.State.Value == SheetStateValues.Visible).Part;
        return chosen ?? sheets.FirstOrDefault().Part;
    }

    private static List<string>? ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        long total = 0;
        using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                var text = RichText((XElement)XNode.ReadFrom(reader));
                total += text.Length;
                if (total > MaxSharedStringChars)
                {
                    return null;
                }

                strings.Add(text);
            }
            else
            {
                reader.Read();
            }
        }

        return strings;
    }

    private static (List<SheetRow> Rows, bool Truncated) ReadRows(WorksheetPart part, List<string> strings, int maxRows)
    {
        var rows = new List<SheetRow>();
        var rowNumber = 0;
        using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                reader.Read();
                continue;
            }

            // One row at a time into a tiny DOM; ReadFrom leaves the reader after the row.
            var row = (XElement)XNode.ReadFrom(reader);
            rowNumber = int.TryParse((string?)row.Attribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                ? r
                : rowNumber + 1;
            var cells = ReadCells(row, strings);
            if (SheetRow.IsEmpty(cells))
            {
                continue; // Excel keeps formatted-but-empty rows; they are not data.
            }

            if (rows.Count == maxRows)
            {
                return (rows, true);
            }

            rows.Add(new SheetRow(rowNumber, cells));
        }

        return (rows, false);
    }

    private static SheetCell[] ReadCells(XElement row, List<string> strings)
    {
        var values = new List<(int Column, SheetCell Cell)>();
        var column = -1;
        foreach (var c in row.Elements().Where(e => e.Name.LocalName == "c"))
        {
            // A missing reference means "the next column"; gaps between references are empty cells.
            column = ColumnIndex((string?)c.Attribute("r")) ?? column + 1;
            if (column >= MaxColumns)
            {
                break;
            }

            values.Add((column, ReadCell(c, strings)));
        }

        var cells = new SheetCell[values.Count == 0 ? 0 : values.Max(v => v.Column) + 1];
        foreach (var (index, cell) in values)
        {
            cells[index] = cell;
        }

        return cells;
    }

    private static SheetCell ReadCell(XElement c, List<string> strings)
    {
        var value = c.Elements().FirstOrDefault(e => e.Name.LocalName == "v")?.Value;
        switch ((string?)c.Attribute("t"))
        {
            case "s":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= strings.Count)
                {
                    throw new InvalidDataException("Shared string index out of range.");
                }

                return new SheetCell(strings[index], false);
            case "inlineStr":
                var inline = c.Elements().FirstOrDefault(e => e.Name.LocalName == "is");
                return new SheetCell(inline is null ? value : RichText(inline), false);
            case "b":
                return new SheetCell(value is null ? null : value == "1" ? "TRUE" : "FALSE", false);
            case "d":
                // ISO 8601 date cells (rare; Excel itself writes serial numbers): keep the date part as text.
                return new SheetCell(DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : value, false);
            case "str" or "e":
                return new SheetCell(value, false); // a formula's text result, or an error such as #N/A
            default:
                return string.IsNullOrEmpty(value) ? default : new SheetCell(value.Trim(), true);
        }
    }

    /// <summary>Plain or rich text; phonetic runs (rPh) are annotations, not part of the value.</summary>
    private static string RichText(XElement item)
    {
        var text = new StringBuilder();
        foreach (var t in item.Descendants().Where(e => e.Name.LocalName == "t"))
        {
            if (!t.Ancestors().TakeWhile(a => a != item).Any(a => a.Name.LocalName == "rPh"))
            {
                text.Append(t.Value);
            }
        }

        var result = text.ToString();
        return result.Contains("_x", StringComparison.Ordinal) ? EscapedCharacter().Replace(result, Unescape) : result;
    }

    // Excel writes characters XML cannot hold (and a literal "_x") as _xHHHH_.
    private static string Unescape(Match match) =>
        ((char)int.Parse(match.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex EscapedCharacter();

    /// <summary>"AB12" → 27; null when the reference has no valid column letters.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (upper - 'A' + 1);
            if (++letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : index - 1;
    }
}
