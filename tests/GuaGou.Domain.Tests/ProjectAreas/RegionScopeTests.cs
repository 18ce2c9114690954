using GuaGou.Domain.Access;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>Which county projects a region-bound user sees (src/GuaGou.Domain/Access/RegionScope.cs).</summary>
public sealed class RegionScopeTests
{
    [Theory]
    [InlineData("150000", "15")]
    [InlineData("150400", "1504")]
    [InlineData("150421", "150421")]
    [InlineData("150421100", "150421")]
    [InlineData("150421100201", "150421")]
    public void PrefixOf_EachLevel_IsItsSignificantDigits(string userRegion, string prefix) =>
        Assert.Equal(prefix, RegionScope.PrefixOf(RegionCode.Parse(userRegion)));

    // RULES: targets and oversight run region → city → county（002 附件3, RULES.md「Quotas」）
    [Theory]
    [InlineData("150421", true)]
    [InlineData("150422", true)]
    [InlineData("150102", true)]
    [InlineData("152921", true)]
    [InlineData("140421", false)]
    [InlineData("510421", false)]
    public void Covers_ForAProvinceUser_IsEveryCountyOfTheProvince_TopDown002(string countyCode, bool covered) =>
        Assert.Equal(covered, RegionScope.Covers(RegionCode.Parse("150000"), countyCode));

    // RULES: city approves and accepts for its counties（004 二(一)(二)）
    [Theory]
    [InlineData("150421", true)]
    [InlineData("150402", true)]
    [InlineData("150430", true)]
    [InlineData("150502", false)]
    [InlineData("150521", false)]
    [InlineData("140421", false)]
    public void Covers_ForACityUser_IsEveryCountyOfTheCity_CityApproval004_2_1(string countyCode, bool covered) =>
        Assert.Equal(covered, RegionScope.Covers(RegionCode.Parse("150400"), countyCode));

    // RULES: county staff file and track their county's projects（RULES.md「People」）
    [Theory]
    [InlineData("150421", true)]
    [InlineData("150422", false)]
    [InlineData("150420", false)]
    [InlineData("150521", false)]
    public void Covers_ForACountyUser_IsOnlyTheirCounty_CountyStaff(string countyCode, bool covered) =>
        Assert.Equal(covered, RegionScope.Covers(RegionCode.Parse("150421"), countyCode));

    // RULES: township officials work only for their own township（RULES.md「People」）; at county level they see their county
    [Theory]
    [InlineData("150421100", "150421", true)]
    [InlineData("150421101", "150421", true)]
    [InlineData("150421100", "150422", false)]
    [InlineData("150421100201", "150421", true)]
    [InlineData("150421100201", "150428", false)]
    public void Covers_ForATownshipOrVillageUser_IsTheirCountyOnly_TownshipStaff(string userRegion, string countyCode, bool covered) =>
        Assert.Equal(covered, RegionScope.Covers(RegionCode.Parse(userRegion), countyCode));

    [Fact]
    public void Covers_ForTheWalkedProject_MatchesItsCountyCode()
    {
        var project = ProjectAreaBuilder.NewProject();

        Assert.True(RegionScope.Covers(ProjectAreaBuilder.Township.Code, project.CountyCode));
        Assert.True(RegionScope.Covers(ProjectAreaBuilder.City.Code, project.CountyCode));
        Assert.False(RegionScope.Covers(ProjectAreaBuilder.OtherCounty.Code, project.CountyCode));
    }
}
