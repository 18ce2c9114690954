namespace GuaGou.Domain.Households;

/// <summary>Where the homestead lies, which decides its standard (003 四(三)1).</summary>
public enum LocationClass
{
    InsidePlanningArea = 1,
    OutsidePlanningArea = 2,
    MountainBorderMinority = 3,
}

/// <summary>How the household is resettled (安置方式).</summary>
public enum ResettlementChoice
{
    Concentrated = 1,
    SelfBuild = 2,
    MonetaryCompensation = 3,
    Other = 4,
}

/// <summary>Demolition and reclamation progress of one household's old house: strictly in this order.</summary>
public enum DemolitionStatus
{
    NotDemolished = 1,
    Demolished = 2,
    Reclaiming = 3,
    Reclaimed = 4,
}

/// <summary>The documents signed with or by the household: consent, and the 双签 pair of agreements (004 三(四)).</summary>
public enum AgreementKind
{
    Consent = 1,
    Compensation = 2,
    Resettlement = 3,
}

public static class HouseholdNames
{
    public static string Of(LocationClass value) => value switch
    {
        LocationClass.InsidePlanningArea => "城镇规划区内",
        LocationClass.OutsidePlanningArea => "城镇规划区外",
        LocationClass.MountainBorderMinority => "山区、半山区、边疆少数民族地区",
        _ => value.ToString(),
    };

    public static string Of(ResettlementChoice value) => value switch
    {
        ResettlementChoice.Concentrated => "集中安置",
        ResettlementChoice.SelfBuild => "自主建房",
        ResettlementChoice.MonetaryCompensation => "货币补偿",
        ResettlementChoice.Other => "其他",
        _ => value.ToString(),
    };

    public static string Of(DemolitionStatus value) => value switch
    {
        DemolitionStatus.NotDemolished => "未拆除",
        DemolitionStatus.Demolished => "已拆除",
        DemolitionStatus.Reclaiming => "复垦施工中",
        DemolitionStatus.Reclaimed => "复垦完成",
        _ => value.ToString(),
    };

    public static string Of(AgreementKind value) => value switch
    {
        AgreementKind.Consent => "权属方同意书",
        AgreementKind.Compensation => "房屋拆旧补偿协议",
        AgreementKind.Resettlement => "安置协议",
        _ => value.ToString(),
    };

    /// <summary>Parses a Chinese name (as typed in a register spreadsheet) back to its value.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var trimmed = (text ?? "").Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            var name = candidate switch
            {
                LocationClass l => Of(l),
                ResettlementChoice r => Of(r),
                DemolitionStatus d => Of(d),
                AgreementKind a => Of(a),
                _ => candidate.ToString(),
            };
            if (string.Equals(name, trimmed, StringComparison.Ordinal)
                || (candidate is LocationClass.MountainBorderMinority && trimmed is "山区" or "半山区" or "边疆少数民族地区" or "山区半山区边疆少数民族地区"))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
