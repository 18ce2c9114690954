using System.Globalization;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

public sealed class AreaTests
{
    // RULES: 单位 1 公顷 = 15 亩 = 10 000 m²（RULES.md「Parcels」, 000 / 001）
    [Fact]
    public void FromHectares_One_IsTenThousandSquareMetresAndFifteenMu_Units000()
    {
        var area = Area.FromHectares(1m);

        Assert.Equal(10_000m, area.SquareMetres);
        Assert.Equal(1m, area.Hectares);
        Assert.Equal(15m, decimal.Round(area.Mu, 10));
    }

    // RULES: 单位 1 公顷 = 15 亩 = 10 000 m²（RULES.md「Parcels」, 000 / 001）
    [Fact]
    public void FromMu_Fifteen_IsExactlyOneHectare_Units000()
    {
        var area = Area.FromMu(15m);

        Assert.Equal(10_000m, area.SquareMetres);
        Assert.Equal(1m, area.Hectares);
        Assert.Equal(Area.FromHectares(1m), area);
    }

    // RULES: 单位 1 亩 = 10 000 / 15 m², held to 0.01 m²（RULES.md「Parcels」）
    [Fact]
    public void FromMu_One_IsSixHundredSixtySixPointSixSevenSquareMetres_Units000() =>
        Assert.Equal(666.67m, Area.FromMu(1m).SquareMetres);

    // RULES: 000 示例 67.3486 公顷 = 1010.23 亩（RULES.md「Parcels」）
    [Fact]
    public void FromSquareMetres_TheExampleOf000_Is67Point3486HectaresAnd1010Point23Mu_Example000()
    {
        var area = Area.FromSquareMetres(673_486m);

        Assert.Equal(67.3486m, area.Hectares);
        Assert.Equal(1010.23m, decimal.Round(area.Mu, 2));
        Assert.Equal(Area.FromHectares(67.3486m), area);
    }

    // RULES: 亩 shown with 2 decimals, 公顷 with 4（RULES.md「Parcels」, 000 示例）
    [Fact]
    public void ToString_TheExampleOf000_ShowsMuWithTwoAndHectaresWithFourDecimals_Example000() =>
        Assert.Equal("1,010.23 亩（67.3486 公顷）", Area.FromSquareMetres(673_486m).ToString());

    // RULES: 亩 2 decimals, 公顷 4（RULES.md「Parcels」）
    [Fact]
    public void ToString_OfZero_ShowsZerosWithTheDocumentsPrecision() =>
        Assert.Equal("0.00 亩（0.0000 公顷）", Area.Zero.ToString());

    // RULES: 亩 2 decimals, 公顷 4（RULES.md「Parcels」）
    [Fact]
    public void ToString_OfALargeArea_GroupsThousandsWhateverTheCurrentCulture()
    {
        using var culture = ProjectAreaBuilder.UseCulture("de-DE");

        Assert.Equal("15,000.00 亩（1,000.0000 公顷）", Area.FromSquareMetres(10_000_000m).ToString());
    }

    [Fact]
    public void FormatMuAndFormatHectares_OfSquareMetres_UseTwoAndFourDecimals()
    {
        Assert.Equal("1,010.23", Area.FormatMu(673_486m));
        Assert.Equal("67.3486", Area.FormatHectares(673_486m));
        Assert.Equal("0.67", Area.FormatMu(444.44m));
    }

    // RULES: the balance is judged at 0.01 m²（Area.cs; 001 二(二)）
    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.004", "0.00")]
    [InlineData("1234.565", "1234.57")]
    [InlineData("2.675", "2.68")]
    [InlineData("10000.004999", "10000.00")]
    [InlineData("99.999", "100.00")]
    public void FromSquareMetres_RoundsToOneHundredthOfASquareMetreAwayFromZero(string given, string expected)
    {
        var area = Area.FromSquareMetres(decimal.Parse(given, CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), area.SquareMetres);
    }

    [Fact]
    public void FromMu_OfTheExampleInMu_RoundsToOneHundredthOfASquareMetre() =>
        Assert.Equal(673_486.67m, Area.FromMu(1010.23m).SquareMetres);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-0.001")]
    [InlineData("-673486")]
    public void FromSquareMetres_WhenNegative_IsRefused(string given)
    {
        var value = decimal.Parse(given, CultureInfo.InvariantCulture);

        var error = Assert.Throws<DomainException>(() => Area.FromSquareMetres(value));

        Assert.Equal("area.negative", error.Code);
        Assert.StartsWith("面积不能为负数", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMuAndFromHectares_WhenNegative_AreRefused()
    {
        Assert.Equal("area.negative", Assert.Throws<DomainException>(() => Area.FromMu(-1m)).Code);
        Assert.Equal("area.negative", Assert.Throws<DomainException>(() => Area.FromHectares(-0.0001m)).Code);
    }

    [Fact]
    public void Zero_EqualsTheDefaultAndZeroSquareMetres()
    {
        Assert.Equal(0m, Area.Zero.SquareMetres);
        Assert.Equal(Area.FromSquareMetres(0m), Area.Zero);
        Assert.Equal(default, Area.Zero);
    }

    [Fact]
    public void Add_SumsSquareMetresExactly()
    {
        var sum = Area.FromSquareMetres(3333.33m) + Area.FromSquareMetres(3333.33m) + Area.FromSquareMetres(3333.34m);

        Assert.Equal(10_000m, sum.SquareMetres);
        Assert.Equal(Area.FromHectares(1m), sum);
    }

    [Fact]
    public void Comparisons_DistinguishOneHundredthOfASquareMetre()
    {
        var a = Area.FromSquareMetres(10_000m);
        var b = Area.FromSquareMetres(10_000.01m);

        Assert.True(b > a);
        Assert.True(a < b);
        Assert.True(a <= Area.FromSquareMetres(10_000m));
        Assert.True(a >= Area.FromSquareMetres(10_000m));
        Assert.False(a > Area.FromSquareMetres(10_000m));
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(0, a.CompareTo(Area.FromHectares(1m)));
        Assert.Equal(-0.01m, Area.Difference(a, b));
        Assert.Equal(0.01m, Area.Difference(b, a));
    }
}
