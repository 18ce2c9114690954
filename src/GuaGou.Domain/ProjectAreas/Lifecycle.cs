using GuaGou.Domain.Access;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>The stages of a project area, in order (RULES.md "Lifecycle"; 000 三, 001 四, 003 七, 004 二).</summary>
public enum Stage
{
    Survey = 1,
    Planning = 2,
    Approval = 3,
    ReclamationDesign = 4,
    Implementation = 5,
    SelfCheck = 6,
    PreliminaryAcceptance = 7,
    FinalAcceptance = 8,
    Filing = 9,
    QuotaReturn = 10,
    Aftercare = 11,
    Completed = 12,
}

/// <summary>
/// The step that ends a stage and starts the next: its Chinese action name, who may take it, and what it must
/// record. Review stages can also send the project back one stage with a reason.
/// </summary>
public sealed record LifecycleStep(
    Stage From,
    string Action,
    IReadOnlyList<string> Roles,
    bool RequiresDocumentNumber,
    bool CanReturn,
    string? ReturnAction)
{
    public Stage To => From + 1;
}

public static class Lifecycle
{
    private static readonly string[] Names =
        ["", "摸底调查", "方案编制", "审批立项", "复垦设计", "实施", "自验", "初验", "终验", "备案", "指标归还", "后期管护", "完成"];

    public static IReadOnlyList<Stage> Stages { get; } = Enum.GetValues<Stage>();

    // Who acts where: 004 二(一) approval by city or province; 004 二(二) city approves the reclamation design;
    // 001 四(三) 自验 by the township, 初验 by the county, 终验 by city or province; 001 四(四) 备案.
    private static readonly LifecycleStep[] Steps =
    [
        new(Stage.Survey, "完成摸底调查", [Roles.CountyClerk], false, false, null),
        new(Stage.Planning, "提交审批", [Roles.CountyClerk], false, false, null),
        new(Stage.Approval, "批准立项", [Roles.CityApprover, Roles.ProvinceApprover], true, true, "退回方案编制"),
        new(Stage.ReclamationDesign, "批复复垦设计", [Roles.CityApprover], true, true, "退回审批立项"),
        new(Stage.Implementation, "申请自验", [Roles.TownshipClerk, Roles.CountyClerk], false, false, null),
        new(Stage.SelfCheck, "自验通过", [Roles.TownshipClerk, Roles.CountyClerk], false, true, "自验不通过，退回实施"),
        new(Stage.PreliminaryAcceptance, "初验通过", [Roles.CountyReviewer], true, true, "初验不通过，退回自验"),
        new(Stage.FinalAcceptance, "终验通过", [Roles.CityApprover, Roles.ProvinceApprover], true, true, "终验不通过，退回初验"),
        new(Stage.Filing, "备案完成", [Roles.CountyClerk], true, true, "备案退回终验"),
        new(Stage.QuotaReturn, "周转指标已归还", [Roles.CountyClerk], false, false, null),
        new(Stage.Aftercare, "管护期满，项目完成", [Roles.CountyClerk], false, false, null),
    ];

    public static string NameOf(Stage stage) => Names[(int)stage];

    /// <summary>The step out of <paramref name="stage"/>; null when the project is complete.</summary>
    public static LifecycleStep? StepFrom(Stage stage) => Steps.FirstOrDefault(s => s.From == stage);
}
