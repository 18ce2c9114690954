using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Infrastructure.Households.Register.HouseholdRegisterTemplate;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>
/// Reads an uploaded 农户登记表 (.xlsx or .csv) into household data, collecting every problem with its row and column.
/// It only parses and converts: the domain's rules (members range, plot needed for 集中安置, …) are checked when the
/// households are registered, so they are never duplicated here.
/// </summary>
public static class HouseholdRegisterReader
{
    public const int MaxDataRows = 5_000;
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public const string NotXlsxOrCsv = "文件不是 .xlsx 或 .csv 格式。";

    // A title line or two above the header is common in county spreadsheets; look a little way down for the header.
    private const int HeaderSearchRows = 10;
    private const int HeaderMinimumMatches = 3;

    private static readonly Dictionary<string, string> HeaderNames = BuildHeaderNames();

    public static RegisterParseResult Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = ReadAll(content);
        if (bytes is null)
        {
            return RegisterParseResult.Fail($"文件超过 {MaxFileBytes / 1024 / 1024} MB，请分成多个文件导入。");
        }

        if (bytes.Length == 0)
        {
            return RegisterParseResult.Fail("文件是空的。");
        }

        // The content decides, not the name: a renamed file is still read for what it is.
        ReadOnlySpan<byte> head = bytes;
        string? error;
        SheetContent sheet;
        var rowBudget = MaxDataRows + HeaderSearchRows;
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            error = RegisterXlsxSource.TryRead(bytes, SheetName, rowBudget, out sheet);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE compound file: an old .xls, or an .xlsx saved with a password (Excel wraps those the same way).
            var hint = (fileName ?? "").EndsWith(".xls", StringComparison.OrdinalIgnoreCase)
                ? "旧版 .xls 文件请在 Excel 中另存为 .xlsx 后再上传。"
                : "这可能是旧版 .xls 文件或设置了打开密码的工作簿，请在 Excel 中另存为不加密的 .xlsx 后再上传。";
            return RegisterParseResult.Fail(NotXlsxOrCsv + hint);
        }
        else
        {
            error = RegisterCsvSource.TryRead(bytes, rowBudget, out sheet);
        }

        return error is null ? Validate(sheet) : RegisterParseResult.Fail(error);
    }

    private static byte[]? ReadAll(Stream content)
    {
        if (content.CanSeek && content.Length - content.Position > MaxFileBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static RegisterParseResult Validate(SheetContent sheet)
    {
        if (sheet.Rows.Count == 0)
        {
            return RegisterParseResult.Fail("文件中没有内容。");
        }

        var headerIndex = FindHeader(sheet.Rows);
        var header = sheet.Rows[headerIndex];
        var errors = new List<RegisterError>();
        var columns = MapColumns(header, errors);
        foreach (var missing in RequiredColumns.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new RegisterError(0, "", $"表头（第 {header.Number} 行）缺少「{missing}」列。"));
        }

        if (errors.Count > 0)
        {
            return new RegisterParseResult([], errors);
        }

        var dataRows = sheet.Rows.Count - headerIndex - 1;
        if (sheet.Truncated || dataRows > MaxDataRows)
        {
            return RegisterParseResult.Fail($"数据超过 {MaxDataRows} 行，请分成多个文件导入。");
        }

        if (dataRows == 0)
        {
            return RegisterParseResult.Fail("表头下方没有农户数据。");
        }

        var entries = new List<RegisterEntry>(dataRows);
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = headerIndex + 1; i < sheet.Rows.Count; i++)
        {
            var entry = new RowReader(sheet.Rows[i], columns, sheet.Date1904, firstRowOfId, errors).Read();
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new RegisterParseResult(entries, errors);
    }

    /// <summary>The first row (among the first few) that carries at least three of our column names; else the first row.</summary>
    private static int FindHeader(IReadOnlyList<SheetRow> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            var matches = rows[i].Cells.Select(c => CanonicalHeader(c.Text)).Where(n => n is not null).Distinct().Count();
            if (matches >= HeaderMinimumMatches)
            {
                return i;
            }
        }

        return 0;
    }

    private static Dictionary<string, int> MapColumns(SheetRow header, List<RegisterError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (CanonicalHeader(header.Cells[i].Text) is not { } name)
            {
                continue; // extra columns (序号, 联系电话, …) are allowed and ignored
            }

            if (!columns.TryAdd(name, i))
            {
                errors.Add(new RegisterError(0, "", $"表头（第 {header.Number} 行）中「{name}」列出现了不止一次。"));
            }
        }

        return columns;
    }

    /// <summary>
    /// Header text is compared without spaces, with half-width parentheses read as full-width and without a unit
    /// suffix, so "现宅基地面积", "现宅基地面积(平方米)" and "现宅基地面积（平方米）" are the same column.
    /// </summary>
    private static string? CanonicalHeader(string text) => HeaderNames.GetValueOrDefault(HeaderKey(text));

    private static string HeaderKey(string text)
    {
        var key = new string([.. RegisterValues.Clean(text).Where(c => !char.IsWhiteSpace(c))])
            .Replace('(', '（').Replace(')', '）').TrimStart('*', '＊');
        foreach (var unit in new[] { "（平方米）", "（m²）", "（m2）", "（㎡）", "（人）" })
        {
            if (key.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                return key[..^unit.Length];
            }
        }

        return key;
    }

    private static Dictionary<string, string> BuildHeaderNames()
    {
        var names = Columns.ToDictionary(HeaderKey, c => c, StringComparer.Ordinal);
        names.TryAdd("身份证号", IdCard);
        names.TryAdd("户主身份证号码", IdCard);
        names.TryAdd("户主身份证号", IdCard);
        names.TryAdd("权属方同意书签署日期", ConsentDate);
        return names;
    }

    /// <summary>Label inside a message: the column name without its unit.</summary>
    private static string Label(string column) => HeaderKey(column);

    private static string Shown(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 30), "…");

    /// <summary>Reads one data row: every cell is checked, every problem recorded, and an entry made only when there were none.</summary>
    private sealed class RowReader(SheetRow row, Dictionary<string, int> columns, bool date1904, Dictionary<string, int> firstRowOfId,
        List<RegisterError> errors)
    {
        private bool failed;

        public RegisterEntry? Read()
        {
            var parcel = RequiredText(ParcelCode);
            var name = RequiredText(HeadName);
            var id = IdNumber();
            var members = Integer(Members);
            var homestead = AreaOf(HomesteadArea, required: true);
            var location = Choice<LocationClass>(Location, LocationNames);
            var resettlement = Choice<ResettlementChoice>(Resettlement, ResettlementNames);
            var plot = AreaOf(PlotArea, required: false);
            var consent = Date(ConsentDate);
            var note = RegisterValues.Text(Cell(Note)) is { Length: > 0 } text ? text : null;

            if (failed)
            {
                return null;
            }

            var data = new HouseholdData(name!, id!.Value, members!.Value, homestead!.Value, location!.Value, resettlement!.Value, plot, note);
            return new RegisterEntry(row.Number, parcel!, data, consent);
        }

        private SheetCell Cell(string column) => columns.TryGetValue(column, out var index) ? row[index] : default;

        private void Error(string column, string message)
        {
            errors.Add(new RegisterError(row.Number, column, message));
            failed = true;
        }

        private string? RequiredText(string column)
        {
            var text = RegisterValues.Text(Cell(column));
            if (text.Length == 0)
            {
                Error(column, $"请填写{Label(column)}。");
                return null;
            }

            return text;
        }

        private IdCardNumber? IdNumber()
        {
            var cell = Cell(IdCard);
            var text = RegisterValues.Clean(cell.Text).TrimStart('\'');
            if (text.Length == 0)
            {
                Error(IdCard, $"请填写{IdCard}。");
                return null;
            }

            // 18 digits are more than a double holds: Excel keeps 15 and the rest become 0, so the number is already wrong.
            if (cell.IsNumber || RegisterValues.LooksLikeScientific(text))
            {
                Error(IdCard, "身份证号码应以文本格式填写（数字格式会丢失末位），请将该列设为文本格式后重新录入。");
                return null;
            }

            IdCardNumber id;
            try
            {
                id = IdCardNumber.Parse(text);
            }
            catch (DomainException ex)
            {
                Error(IdCard, ex.Message);
                return null;
            }

            if (firstRowOfId.TryGetValue(id.Value, out var first))
            {
                Error(IdCard, $"与第 {first} 行的身份证号码重复。");
            }
            else
            {
                firstRowOfId.Add(id.Value, row.Number);
            }

            return id;
        }

        private int? Integer(string column)
        {
            var cell = Cell(column);
            if (cell.IsBlank)
            {
                Error(column, $"请填写{Label(column)}。");
                return null;
            }

            if (!RegisterValues.TryInteger(cell, out var value))
            {
                Error(column, $"{Label(column)}应填写整数，如 4（现为「{Shown(RegisterValues.Text(cell))}」）。");
                return null;
            }

            return value;
        }

        private Area? AreaOf(string column, bool required)
        {
            var cell = Cell(column);
            if (cell.IsBlank)
            {
                if (required)
                {
                    Error(column, $"请填写{Label(column)}。");
                }

                return null;
            }

            if (!RegisterValues.TryDecimal(cell, out var squareMetres))
            {
                Error(column, $"{Label(column)}应填写以平方米为单位的数字，如 120.5（现为「{Shown(RegisterValues.Text(cell))}」）。");
                return null;
            }

            try
            {
                return Area.FromSquareMetres(squareMetres);
            }
            catch (DomainException ex)
            {
                Error(column, ex.Message);
                return null;
            }
        }

        private T? Choice<T>(string column, string allowed) where T : struct, Enum
        {
            var text = RegisterValues.Text(Cell(column));
            if (text.Length == 0)
            {
                Error(column, $"请填写{Label(column)}，可选：{allowed}。");
                return null;
            }

            if (!HouseholdNames.TryParse<T>(text, out var value))
            {
                Error(column, $"「{Shown(text)}」不是可选的{Label(column)}，应为以下之一：{allowed}。");
                return null;
            }

            return value;
        }

        private DateOnly? Date(string column)
        {
            var cell = Cell(column);
            if (cell.IsBlank)
            {
                return null;
            }

            if (!RegisterValues.TryDate(cell, date1904, out var date))
            {
                Error(column, $"「{Shown(RegisterValues.Text(cell))}」不是有效的日期，请按 yyyy-mm-dd 填写，如 2026-03-15。");
                return null;
            }

            return date;
        }
    }
}
