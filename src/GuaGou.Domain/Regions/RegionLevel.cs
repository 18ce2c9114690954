namespace GuaGou.Domain.Regions;

/// <summary>Administrative levels, top-down. Counties include 旗 and 区; townships include 乡, 镇, 苏木 and 街道; villages include 村 and 嘎查.</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

public static class RegionLevelNames
{
    public static string ChineseName(this RegionLevel level) => level switch
    {
        RegionLevel.Province => "省级",
        RegionLevel.City => "市级",
        RegionLevel.County => "县级",
        RegionLevel.Township => "乡镇级",
        RegionLevel.Village => "村级",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
