namespace GuaGou.Infrastructure.Households.Register;

/// <summary>One cell as read from the file: its text, and whether Excel stored it as a number (the raw invariant value).</summary>
internal readonly record struct SheetCell(string? Raw, bool IsNumber)
{
    public string Text => Raw ?? "";

    public bool IsBlank => string.IsNullOrWhiteSpace(Raw);
}

/// <summary>A non-empty row and its number as the user sees it (Excel's row number, or the CSV record number).</summary>
internal sealed record SheetRow(int Number, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : default;

    public static bool IsEmpty(IEnumerable<SheetCell> cells) => cells.All(c => c.IsBlank);
}

/// <summary>
/// The non-empty rows of the chosen sheet, in order. <paramref name="Truncated"/>: the source stopped early because
/// there were more rows than any acceptable file has. <paramref name="Date1904"/>: the workbook counts serial dates from 1904.
/// </summary>
internal sealed record SheetContent(IReadOnlyList<SheetRow> Rows, bool Truncated, bool Date1904 = false);
