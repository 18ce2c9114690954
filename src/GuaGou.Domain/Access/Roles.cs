using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.Access;

/// <summary>A role: its stable code (stored, used in code), its Chinese name (shown), and the region level its users belong to.</summary>
public sealed record RoleDefinition(string Code, string ChineseName, RegionLevel RegionLevel, string Duty)
{
    /// <summary>A user holds a role at one place: a 乡镇经办人 belongs to a township, a 市级审批人 to a city, and so on.</summary>
    public void EnsureRegionFits(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Level != RegionLevel)
        {
            throw new DomainException("user.region.level_mismatch",
                $"{ChineseName}应隶属于{RegionLevel.ChineseName()}行政区，而“{region.Name}”（{region.Code}）是{region.Level.ChineseName()}行政区。");
        }
    }
}

/// <summary>The seven roles of GuaGou. Codes never change; the Chinese names are what users see.</summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string CountyClerk = "CountyClerk";
    public const string CountyReviewer = "CountyReviewer";
    public const string TownshipClerk = "TownshipClerk";
    public const string LeadingGroupOffice = "LeadingGroupOffice";
    public const string CityApprover = "CityApprover";
    public const string ProvinceApprover = "ProvinceApprover";

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(SystemAdmin, "系统管理员", RegionLevel.County, "用户、行政区和系统设置；不办理业务审批"),
        new(CountyClerk, "县局经办人", RegionLevel.County, "录入和维护本县项目区"),
        new(CountyReviewer, "县局审核人", RegionLevel.County, "县级审核和初验"),
        new(TownshipClerk, "乡镇经办人", RegionLevel.Township, "本乡镇农户、同意书、拆旧凭证和自验申请"),
        new(LeadingGroupOffice, "领导小组办公室", RegionLevel.County, "查看全县进度，记录督查"),
        new(CityApprover, "市级审批人", RegionLevel.City, "市级审批和验收"),
        new(ProvinceApprover, "省级审批人", RegionLevel.Province, "省级审批和验收"),
    ];

    public static RoleDefinition? Find(string code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    /// <summary>The Chinese name of a role code; the code itself when unknown, so nothing is hidden.</summary>
    public static string ChineseName(string code) => Find(code)?.ChineseName ?? code;
}
