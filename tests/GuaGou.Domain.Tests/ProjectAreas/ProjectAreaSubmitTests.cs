using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>提交审批: the step from 方案编制 to 审批立项, where the area balance is enforced.</summary>
public sealed class ProjectAreaSubmitTests
{
    private static ProjectArea Planning() => NewProject().WalkTo(Stage.Planning);

    private static void Submit(ProjectArea project) =>
        project.Advance(Stage.Approval, CountyClerk, Input(DateOfStepFrom(Stage.Planning)), Now);

    // RULES: 编制实施方案 needs 拆旧地块（RULES.md「Lifecycle」2, 003 四(二)）
    [Fact]
    public void Submit_WithoutAnyParcel_IsRefused_PlanNeedsDemolition003_4_2()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() => Submit(project));

        Assert.Equal("submit.no_parcels", error.Code);
        Assert.Equal("项目区还没有拆旧地块，不能提交审批。", error.Message);
        Assert.Equal(Stage.Planning, project.Stage);
    }

    // RULES: 编制实施方案 needs 拆旧地块（003 四(二)）— 建新 alone is not a plan
    [Fact]
    public void Submit_WithOnlyConstructionParcels_IsRefused_PlanNeedsDemolition003_4_2()
    {
        var project = Planning();
        project.AddConstruction("JX-01", 100m);

        Assert.Equal("submit.no_parcels", Assert.Throws<DomainException>(() => Submit(project)).Code);
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed, equal passes（001 二(二), 004 一）
    [Fact]
    public void Submit_WhenConstructionEqualsReclaimed_Passes_AreaBalance001_2_2()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 10_000m);

        Submit(project);

        Assert.Equal(Stage.Approval, project.Stage);
        var last = project.Transitions[^1];
        Assert.Equal((TransitionKind.Advanced, Stage.Planning, Stage.Approval), (last.Kind, last.FromStage, last.ToStage));
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed, equal passes（001 二(二), 004 一）— summed over several parcels
    [Fact]
    public void Submit_WhenSeveralParcelsAddUpToExactlyTheReclaimedArea_Passes_AreaBalance001_2_2()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 3_333.33m);
        project.AddDemolition("CJ-02", 3_333.33m, ReclamationDirection.Forest);
        project.AddDemolition("CJ-03", 3_333.34m, ReclamationDirection.Grassland);
        project.AddConstruction("JX-01", 4_999.99m);
        project.AddConstruction("JX-02", 5_000.01m);

        Submit(project);

        Assert.Equal(Stage.Approval, project.Stage);
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed; the system refuses to submit a plan that breaks it（001 二(二), 004 一）
    [Fact]
    public void Submit_WhenConstructionExceedsReclaimedByOneCent_IsRefused_AreaBalance001_2_2()
    {
        using var culture = UseCulture("zh-CN");
        var project = Planning();
        project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 10_000.01m);
        var transitionsBefore = project.Transitions.Count;

        var error = Assert.Throws<DomainException>(() => Submit(project));

        Assert.Equal("area.balance.exceeded", error.Code);
        Assert.Equal(
            "建新面积 10,000.01 平方米（15.00 亩（1.0000 公顷））超过拆旧复垦面积 10,000.00 平方米（15.00 亩（1.0000 公顷）），超出 0.01 平方米，不能提交。",
            error.Message);
        Assert.Equal(Stage.Planning, project.Stage);
        Assert.Equal(transitionsBefore, project.Transitions.Count);
    }

    // RULES: only the reclaimed part of 拆旧 counts; 保留建设用地 is not reclaimed（001 二(二), 003 二(四)）
    [Fact]
    public void Submit_WhenOnlyParcelsKeptAsConstructionLandWouldCoverTheConstruction_IsRefused_AreaBalance001_2_2()
    {
        using var culture = UseCulture("zh-CN");
        var project = Planning();
        project.AddDemolition("CJ-01", 6_000m);
        project.AddDemolition("CJ-02", 4_000m, ReclamationDirection.KeepConstruction);
        project.AddConstruction("JX-01", 6_000.01m);

        var error = Assert.Throws<DomainException>(() => Submit(project));

        Assert.Equal("area.balance.exceeded", error.Code);
        Assert.Contains("超过拆旧复垦面积 6,000.00 平方米", error.Message, StringComparison.Ordinal);
        Assert.Contains("超出 0.01 平方米", error.Message, StringComparison.Ordinal);
    }

    // RULES: 保留建设用地 parcels do not count, but do not hurt either（001 二(二), 003 二(四)）
    [Fact]
    public void Submit_WhenConstructionEqualsTheReclaimedPartBesideKeptParcels_Passes_AreaBalance001_2_2()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 6_000m);
        project.AddDemolition("CJ-02", 4_000m, ReclamationDirection.KeepConstruction);
        project.AddConstruction("JX-01", 6_000m);

        Submit(project);

        Assert.Equal(Stage.Approval, project.Stage);
    }

    // RULES: 拆旧 kept entirely as construction land reclaims nothing: any 建新 exceeds it（001 二(二), 003 二(四)）
    [Fact]
    public void Submit_WhenAllDemolitionIsKeptAsConstructionLandAndThereIsConstruction_IsRefused_AreaBalance001_2_2()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 10_000m, ReclamationDirection.KeepConstruction);
        project.AddConstruction("JX-01", 0.01m);

        Assert.Equal("area.balance.exceeded", Assert.Throws<DomainException>(() => Submit(project)).Code);
    }

    // RULES: 林地/草地 are reclaimed too（003 二(四)）
    [Fact]
    public void Submit_WhenForestAndGrasslandCoverTheConstruction_Passes_Direction003_2_4()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 5_000m, ReclamationDirection.Forest);
        project.AddDemolition("CJ-02", 5_000m, ReclamationDirection.Grassland);
        project.AddConstruction("JX-01", 10_000m);

        Submit(project);

        Assert.Equal(Stage.Approval, project.Stage);
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed（001 二(二)）, judged on the area computed from the boundary when there is one
    [Fact]
    public void Submit_WhenTheComputedAreaIsSmallerThanTheDeclaredOne_IsJudgedOnTheComputedArea_AreaBalance001_2_2()
    {
        var project = Planning();
        var parcel = project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 10_000m);
        WithComputedArea(parcel, 9_999.99m);

        Assert.Equal("area.balance.exceeded", Assert.Throws<DomainException>(() => Submit(project)).Code);
    }

    // RULES: 003 二(三) surplus target is a goal, not a condition of submission
    [Fact]
    public void Submit_WithNoSurplusAtAll_IsNotRefusedForMissingTheFiftyPercentTarget_SurplusTarget003_2_3()
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 1_000m);
        project.AddConstruction("JX-01", 1_000m);

        Submit(project);

        Assert.False(project.Balance.MeetsSurplusTarget);
        Assert.Equal(Stage.Approval, project.Stage);
    }
}
