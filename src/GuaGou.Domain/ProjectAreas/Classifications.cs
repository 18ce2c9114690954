namespace GuaGou.Domain.ProjectAreas;

/// <summary>The kind of linkage project (003, 004).</summary>
public enum ProjectKind
{
    InCounty = 1,
    InProvinceTrade = 2,
    CrossProvince = 3,
}

/// <summary>003 四(二): a project-area plan, or a separate construction plan when surplus quota is used elsewhere.</summary>
public enum PlanType
{
    ProjectArea = 1,
    Construction = 2,
}

public enum ApprovalLevel
{
    City = 1,
    Province = 2,
}

public enum Zone
{
    Demolition = 1,
    Construction = 2,
}

/// <summary>003 二(四): farmland first, then forest or grassland, or kept as construction land.</summary>
public enum ReclamationDirection
{
    Farmland = 1,
    Forest = 2,
    Grassland = 3,
    KeepConstruction = 4,
}

public static class ChineseNames
{
    public static string Of(ProjectKind kind) => kind switch
    {
        ProjectKind.InCounty => "县内挂钩",
        ProjectKind.InProvinceTrade => "节余指标省内交易",
        ProjectKind.CrossProvince => "跨省域调剂",
        _ => kind.ToString(),
    };

    public static string Of(PlanType type) => type switch
    {
        PlanType.ProjectArea => "项目区实施方案",
        PlanType.Construction => "建新实施方案",
        _ => type.ToString(),
    };

    public static string Of(ApprovalLevel level) => level switch
    {
        ApprovalLevel.City => "市级",
        ApprovalLevel.Province => "省级",
        _ => level.ToString(),
    };

    public static string Of(Zone zone) => zone switch
    {
        Zone.Demolition => "拆旧区",
        Zone.Construction => "建新区",
        _ => zone.ToString(),
    };

    public static string Of(ReclamationDirection direction) => direction switch
    {
        ReclamationDirection.Farmland => "耕地",
        ReclamationDirection.Forest => "林地",
        ReclamationDirection.Grassland => "草地",
        ReclamationDirection.KeepConstruction => "保留建设用地",
        _ => direction.ToString(),
    };

    public static string Of(Stage stage) => Lifecycle.NameOf(stage);

    /// <summary>Traded projects: their acceptance clock may run from the first trade date (004 二(二)).</summary>
    public static bool IsTraded(this ProjectKind kind) => kind != ProjectKind.InCounty;
}
