using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.Households;

/// <summary>RULES: homestead standards (003 四(三)1) — 20/30 m² per person, 100/150/180 m² per household.</summary>
public sealed class HomesteadStandardTests
{
    private static HomesteadCheck Check(LocationClass location, int members, decimal plot) =>
        HomesteadStandard.Default.Check(location, members, Area.FromSquareMetres(plot));

    [Theory]
    [InlineData(4, 80.00, true)]   // 20 × 4 exactly
    [InlineData(4, 80.01, false)]
    [InlineData(5, 100.00, true)]  // both limits meet at 5 people
    [InlineData(6, 100.00, true)]  // the household cap binds
    [InlineData(6, 100.01, false)]
    public void InsidePlanningArea_20PerPersonAnd100PerHousehold_003_4_3_1(int members, double plot, bool within)
    {
        Assert.Equal(within, Check(LocationClass.InsidePlanningArea, members, (decimal)plot).WithinStandard);
    }

    [Theory]
    [InlineData(4, 120.00, true)]
    [InlineData(4, 120.01, false)]
    [InlineData(6, 150.00, true)]
    [InlineData(6, 150.01, false)]
    public void OutsidePlanningArea_30PerPersonAnd150PerHousehold_003_4_3_1(int members, double plot, bool within)
    {
        Assert.Equal(within, Check(LocationClass.OutsidePlanningArea, members, (decimal)plot).WithinStandard);
    }

    [Theory]
    [InlineData(1, 180.00, true)]  // no per-person limit in mountain and border areas
    [InlineData(1, 180.01, false)]
    public void MountainBorderMinority_180PerHousehold_003_4_3_1(int members, double plot, bool within)
    {
        Assert.Equal(within, Check(LocationClass.MountainBorderMinority, members, (decimal)plot).WithinStandard);
    }

    [Fact]
    public void Breach_SaysWhichLimitAndByHowMuch()
    {
        var check = Check(LocationClass.InsidePlanningArea, 6, 130m);

        Assert.Equal(100m, check.LimitSquareMetres);
        Assert.Equal(["安置宅基地 130.00 平方米超过城镇规划区内每人 20 平方米 × 6 人 = 120 平方米的标准",
            "安置宅基地 130.00 平方米超过城镇规划区内每户 100 平方米的标准"], check.Breaches);
    }

    [Fact]
    public void CountySetting_ReplacesTheDefaults()
    {
        var strict = new HomesteadStandard(15m, 90m, 25m, 120m, 160m);

        Assert.False(strict.Check(LocationClass.InsidePlanningArea, 4, Area.FromSquareMetres(61m)).WithinStandard);
        Assert.True(strict.Check(LocationClass.MountainBorderMinority, 2, Area.FromSquareMetres(160m)).WithinStandard);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void CountySetting_OutOfRange_IsRefused(double perPerson)
    {
        var error = Assert.Throws<DomainException>(() => new HomesteadStandard((decimal)perPerson, 100m, 30m, 150m, 180m).Validated());

        Assert.Equal("homestead.standard.range", error.Code);
    }
}
