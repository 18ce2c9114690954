using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>A review that does not pass sends the project back exactly one stage, with a reason.</summary>
public sealed class ProjectAreaReturnTests
{
    // RULES: reviews that do not pass go back one stage — 审批 (004 二(一)), 复垦设计 (004 二(二)),
    // 自验/初验/终验 (001 四(三)), 备案 (001 四(四))
    [Theory]
    [InlineData(Stage.Approval, Roles.CityApprover)]
    [InlineData(Stage.Approval, Roles.ProvinceApprover)]
    [InlineData(Stage.ReclamationDesign, Roles.CityApprover)]
    [InlineData(Stage.SelfCheck, Roles.TownshipClerk)]
    [InlineData(Stage.PreliminaryAcceptance, Roles.CountyReviewer)]
    [InlineData(Stage.FinalAcceptance, Roles.ProvinceApprover)]
    [InlineData(Stage.Filing, Roles.CountyClerk)]
    public void Return_FromAReviewStage_GoesBackExactlyOneStageAndRecordsTheReason_Review001_4_3(Stage at, string role)
    {
        var project = At(at);
        var actor = ActorWithRole(role);

        project.ReturnToPreviousStage(actor, "  材料不全，请补正。 ", Today, Now);

        Assert.Equal(at - 1, project.Stage);
        var t = project.Transitions[^1];
        Assert.Equal(TransitionKind.Returned, t.Kind);
        Assert.Equal(at, t.FromStage);
        Assert.Equal(at - 1, t.ToStage);
        Assert.Equal((actor.UserId, actor.Name, role), (t.ActorId, t.ActorName, t.ActorRole));
        Assert.Equal(Today, t.EffectiveOn);
        Assert.Equal(Now, t.OccurredAt);
        Assert.Null(t.DocumentNumber);
        Assert.Equal("材料不全，请补正。", t.Opinion);
    }

