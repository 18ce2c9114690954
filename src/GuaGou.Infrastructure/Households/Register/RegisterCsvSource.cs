using System.Text;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>
/// Reads a CSV register (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) as Excel would show it:
/// one row per record, numbered from 1, blank lines counted but skipped.
/// </summary>
internal static class RegisterCsvSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns a Chinese error message, or null and the content.</summary>
    public static string? TryRead(byte[] bytes, int maxRows, out SheetContent content)
    {
        content = new SheetContent([], false);
        var text = Decode(bytes);
        if (text is null || !LooksLikeText(text))
        {
            return HouseholdRegisterReader.NotXlsxOrCsv;
        }

        var delimiter = ChooseDelimiter(text);
        var rows = new List<SheetRow>();
        var fields = new List<SheetCell>();
        var field = new StringBuilder();
        var record = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    field.Append(ch); // a line break inside quotes stays in the cell: Excel shows the record as one row
                }

                i++;
                continue;
            }

            if (ch == '"' && field.Length == 0)
            {
                quoted = true; // a quote only opens a quoted field at its start; elsewhere it is literal, as Excel reads it
            }
            else if (ch == delimiter)
            {
                fields.Add(Cell(field));
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(Cell(field));
                if (!AddRow(rows, record, fields, maxRows))
                {
                    content = new SheetContent(rows, true);
                    return null;
                }

                record++;
            }
            else
            {
                field.Append(ch);
            }

            i++;
        }

        if (quoted)
        {
            return $"第 {record} 行有未闭合的引号，文件可能不完整。";
        }

        fields.Add(Cell(field));
        var complete = AddRow(rows, record, fields, maxRows);
        content = new SheetContent(rows, !complete);
        return null;
    }

    /// <summary>Adds the finished record unless it is blank; false when the row limit is already reached.</summary>
    private static bool AddRow(List<SheetRow> rows, int number, List<SheetCell> fields, int maxRows)
    {
        var cells = fields.ToArray();
        fields.Clear();
        if (SheetRow.IsEmpty(cells))
        {
            return true;
        }

        if (rows.Count == maxRows)
        {
            return false;
        }

        rows.Add(new SheetRow(number, cells));
        return true;
    }

    private static SheetCell Cell(StringBuilder field)
    {
        var value = field.ToString();
        field.Clear();

        // ="0123" is the usual trick to keep leading zeros and long numbers as text in a CSV.
        if (value.Length >= 3 && value.StartsWith("=\"", StringComparison.Ordinal) && value.EndsWith('"'))
        {
            value = value[2..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return new SheetCell(value, false);
    }

    /// <summary>Comma as RFC 4180 says; tab when the first line has tabs and no commas (Excel's "Unicode text").</summary>
    private static char ChooseDelimiter(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var firstLine = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return !firstLine.Contains(',') && firstLine.Contains('\t') ? '\t' : ',';
    }

    /// <summary>BOM first (UTF-8, UTF-16); else strict UTF-8; else GB18030, the superset of GBK that Chinese Excel writes.</summary>
    private static string? Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return TryDecode(StrictUtf8, span[3..]) ?? TryDecode(Gb18030(), span[3..]);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return TryDecode(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), span[2..]);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return TryDecode(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), span[2..]);
        }

        return TryDecode(StrictUtf8, span) ?? TryDecode(Gb18030(), span);
    }

    private static string? TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding Gb18030()
    {
        // The code-page encodings ship with .NET but must be registered before use; registering again is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// GB18030 decodes almost any bytes, so binary files (images, PDFs' streams, random data) are told apart by the
    /// control characters text never has.
    /// </summary>
    private static bool LooksLikeText(string text)
    {
        foreach (var ch in text)
        {
            if ((ch < ' ' && ch is not ('\t' or '\r' or '\n')) || ch is '\u007F' or '\uFFFD' or '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }
}
