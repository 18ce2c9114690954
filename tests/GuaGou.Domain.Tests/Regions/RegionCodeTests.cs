using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("150000", RegionLevel.Province)]
    [InlineData("150400", RegionLevel.City)]
    [InlineData("150421", RegionLevel.County)]
    [InlineData("360404", RegionLevel.County)]
    [InlineData("150421100", RegionLevel.Township)]
    [InlineData("150421100201", RegionLevel.Village)]
    public void Parse_WhenWellFormed_ReadsTheLevelFromTheCode(string text, RegionLevel level)
    {
        var code = RegionCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(level, code.Level);
    }

    [Fact]
    public void Parse_TrimsWhitespace() => Assert.Equal("532529", RegionCode.Parse(" 532529 ").Value);

    [Theory]
    [InlineData("")]
    [InlineData("15042")]
    [InlineData("1504211")]
    [InlineData("15042110")]
    [InlineData("1504211002011")]
    [InlineData("15042a")]
    [InlineData("１５０４２１")] // full-width digits are not accepted silently
    [InlineData("001234")]
    public void Parse_WhenMalformed_RefusesWithChineseMessage(string text)
    {
        var error = Assert.Throws<DomainException>(() => RegionCode.Parse(text));

        Assert.Equal("region.code.invalid", error.Code);
        Assert.Contains("行政区划代码", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("150000", "150400", true)]
    [InlineData("150400", "150421", true)]
    [InlineData("150421", "150421100", true)]
    [InlineData("150421100", "150421100201", true)]
    [InlineData("150000", "150421", false)] // skips a level
    [InlineData("150400", "360404", false)] // another city's county
    [InlineData("150421", "150422100", false)] // another county's township
    [InlineData("150421100", "150421101201", false)] // another township's village
    [InlineData("150421", "150400", false)] // upwards
    public void IsDirectParentOf_NeedsOneLevelDownAndTheSamePrefix(string parent, string child, bool expected) =>
        Assert.Equal(expected, RegionCode.Parse(parent).IsDirectParentOf(RegionCode.Parse(child)));

    [Fact]
    public void CountyPart_IsTheFirstSixDigitsBelowCountyLevel()
    {
        Assert.Equal("150421", RegionCode.Parse("150421100201").CountyPart);
        Assert.Equal("150421", RegionCode.Parse("150421").CountyPart);
        Assert.Null(RegionCode.Parse("150400").CountyPart);
    }
}