    // RULES: only review stages can send a project back（Lifecycle.cs CanReturn; RULES.md「Lifecycle」）
    [Theory]
    [InlineData(Stage.Survey, "摸底调查")]
    [InlineData(Stage.Planning, "方案编制")]
    [InlineData(Stage.Implementation, "实施")]
    [InlineData(Stage.QuotaReturn, "指标归还")]
    [InlineData(Stage.Aftercare, "后期管护")]
    public void Return_FromAStageThatCannotReturn_IsRefused(Stage at, string name)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() => project.ReturnToPreviousStage(ActorForStepFrom(at), "理由", Today, Now));

        Assert.Equal("stage.return.not_allowed", error.Code);
        Assert.Equal($"“{name}”阶段不能退回。", error.Message);
        Assert.Equal(at, project.Stage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_WithoutAReason_IsRefused(string reason)
    {
        var project = At(Stage.PreliminaryAcceptance);
        var transitions = project.Transitions.Count;

        var error = Assert.Throws<DomainException>(() => project.ReturnToPreviousStage(CountyReviewer, reason, Today, Now));

        Assert.Equal("stage.return.reason_required", error.Code);
        Assert.Equal("退回必须填写理由。", error.Message);
        Assert.Equal(Stage.PreliminaryAcceptance, project.Stage);
        Assert.Equal(transitions, project.Transitions.Count);
    }

    // RULES: the reviewer who may pass a step is the one who may send it back（004 二(一)(二), 001 四(三)）
    [Theory]
    [InlineData(Stage.Approval, Roles.CountyClerk, "“退回方案编制”只能由市级审批人或省级审批人办理。")]
    [InlineData(Stage.ReclamationDesign, Roles.ProvinceApprover, "“退回审批立项”只能由市级审批人办理。")]
    [InlineData(Stage.PreliminaryAcceptance, Roles.TownshipClerk, "“初验不通过，退回自验”只能由县局审核人办理。")]
    [InlineData(Stage.FinalAcceptance, Roles.CountyReviewer, "“终验不通过，退回初验”只能由市级审批人或省级审批人办理。")]
    public void Return_ByARoleThatDoesNotReviewTheStep_IsRefused_Roles004_2_And001_4_3(Stage at, string role, string message)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() => project.ReturnToPreviousStage(ActorWithRole(role), "不同意", Today, Now));

        Assert.Equal("stage.role", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(at, project.Stage);
    }

    [Fact]
    public void Return_DatedInTheFuture_IsRefused()
    {
        var project = At(Stage.FinalAcceptance);

        Assert.Equal("stage.date.future",
            Assert.Throws<DomainException>(() => project.ReturnToPreviousStage(CityApprover, "不同意", Today.AddDays(1), Now)).Code);
    }

    [Fact]
    public void Return_DatedBeforeThePreviousStep_IsRefused()
    {
        var project = At(Stage.FinalAcceptance); // 初验通过 on 2023-11-15

        var error = Assert.Throws<DomainException>(() => project.ReturnToPreviousStage(CityApprover, "不同意", new DateOnly(2023, 11, 14), Now));

        Assert.Equal("stage.date.before_previous", error.Code);
        Assert.Contains("2023-11-15", error.Message, StringComparison.Ordinal);
    }

    // RULES: the approval is the project's 立项 and starts its clocks（004 二(一), 003 四(二)）; withdrawn, they go
    [Fact]
    public void Return_FromReclamationDesign_WithdrawsTheApprovalAndItsDeadlines_Approval004_2_1()
    {
        var project = At(Stage.ReclamationDesign);
        Assert.NotNull(project.ApprovedOn);

        project.ReturnToPreviousStage(CityApprover, "立项批复有误，撤回重批。", Today, Now);

        Assert.Equal(Stage.Approval, project.Stage);
        Assert.Null(project.ApprovedOn);
        Assert.Null(project.ApprovalDocument);
        Assert.Null(project.ApprovalLevel);
        Assert.Null(project.ImplementationDueOn);
        Assert.Null(project.AcceptanceDueOn);
        Assert.Empty(project.Deadlines());
        Assert.False(project.IsOverdue(new DateOnly(2030, 1, 1)));
    }

    // RULES: deadlines run from the approval（003 四(二), 004 二(二)）— the new approval, after a withdrawal
    [Fact]
    public void Approve_AgainAfterAWithdrawal_StartsTheDeadlinesFromTheNewApproval_Deadline003_4_2()
    {
        var project = At(Stage.ReclamationDesign);
        project.ReturnToPreviousStage(CityApprover, "撤回重批", new DateOnly(2025, 6, 1), Now);

        project.Advance(Stage.ReclamationDesign, ProvinceApprover, Input(new DateOnly(2025, 6, 20), "内自然资发〔2025〕7号"), Now);

        Assert.Equal(new DateOnly(2025, 6, 20), project.ApprovedOn);
        Assert.Equal(ApprovalLevel.Province, project.ApprovalLevel);
        Assert.Equal("内自然资发〔2025〕7号", project.ApprovalDocument?.Value);
        Assert.Equal(new DateOnly(2027, 6, 20), project.ImplementationDueOn);
        Assert.Equal(new DateOnly(2028, 6, 20), project.AcceptanceDueOn);
    }

    // RULES: one extension of 1 year of the approval's implementation period（003 四(二)）. The extension belonged
    // to the withdrawn approval; a new approval starts a fresh 2-year period (and may be extended once itself).
    [Fact]
    public void Approve_AgainAfterAWithdrawal_DoesNotInheritTheExtensionOfTheWithdrawnApproval_Extension003_4_2()
    {
        var project = At(Stage.ReclamationDesign);
        project.GrantExtension(CountyClerk, DocumentNumber.Parse("内自然资函〔2024〕33号"), new DateOnly(2024, 6, 1), Now);
        project.ReturnToPreviousStage(CityApprover, "撤回重批", new DateOnly(2025, 6, 1), Now);

        project.Advance(Stage.ReclamationDesign, CityApprover, Input(new DateOnly(2025, 6, 20), "赤政发〔2025〕30号"), Now);

        Assert.Equal(new DateOnly(2027, 6, 20), project.ImplementationDueOn);
    }

    // A refused return must leave the approval in place: the reason's length is checked only after the withdrawal.
    [Fact]
    public void Return_FromReclamationDesignWithAReasonOverMaximumLength_KeepsTheApproval()
    {
        var project = At(Stage.ReclamationDesign);

        var error = Assert.Throws<DomainException>(() =>
            project.ReturnToPreviousStage(CityApprover, new string('理', StageTransition.MaxOpinionLength + 1), Today, Now));

        Assert.Equal("stage.opinion.too_long", error.Code);
        Assert.Equal(Stage.ReclamationDesign, project.Stage);
        Assert.Equal(ApprovedOn, project.ApprovedOn);
        Assert.Equal(new DateOnly(2024, 8, 15), project.ImplementationDueOn);
    }

    [Fact]
    public void Return_FromApproval_LeavesNoApprovalAndReopensTheParcels()
    {
        var project = At(Stage.Approval);

        project.ReturnToPreviousStage(CityApprover, "建新区选址需调整", Today, Now);

        Assert.Equal(Stage.Planning, project.Stage);
        Assert.Null(project.ApprovedOn);
        var added = project.AddDemolition("CJ-09", 1_000m);
        Assert.Contains(added, project.Parcels);
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed（001 二(二), 004 一）— checked again when the plan comes back
    [Fact]
    public void Resubmit_AfterAReturnWithParcelsThatNowBreakTheBalance_IsRefused_AreaBalance001_2_2()
    {
        var project = At(Stage.Approval); // 拆旧 10 000 m² reclaimed, 建新 5 000 m²
        project.ReturnToPreviousStage(CityApprover, "调整", new DateOnly(2025, 6, 1), Now);
        project.AddConstruction("JX-02", 5_000.01m);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(Stage.Approval, CountyClerk, Input(new DateOnly(2025, 6, 2)), Now));

        Assert.Equal("area.balance.exceeded", error.Code);
        Assert.Equal(Stage.Planning, project.Stage);
    }

    [Fact]
    public void Resubmit_DatedBeforeTheReturn_IsRefused()
    {
        var project = At(Stage.Approval);
        project.ReturnToPreviousStage(CityApprover, "调整", new DateOnly(2025, 6, 1), Now);

        var error = Assert.Throws<DomainException>(() => project.Advance(Stage.Approval, CountyClerk, Input(new DateOnly(2025, 5, 31)), Now));

        Assert.Equal("stage.date.before_previous", error.Code);
        Assert.Contains("2025-06-01", error.Message, StringComparison.Ordinal);
    }

    // RULES: 003 四(二) implementation deadline is met once 自验 is applied for; a failed 自验 reopens it
    [Fact]
    public void Return_FromSelfCheck_ReopensTheImplementationDeadline_Deadline003_4_2()
    {
        var project = At(Stage.SelfCheck);
        Assert.True(project.Deadlines()[0].Done);

        project.ReturnToPreviousStage(TownshipClerk, "自验不通过：复垦地块未平整", Today, Now);

        Assert.Equal(Stage.Implementation, project.Stage);
        Assert.False(project.Deadlines()[0].Done);
    }

    [Fact]
    public void Return_OnACompletedProject_IsRefused() =>
        Assert.Equal("project.completed",
            Assert.Throws<DomainException>(() => At(Stage.Completed).ReturnToPreviousStage(CountyClerk, "理由", Today, Now)).Code);
}
