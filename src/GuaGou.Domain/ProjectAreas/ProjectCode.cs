using System.Globalization;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>A project area's code: county code, year and a per-county-year sequence, e.g. 150421-2022-001.</summary>
public readonly record struct ProjectCode
{
    private ProjectCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The year part of the code (150421-<b>2022</b>-001).</summary>
    public int Year => int.Parse(Value.AsSpan(7, 4), CultureInfo.InvariantCulture);

    public static ProjectCode Create(RegionCode county, int year, int sequence)
    {
        if (county.Level != RegionLevel.County)
        {
            throw new DomainException("project.code.county", $"项目区编号必须以县级行政区划代码开头，“{county}”不是县级代码。");
        }

        if (sequence is < 1 or > 999)
        {
            throw new DomainException("project.code.sequence", $"{county} 在 {year} 年的项目区已达 999 个，无法再编号。");
        }

        return new ProjectCode(string.Create(CultureInfo.InvariantCulture, $"{county.Value}-{year:0000}-{sequence:000}"));
    }

    public static bool TryParse(string? text, out ProjectCode code)
    {
        code = default;
        var value = (text ?? string.Empty).Trim();
        if (value.Length != 15 || value[6] != '-' || value[11] != '-'
            || !value.Where((c, i) => i is not 6 and not 11).All(char.IsAsciiDigit))
        {
            return false;
        }

        code = new ProjectCode(value);
        return true;
    }

    public static ProjectCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new DomainException("project.code.invalid", $"项目区编号“{text}”格式不正确，应如 150421-2022-001。");

    public override string ToString() => Value;
}
