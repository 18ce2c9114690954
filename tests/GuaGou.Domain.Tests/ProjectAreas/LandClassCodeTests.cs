using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

public sealed class LandClassCodeTests
{
    // RULES: parcel current land class, e.g. 采矿用地, 农村宅基地（RULES.md「Parcels」, 000 / 001）
    [Theory]
    [InlineData("0602", "采矿用地")]
    [InlineData("0702", "农村宅基地")]
    [InlineData("06", "工矿仓储用地")]
    [InlineData("07", "住宅用地")]
    [InlineData("0101", "水田")]
    [InlineData("0103", "旱地")]
    [InlineData("1201", "空闲地")]
    [InlineData("12", "其他土地")]
    public void Parse_GbT21010Code_IsKeptWithItsName_ParcelLandClass000(string text, string name)
    {
        var code = LandClassCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(name, code.Name);
        Assert.Equal($"{text} {name}", code.Display);
        Assert.Equal(text, code.ToString());
    }

    // RULES: 000 lists 采矿用地 parcels; 三调 work classes 201–205 (LandClassCode.cs)
    [Theory]
    [InlineData("201", "城市")]
    [InlineData("202", "建制镇")]
    [InlineData("203", "村庄")]
    [InlineData("204", "采矿用地")]
    [InlineData("205", "风景名胜及特殊用地")]
    public void Parse_WorkClass_IsKeptWithItsName_ParcelLandClass000(string text, string name)
    {
        var code = LandClassCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(name, code.Name);
    }

    [Theory]
    [InlineData("204A")]
    [InlineData("204a")]
    [InlineData(" 204a ")]
    public void Parse_WorkClassWithASuffix_IsUpperCasedAndNamedAsWithoutIt(string text)
    {
        var code = LandClassCode.Parse(text);

        Assert.Equal("204A", code.Value);
        Assert.Equal("采矿用地", code.Name);
        Assert.Equal("204A 采矿用地", code.Display);
    }

    // FORMATS.md §4: 三调 working classes, change-survey classes and 二调 3-digit codes are accepted as written.
    [Theory]
    [InlineData("05H1", "商业服务业设施用地")]
    [InlineData("08H2", "科教文卫用地")]
    [InlineData("1104A", "坑塘水面")]
    [InlineData("0201K", "果园")]
    [InlineData("1302", "光伏板区")]
    [InlineData("011", "水田")]
    [InlineData("013", "旱地")]
    public void Parse_SurveyVariantCodes_AreKeptWithTheirNames_Formats4(string text, string name)
    {
        var code = LandClassCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(name, code.Name);
    }

    [Fact]
    public void Parse_ValidSubclassWithoutAKnownName_HasNoNameAndDisplaysTheCode()
    {
        var code = LandClassCode.Parse("1001");

        Assert.Null(code.Name);
        Assert.Equal("1001", code.Display);
    }

    [Fact]
    public void Parse_WithSurroundingWhitespace_Trims() => Assert.Equal("0602", LandClassCode.Parse(" 0602 ").Value);

    [Theory]
    [InlineData("13")]
    [InlineData("1300")]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("0001")]
    [InlineData("2061")]
    [InlineData("206")]
    [InlineData("200")]
    [InlineData("060")]
    [InlineData("06021")]
    [InlineData("0602X")]
    [InlineData("0602AK")]
    [InlineData("06A")]
    [InlineData("A204")]
    [InlineData("ab")]
    [InlineData("采矿")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_WhenNotAGbT21010CodeNorAWorkClass_IsRefused(string? text)
    {
        var error = Assert.Throws<DomainException>(() => LandClassCode.Parse(text));

        Assert.Equal("land_class.invalid", error.Code);
        Assert.Contains("GB/T 21010", error.Message, StringComparison.Ordinal);
        Assert.Contains($"“{(text ?? string.Empty).Trim().ToUpperInvariant()}”", error.Message, StringComparison.Ordinal);
    }

    // The A suffix is a single letter (204A); TrimEnd('A') also strips "AA", "AAA" … and lets them through.
    [Theory]
    [InlineData("204AA")]
    [InlineData("201AAA")]
    public void Parse_WorkClassWithMoreThanOneASuffix_IsRefused(string text) =>
        Assert.Equal("land_class.invalid", Assert.Throws<DomainException>(() => LandClassCode.Parse(text)).Code);

    [Fact]
    public void Equality_IsByValue() => Assert.Equal(LandClassCode.Parse("204a"), LandClassCode.Parse("204A"));
}
