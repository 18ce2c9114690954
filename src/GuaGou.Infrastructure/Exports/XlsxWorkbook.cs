using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GuaGou.Infrastructure.Exports;

/// <summary>How a column shows its numbers: Decimal2 "0.00" (亩), Decimal4 "0.0000" (公顷), Date "yyyy-mm-dd", Money "#,##0.00".</summary>
#pragma warning disable CA1720 // "Integer" is the agreed public name; it describes the display, not a CLR type.
public enum XlsxFormat { Text, Integer, Decimal2, Decimal4, Date, Money }
#pragma warning restore CA1720

/// <summary>One column: header text, number format and width in Excel character units (Chinese needs about 2 per character).</summary>
public sealed record XlsxColumn(string Header, XlsxFormat Format = XlsxFormat.Text, double Width = 14);

/// <summary>One worksheet. <paramref name="Rows"/> is enumerated once, while writing, so it may stream from a query.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<XlsxColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows, string? Title = null);

/// <summary>
/// Writes a plain .xlsx: optional title row, bold filtered header row frozen at the top, one typed cell per value.
/// Strings are always string cells (never formulas), so "=..." from user input cannot run in Excel.
/// Dates are written as their clock time: convert UTC timestamps to Beijing time before passing them in.
/// </summary>
public static partial class XlsxWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MaxCellText = 32_767;
    private const int MaxSheetName = 31;
    private const int MaxRows = 1_048_576;
    private const int MaxColumns = 16_384;

    // Indexes into cellXfs, in the order BuildStylesheet creates them.
    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint DateStyle = 6;
    private static readonly uint[] NumberStyles = [0, 3, 4, 5, DateStyle, 7]; // by XlsxFormat

    /// <summary>Writes the workbook to <paramref name="output"/> (synchronously; the stream is left open).</summary>
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        // System.IO.Packaging needs an empty, readable and seekable stream; anything else (a response body) gets a buffer.
        if (output.CanSeek && output.CanRead && output.Length == 0)
        {
            WritePackage(output, sheets);
            return;
        }

        using var buffer = new MemoryStream();
        WritePackage(buffer, sheets);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    public static byte[] ToBytes(IReadOnlyList<XlsxSheet> sheets)
    {
        using var buffer = new MemoryStream();
        Write(buffer, sheets);
        return buffer.ToArray();
    }

    private static void WritePackage(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStrings();
        var names = UniqueSheetNames(sheets);
        var sheetList = new Sheets();
        var definedNames = new DefinedNames();

        for (var i = 0; i < sheets.Count; i++)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var filter = WriteWorksheet(part, sheets[i], strings, selected: i == 0);
            sheetList.Append(new Sheet { Name = names[i], SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
            // Excel records every autofilter range in this hidden name as well; mirror what it writes.
            definedNames.Append(new DefinedName($"'{names[i].Replace("'", "''", StringComparison.Ordinal)}'!{filter}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = (uint)i,
                Hidden = true,
            });
        }

        strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>());
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = BuildStylesheet();
        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView()), sheetList, definedNames);
    }

    /// <summary>Streams one worksheet (SAX-style, so rows never sit in a DOM) and returns its absolute filter range.</summary>
    private static string WriteWorksheet(WorksheetPart part, XlsxSheet sheet, SharedStrings strings, bool selected)
    {
        var columns = sheet.Columns;
        if (columns.Count is 0 or > MaxColumns)
        {
            throw new ArgumentException($"工作表“{sheet.Name}”的列数必须在 1 到 {MaxColumns} 之间。", nameof(sheet));
        }

        var lastColumn = ColumnName(columns.Count - 1);
        var headerRow = sheet.Title is null ? 1u : 2u;

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());

        var firstDataCell = $"A{headerRow + 1}";
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = headerRow, TopLeftCell = firstDataCell, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstDataCell, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstDataCell } })
        { TabSelected = selected, WorkbookViewId = 0 }));

        writer.WriteStartElement(new Columns());
        for (var c = 0; c < columns.Count; c++)
        {
            var index = (uint)(c + 1);
            writer.WriteElement(new Column { Min = index, Max = index, Width = Math.Clamp(columns[c].Width, 0, 255), CustomWidth = true });
        }

        writer.WriteEndElement();

        writer.WriteStartElement(new SheetData());
        var row = 0u;
        if (sheet.Title is not null)
        {
            writer.WriteStartElement(new Row { RowIndex = ++row });
            writer.WriteElement(TextCell(sheet.Title, TitleStyle, strings, "A1"));
            writer.WriteEndElement();
        }

        writer.WriteStartElement(new Row { RowIndex = ++row });
        for (var c = 0; c < columns.Count; c++)
        {
            writer.WriteElement(TextCell(columns[c].Header, HeaderStyle, strings, CellReference(c, row)));
        }

        writer.WriteEndElement();

        foreach (var values in sheet.Rows)
        {
            if (row == MaxRows || values.Count > MaxColumns)
            {
                throw new InvalidOperationException($"工作表“{sheet.Name}”超出 Excel 的行列上限。");
            }

            writer.WriteStartElement(new Row { RowIndex = ++row });
            for (var c = 0; c < values.Count; c++)
            {
                // Values past the declared columns are still written, as General, rather than silently dropped.
                var format = c < columns.Count ? columns[c].Format : XlsxFormat.Text;
                var cell = ValueCell(values[c], format, strings);
                if (cell is not null)
                {
                    cell.CellReference = CellReference(c, row);
                    writer.WriteElement(cell);
                }
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData

        writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{lastColumn}{row}" });
        if (sheet.Title is not null && columns.Count > 1)
        {
            writer.WriteElement(new MergeCells(new MergeCell { Reference = $"A1:{lastColumn}1" }) { Count = 1 });
        }

        writer.WriteEndElement(); // worksheet
        return $"$A${headerRow}:${lastColumn}${row}";
    }

    private static Cell? ValueCell(object? value, XlsxFormat format, SharedStrings strings) => value switch
    {
        null => null,
        string s => TextCell(s, 0, strings),
        bool b => TextCell(b ? "是" : "否", 0, strings),
        DateOnly d => DateCell(d.ToDateTime(TimeOnly.MinValue), strings),
        DateTime d => DateCell(d, strings),
        DateTimeOffset d => DateCell(d.DateTime, strings), // the clock time in its own offset
        double d => NumberCell(d, format, strings),
        float f => double.IsFinite(f) ? NumberCell(f.ToString(CultureInfo.InvariantCulture), format) : TextCell(f.ToString(CultureInfo.InvariantCulture), 0, strings),
        decimal or int or long or short or byte or sbyte or ushort or uint or ulong =>
            NumberCell(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), format),
        _ => TextCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", 0, strings),
    };

    // NaN and infinities have no Excel representation; writing them as numbers corrupts the file, so they become text.
    private static Cell NumberCell(double value, XlsxFormat format, SharedStrings strings) =>
        double.IsFinite(value)
            ? NumberCell(value.ToString("R", CultureInfo.InvariantCulture), format)
            : TextCell(value.ToString(CultureInfo.InvariantCulture), 0, strings);

    private static Cell NumberCell(string invariantNumber, XlsxFormat format) =>
        new() { StyleIndex = NumberStyles[(int)format], CellValue = new CellValue(invariantNumber) };

    private static Cell DateCell(DateTime value, SharedStrings strings)
    {
        // Serials before 1900-03-01 are skewed by Excel's fictitious 1900-02-29, and earlier ones do not exist: write text.
        if (value < new DateTime(1900, 3, 1, 0, 0, 0, DateTimeKind.Unspecified))
        {
            return TextCell(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 0, strings);
        }

        // Any time of day stays as the fraction; the format only shows the date.
        return new Cell { StyleIndex = DateStyle, CellValue = new CellValue(value.ToOADate().ToString("R", CultureInfo.InvariantCulture)) };
    }

    private static Cell TextCell(string text, uint style, SharedStrings strings, string? reference = null) => new()
    {
        CellReference = reference,
        DataType = CellValues.SharedString,
        StyleIndex = style,
        CellValue = new CellValue(strings.Add(text)),
    };

    private static string CellReference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Excel's sheet-name rules: 1-31 characters, none of []:*?/\, no edge apostrophe, unique ignoring case.</summary>
    private static string[] UniqueSheetNames(IReadOnlyList<XlsxSheet> sheets)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "History" }; // reserved by Excel
        var names = new string[sheets.Count];
        for (var i = 0; i < sheets.Count; i++)
        {
            var name = new StringBuilder(StripInvalidXml(sheets[i].Name ?? ""));
            foreach (var ch in "[]:*?/\\")
            {
                name.Replace(ch, '_');
            }

            var baseName = FitSheetName(name.ToString(), MaxSheetName);
            if (baseName.Length == 0)
            {
                baseName = $"Sheet{i + 1}";
            }

            var candidate = baseName;
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = $" ({n})";
                candidate = FitSheetName(baseName, MaxSheetName - suffix.Length) + suffix;
            }

            names[i] = candidate;
        }

        return names;
    }

    private static string FitSheetName(string name, int maxLength) => Truncate(name.Trim().Trim('\''), maxLength).TrimEnd().TrimEnd('\'');

    private static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary>Removes characters XML 1.0 cannot carry (C0 controls except tab/CR/LF, lone surrogates, U+FFFE/U+FFFF).</summary>
    private static string StripInvalidXml(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsSurrogatePair(text, i);
            var valid = pair || text[i] is '\t' or '\n' or '\r' or (>= ' ' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');
            if (!valid)
            {
                kept ??= new StringBuilder(text.Length).Append(text, 0, i);
            }
            else
            {
                kept?.Append(text, i, pair ? 2 : 1);
            }

            if (pair)
            {
                i++;
            }
        }

        return kept?.ToString() ?? text;
    }

    /// <summary>Cell text as Excel needs it: valid XML, at most 32,767 characters, and a literal "_xHHHH_" escaped so Excel does not decode it.</summary>
    private static string CleanCellText(string text)
    {
        var result = Truncate(StripInvalidXml(text), MaxCellText);
        return result.Contains("_x", StringComparison.Ordinal) ? EscapeSequenceStart().Replace(result, "_x005F_") : result;
    }

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)")]
    private static partial Regex EscapeSequenceStart();

    private static Stylesheet BuildStylesheet()
    {
        static Font MakeFont(double size, bool bold)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            // 宋体 with the GB2312 charset is what Chinese Excel and WPS both have everywhere.
            font.Append(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
            return font;
        }

        static CellFormat Xf(uint numberFormat, uint font = 0, uint fill = 0, bool centered = false)
        {
            var xf = new CellFormat
            {
                NumberFormatId = numberFormat,
                FontId = font,
                FillId = fill,
                BorderId = 0,
                FormatId = 0,
                ApplyNumberFormat = numberFormat != 0,
                ApplyFont = font != 0,
                ApplyFill = fill != 0,
            };
            if (centered)
            {
                xf.Append(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center });
                xf.ApplyAlignment = true;
            }

            return xf;
        }

        // Built-in ids: 1 "0", 2 "0.00", 4 "#,##0.00"; the others need custom ids from 164 up.
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0000" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" })
            { Count = 2 },
            new Fonts(MakeFont(11, bold: false), MakeFont(11, bold: true), MakeFont(16, bold: true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Xf(0),                                   // 0 General / text
                Xf(0, font: 2, centered: true),          // 1 title
                Xf(0, font: 1, fill: 2, centered: true), // 2 header
                Xf(1),                                   // 3 Integer
                Xf(2),                                   // 4 Decimal2
                Xf(164),                                 // 5 Decimal4
                Xf(165),                                 // 6 Date
                Xf(4))                                   // 7 Money
            { Count = 8 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>The shared-string table, filled while sheets stream and written once at the end.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly List<string> items = [];
        private uint references;

        public string Add(string text)
        {
            references++;
            var clean = CleanCellText(text ?? "");
            if (!index.TryGetValue(clean, out var i))
            {
                i = items.Count;
                index.Add(clean, i);
                items.Add(clean);
            }

            return i.ToString(CultureInfo.InvariantCulture);
        }

        public void WriteTo(SharedStringTablePart part)
        {
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new SharedStringTable { Count = references, UniqueCount = (uint)items.Count });
            foreach (var item in items)
            {
                var text = new Text(item);
                if (item.Length > 0 && (char.IsWhiteSpace(item[0]) || char.IsWhiteSpace(item[^1])))
                {
                    text.Space = SpaceProcessingModeValues.Preserve; // otherwise Excel trims the spaces
                }

                writer.WriteElement(new SharedStringItem(text));
            }

            writer.WriteEndElement();
        }
    }
}
