using GuaGou.Domain.Access;

namespace GuaGou.Web.Components.Layout;

/// <summary>One entry of the main navigation. Sections whose feature has not landed are shown but disabled.</summary>
public sealed record NavigationItem(string Title, string Href, bool Available, string? OnlyForRole = null);

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
    ];
}
