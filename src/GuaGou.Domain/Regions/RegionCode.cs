using GuaGou.Domain.Common;

namespace GuaGou.Domain.Regions;

/// <summary>
/// An administrative division code (GB/T 2260 for the first six digits, then the statistical codes):
/// 6 digits for province (xx0000), city (xxxx00) and county; 9 digits for a township; 12 for a village.
/// The level is read from the code itself, so a code can never disagree with its level.
/// </summary>
public readonly record struct RegionCode
{
    private RegionCode(string value) => Value = value;

    public string Value { get; }

    public RegionLevel Level => Value.Length switch
    {
        12 => RegionLevel.Village,
        9 => RegionLevel.Township,
        _ when Value.EndsWith("0000", StringComparison.Ordinal) => RegionLevel.Province,
        _ when Value.EndsWith("00", StringComparison.Ordinal) => RegionLevel.City,
        _ => RegionLevel.County,
    };

    /// <summary>The six-digit county code a township or village belongs to (null above county level).</summary>
    public string? CountyPart => Level >= RegionLevel.County ? Value[..6] : null;

    public static RegionCode Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length is not (6 or 9 or 12) || !value.All(char.IsAsciiDigit))
        {
            throw new DomainException("region.code.invalid",
                $"行政区划代码“{value}”无效：应为 6 位（省、市、县）、9 位（乡镇）或 12 位（村）数字。");
        }

        if (value.StartsWith("00", StringComparison.Ordinal))
        {
            throw new DomainException("region.code.invalid", $"行政区划代码“{value}”无效：省级代码不能以 00 开头。");
        }

        return new RegionCode(value);
    }

    /// <summary>
    /// True when <paramref name="child"/> sits directly below this code: a city shares the province's first
    /// two digits, a county the city's first four, a township the county's six, a village the township's nine.
    /// </summary>
    public bool IsDirectParentOf(RegionCode child)
    {
        if ((int)child.Level != (int)Level + 1)
        {
            return false;
        }

        var prefixLength = Level switch
        {
            RegionLevel.Province => 2,
            RegionLevel.City => 4,
            RegionLevel.County => 6,
            RegionLevel.Township => 9,
            _ => 0,
        };
        return prefixLength > 0 && string.CompareOrdinal(child.Value, 0, Value, 0, prefixLength) == 0;
    }

    public override string ToString() => Value;
}
