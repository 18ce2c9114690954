using System.Globalization;
using GuaGou.Domain.Common;

namespace GuaGou.Domain.Households;

/// <summary>
/// A resident ID-card number (居民身份证号码, GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character. Most
/// screens show only <see cref="Masked"/> (first 6 and last 4 visible); the full value is for roles that need it.
/// </summary>
public readonly record struct IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdCardNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>"360421********123X": region code and the last four; birth date and sequence hidden.</summary>
    public string Masked => Value.Length == 18 ? string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4)) : "";

    public static IdCardNumber Parse(string? text)
    {
        var value = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (value.Length == 0)
        {
            throw new DomainException("household.id_card.required", "请填写户主身份证号码。");
        }

        if (value.Length != 18 || !value.AsSpan(0, 17).ContainsOnlyDigits() || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            throw new DomainException("household.id_card.format", "身份证号码应为 18 位：17 位数字加 1 位数字或 X。");
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born.Year < 1900)
        {
            throw new DomainException("household.id_card.birth_date", "身份证号码中的出生日期（第 7–14 位）无效。");
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (value[i] - '0') * Weights[i];
        }

        if (CheckCharacters[sum % 11] != value[17])
        {
            throw new DomainException("household.id_card.check", "身份证号码校验位不正确，请核对。");
        }

        return new IdCardNumber(value);
    }

    public static bool TryParse(string? text, out IdCardNumber number)
    {
        try
        {
            number = Parse(text);
            return true;
        }
        catch (DomainException)
        {
            number = default;
            return false;
        }
    }

    /// <summary>The check character a 17-digit body needs (for tests and generated demo data).</summary>
    public static char CheckCharacterFor(string body17)
    {
        ArgumentNullException.ThrowIfNull(body17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public override string ToString() => Masked;
}

internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
