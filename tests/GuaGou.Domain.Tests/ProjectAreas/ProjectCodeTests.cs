using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Tests.ProjectAreas;

public sealed class ProjectCodeTests
{
    [Theory]
    [InlineData(2022, 1, "150421-2022-001")]
    [InlineData(2022, 12, "150421-2022-012")]
    [InlineData(2000, 999, "150421-2000-999")]
    public void Create_ForACounty_IsCountyYearAndThreeDigitSequence(int year, int sequence, string expected)
    {
        var code = ProjectCode.Create(RegionCode.Parse("150421"), year, sequence);

        Assert.Equal(expected, code.Value);
        Assert.Equal(expected, code.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Create_WithSequenceOutsideOneTo999_IsRefused(int sequence)
    {
        var error = Assert.Throws<DomainException>(() => ProjectCode.Create(RegionCode.Parse("150421"), 2022, sequence));

        Assert.Equal("project.code.sequence", error.Code);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("150000")]
    [InlineData("150400")]
    [InlineData("150421100")]
    public void Create_ForARegionThatIsNotACounty_IsRefused(string regionCode)
    {
        var error = Assert.Throws<DomainException>(() => ProjectCode.Create(RegionCode.Parse(regionCode), 2022, 1));

        Assert.Equal("project.code.county", error.Code);
        Assert.Contains(regionCode, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("150421-2022-001")]
    [InlineData(" 150421-2022-001 ")]
    public void Parse_WellFormed_EqualsTheCreatedCode(string text)
    {
        var parsed = ProjectCode.Parse(text);

        Assert.Equal("150421-2022-001", parsed.Value);
        Assert.Equal(ProjectCode.Create(RegionCode.Parse("150421"), 2022, 1), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("150421-2022-1")]
    [InlineData("150421-2022-0001")]
    [InlineData("150421-22-0001")]
    [InlineData("1504212022001")]
    [InlineData("150421_2022_001")]
    [InlineData("150421—2022—001")]
    [InlineData("15042a-2022-001")]
    [InlineData("150421-2022-00a")]
    [InlineData("１５０４２１-2022-001")]
    [InlineData("150421 2022 001")]
    public void Parse_Malformed_IsRefusedShowingTheExpectedShape(string text)
    {
        var error = Assert.Throws<DomainException>(() => ProjectCode.Parse(text));

        Assert.Equal("project.code.invalid", error.Code);
        Assert.Contains($"“{text}”", error.Message, StringComparison.Ordinal);
        Assert.Contains("150421-2022-001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Malformed_ReturnsFalseAndTheDefault()
    {
        Assert.False(ProjectCode.TryParse("150421-2022", out var code));
        Assert.Equal(default, code);
        Assert.False(ProjectCode.TryParse(null, out _));
    }

    [Fact]
    public void TryParse_WellFormed_ReturnsTrueAndTheCode()
    {
        Assert.True(ProjectCode.TryParse("150421-2023-007", out var code));
        Assert.Equal("150421-2023-007", code.Value);
    }
}
