using MudBlazor;

namespace GuaGou.Web.Components.Layout;

/// <summary>
/// A restrained theme: the house green, white surfaces, and fonts that have Chinese glyphs on the county's computers
/// (Windows: Microsoft YaHei; Linux: Noto Sans CJK; Mac: PingFang) before the generic fallback.
/// </summary>
public static class GuaGouTheme
{
    private static readonly string[] Fonts =
        ["system-ui", "-apple-system", "Segoe UI", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f4a",
            AppbarBackground = "#1f5f4a",
            Secondary = "#5f6b66",
            Background = "#f6f8f7",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = "0.9375rem" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "11rem", AppbarHeight = "56px" },
    };
}
