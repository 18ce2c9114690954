using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Tests.Access;

public sealed class RolesTests
{
    [Fact]
    public void All_AreTheSevenRolesOfTheDesignWithTheirChineseNames() =>
        Assert.Equal(
            ["系统管理员", "县局经办人", "县局审核人", "乡镇经办人", "领导小组办公室", "市级审批人", "省级审批人"],
            Roles.All.Select(r => r.ChineseName));

    [Fact]
    public void ChineseName_OfUnknownCode_IsTheCodeItself() => Assert.Equal("Nobody", Roles.ChineseName("Nobody"));

    [Fact]
    public void EnsureRegionFits_TownshipClerkOnACounty_IsRefused()
    {
        var county = new Region(RegionCode.Parse("150421"), "阿鲁科尔沁旗",
            new Region(RegionCode.Parse("150400"), "赤峰市", new Region(RegionCode.Parse("150000"), "内蒙古自治区", null)));

        var error = Assert.Throws<DomainException>(() => Roles.Find(Roles.TownshipClerk)!.EnsureRegionFits(county));

        Assert.Equal("user.region.level_mismatch", error.Code);
        Assert.Contains("乡镇经办人应隶属于乡镇级行政区", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureRegionFits_CityApproverOnACity_Passes()
    {
        var city = new Region(RegionCode.Parse("150400"), "赤峰市", new Region(RegionCode.Parse("150000"), "内蒙古自治区", null));

        Roles.Find(Roles.CityApprover)!.EnsureRegionFits(city);
    }
}
