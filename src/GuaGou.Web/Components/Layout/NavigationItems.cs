using GuaGou.Domain.Access;

namespace GuaGou.Web.Components.Layout;

/// <summary>
/// One entry of the main navigation. Sections whose feature has not landed are shown but disabled. <see cref="OnlyForRole"/>
/// is one role code or several separated by commas, as in <c>[Authorize(Roles = …)]</c>.
/// </summary>
public sealed record NavigationItem(string Title, string Href, bool Available, string? OnlyForRole = null)
{
    public bool IsFor(System.Security.Claims.ClaimsPrincipal user) =>
        OnlyForRole is null || OnlyForRole.Split(',').Any(user.IsInRole);
}

public static class NavigationItems
{
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("首页", "/", Available: true),
        new("项目区", "/projects", Available: true),
        new("拆旧进度", "/progress", Available: true),
        new("地块", "/parcels", Available: false),
        new("指标台账", "/quotas", Available: false),
        new("资金", "/funds", Available: false),
        new("督查", "/supervision", Available: false),
        new("统计看板", "/dashboard", Available: false),
        new("系统管理", "/admin/regions", Available: true, OnlyForRole: Roles.SystemAdmin),
        new("审计日志", "/audit", Available: true, OnlyForRole: Roles.SystemAdmin + "," + Roles.LeadingGroupOffice),
    ];
}
