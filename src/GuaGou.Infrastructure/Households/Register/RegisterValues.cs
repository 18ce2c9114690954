using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>Turns cell text into numbers and dates the way people actually type them in Chinese spreadsheets.</summary>
internal static partial class RegisterValues
{
    // Excel's serial range: 61 is 1900-03-01 (earlier serials are skewed by the fictitious 1900-02-29), 2958465 is 9999-12-31.
    private const double FirstSerial = 61;
    private const double LastSerial = 2_958_465;
    private const int Date1904Offset = 1_462;

    private static readonly string[] UnitSuffixes = ["平方米", "平米", "㎡", "m²", "m2", "M2", "人", "口"];

    /// <summary>Full-width ASCII (１２０．５, Ｘ) to half-width; zero-width characters from copy and paste removed; trimmed.</summary>
    public static string Clean(string text)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            char? replacement = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => '\0',
                _ => null,
            };
            if (replacement is null)
            {
                result?.Append(ch);
                continue;
            }

            result ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (replacement != '\0')
            {
                result.Append(replacement.Value);
            }
        }

        return (result?.ToString() ?? text).Trim();
    }

    /// <summary>Plain text of a cell: numbers stored by Excel come back without a spurious ".0" or exponent where possible.</summary>
    public static string Text(SheetCell cell)
    {
        if (cell.IsNumber && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && Math.Abs(number) < 1e15 && number == Math.Floor(number))
        {
            return number.ToString("0", CultureInfo.InvariantCulture);
        }

        return cell.Text.Trim();
    }

    public static bool TryDecimal(SheetCell cell, out decimal value)
    {
        if (cell.IsNumber)
        {
            return decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        var text = Clean(cell.Text);
        foreach (var unit in UnitSuffixes)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal))
            {
                text = text[..^unit.Length].TrimEnd();
                break;
            }
        }

        // Thousands separators only in their proper places: "1,234.5" yes, "120,5" (a decimal comma?) no.
        if (text.Contains(',', StringComparison.Ordinal))
        {
            if (!GroupedNumber().IsMatch(text))
            {
                value = 0;
                return false;
            }

            text = text.Replace(",", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryInteger(SheetCell cell, out int value)
    {
        value = 0;
        if (!TryDecimal(cell, out var number) || number != decimal.Truncate(number) || number is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }

    /// <summary>
    /// A number is an Excel serial date (or, if it looks like one, a yyyymmdd typed as a number); text may be
    /// 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日 or 20260315, optionally followed by a time of day.
    /// </summary>
    public static bool TryDate(SheetCell cell, bool date1904, out DateOnly date)
    {
        date = default;
        if (cell.IsNumber)
        {
            if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
            {
                return false;
            }

            if (serial is >= 19000101 and <= 99991231 && serial == Math.Floor(serial))
            {
                return TryCompact(((long)serial).ToString(CultureInfo.InvariantCulture), out date);
            }

            var day = Math.Floor(serial) + (date1904 ? Date1904Offset : 0);
            if (day is < FirstSerial or > LastSerial)
            {
                return false;
            }

            date = DateOnly.FromDateTime(DateTime.FromOADate(day));
            return true;
        }

        var text = Clean(cell.Text);
        if (TryCompact(text, out date))
        {
            return true;
        }

        var match = TextDate().Match(text);
        return match.Success && TryMake(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, out date);
    }

    /// <summary>"3.60421E+17": what a long number looks like after Excel has saved it to CSV in General format.</summary>
    public static bool LooksLikeScientific(string text) => ScientificNumber().IsMatch(text);

    private static bool TryCompact(string text, out DateOnly date)
    {
        date = default;
        return text.Length == 8 && text.All(char.IsAsciiDigit) && TryMake(text[..4], text[4..6], text[6..], out date);
    }

    private static bool TryMake(string year, string month, string day, out DateOnly date)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        var valid = y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
        date = valid ? new DateOnly(y, m, d) : default;
        return valid;
    }

    [GeneratedRegex(@"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$")]
    private static partial Regex TextDate();

    [GeneratedRegex(@"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex GroupedNumber();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?[eE]\+?[0-9]+$")]
    private static partial Regex ScientificNumber();
}
