using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Access;

/// <summary>
/// What a region-bound user may see: everything whose region code starts with their region's significant prefix —
/// a province its 2 digits, a city 4, a county 6. A township user's view of county-level records (projects) is
/// their county's; township-level records are narrowed further by the feature that owns them.
/// </summary>
public static class RegionScope
{
    public static string PrefixOf(RegionCode userRegion) => userRegion.Level switch
    {
        RegionLevel.Province => userRegion.Value[..2],
        RegionLevel.City => userRegion.Value[..4],
        _ => userRegion.Value[..6],
    };

    public static bool Covers(RegionCode userRegion, string countyCode) =>
        countyCode.StartsWith(PrefixOf(userRegion), StringComparison.Ordinal);
}
