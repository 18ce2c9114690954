using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>Advancing through the stages: order, roles, 文号, dates and the history each step leaves.</summary>
public sealed class ProjectAreaLifecycleTests
{
    public static TheoryData<Stage, string> StagesWithRolesThatNeverTakeAStep()
    {
        var data = new TheoryData<Stage, string>();
        foreach (var stage in Lifecycle.Stages.Where(s => s != Stage.Completed))
        {
            data.Add(stage, Roles.SystemAdmin);
            data.Add(stage, Roles.LeadingGroupOffice);
        }

        return data;
    }

    // RULES: the ten stages in order（RULES.md「Lifecycle」; 000 三, 001 四, 003 七, 004 二）
    [Fact]
    public void Stages_AreNamedInTheOrderOfTheLifecycle_Lifecycle001_4()
    {
        Assert.Equal(
            ["摸底调查", "方案编制", "审批立项", "复垦设计", "实施", "自验", "初验", "终验", "备案", "指标归还", "后期管护", "完成"],
            Lifecycle.Stages.Select(Lifecycle.NameOf));
        Assert.Equal("审批立项", ChineseNames.Of(Stage.Approval));
    }

    [Fact]
    public void StepFrom_EachStageButTheLast_LeadsToTheNextStage()
    {
        Assert.All(Lifecycle.Stages.Where(s => s != Stage.Completed), s => Assert.Equal(s + 1, Lifecycle.StepFrom(s)!.To));
        Assert.Null(Lifecycle.StepFrom(Stage.Completed));
    }

    // RULES: the lifecycle in order（RULES.md「Lifecycle」; 000 三, 001 四, 003 七, 004 二）
    [Fact]
    public void Advance_ThroughEveryStepWithTheRightRoles_EndsCompletedWithOneTransitionPerStep_Lifecycle001_4()
    {
        var project = At(Stage.Completed);

        Assert.Equal(Stage.Completed, project.Stage);
        Assert.Null(project.NextStep);
        Assert.Equal(12, project.Transitions.Count);
        Assert.Equal(TransitionKind.Filed, project.Transitions[0].Kind);
        Assert.All(project.Transitions.Skip(1), t => Assert.Equal(TransitionKind.Advanced, t.Kind));
        Assert.Equal(Lifecycle.Stages.SkipLast(1), project.Transitions.Skip(1).Select(t => t.FromStage));
        Assert.Equal(Lifecycle.Stages.Skip(1), project.Transitions.Skip(1).Select(t => t.ToStage));
    }

    // RULES: 自验 → 初验 → 终验（001 四(三), 000 三(四), 003 七）
    [Theory]
    [InlineData(Stage.Implementation, Stage.PreliminaryAcceptance, "自验尚未通过，不能进行初验。")]
    [InlineData(Stage.Survey, Stage.PreliminaryAcceptance, "自验尚未通过，不能进行初验。")]
    [InlineData(Stage.SelfCheck, Stage.FinalAcceptance, "初验尚未通过，不能进行终验。")]
    [InlineData(Stage.Implementation, Stage.FinalAcceptance, "初验尚未通过，不能进行终验。")]
    public void Advance_IntoAnAcceptanceBeforeThePreviousAcceptancePassed_IsRefused_AcceptanceOrder001_4_3(Stage at, Stage target, string message)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(target, ActorForStepFrom(target - 1), Input(Today, "阿自然资发〔2025〕1号"), Now));

        Assert.Equal("stage.order", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(at, project.Stage);
    }

    // RULES: 备案 only after 终验（001 四(四), 001 四(三)）
    [Theory]
    [InlineData(Stage.PreliminaryAcceptance)]
    [InlineData(Stage.SelfCheck)]
    [InlineData(Stage.Planning)]
    public void Advance_IntoFilingBeforeFinalAcceptancePassed_IsRefused_Filing001_4_4(Stage at)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(Stage.Filing, CityApprover, Input(Today, "赤自然资发〔2025〕2号"), Now));

        Assert.Equal("stage.order", error.Code);
        Assert.Equal("终验尚未通过，不能备案。", error.Message);
    }

    // RULES: the lifecycle in order（RULES.md「Lifecycle」）— no skipping
    [Theory]
    [InlineData(Stage.Survey, Stage.Approval, "项目区当前处于“摸底调查”阶段，不能直接进入“审批立项”。")]
    [InlineData(Stage.Planning, Stage.ReclamationDesign, "项目区当前处于“方案编制”阶段，不能直接进入“复垦设计”。")]
    [InlineData(Stage.Approval, Stage.Implementation, "项目区当前处于“审批立项”阶段，不能直接进入“实施”。")]
    [InlineData(Stage.Filing, Stage.Completed, "项目区当前处于“备案”阶段，不能直接进入“完成”。")]
    public void Advance_SkippingAStage_IsRefused_Lifecycle001_4(Stage at, Stage target, string message)
    {
        var project = At(at);
        var transitions = project.Transitions.Count;

        var error = Assert.Throws<DomainException>(() => project.Advance(target, ActorForStepFrom(at), Input(Today, "赤政发〔2025〕3号"), Now));

        Assert.Equal("stage.order", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(at, project.Stage);
        Assert.Equal(transitions, project.Transitions.Count);
    }

    // RULES: the lifecycle in order（RULES.md「Lifecycle」）— a stale form cannot repeat or undo a step
    [Theory]
    [InlineData(Stage.Approval)]
    [InlineData(Stage.Planning)]
    [InlineData(Stage.Survey)]
    public void Advance_ToTheCurrentOrAnEarlierStage_IsRefusedAsStale_Lifecycle001_4(Stage target)
    {
        var project = At(Stage.Approval);

        var error = Assert.Throws<DomainException>(() => project.Advance(target, CityApprover, Input(Today, "赤政发〔2022〕88号"), Now));

        Assert.Equal("stage.order", error.Code);
        Assert.Equal("项目区已处于“审批立项”阶段，该操作已由他人办理或已过期，请刷新页面。", error.Message);
        Assert.Null(project.ApprovedOn);
    }

    // RULES: who acts where — 004 二(一) approval by city or province; 004 二(二) city approves the design;
    // 001 四(三) 自验 township, 初验 county, 终验 city or province; 001 四(四) 备案 by the county
    [Theory]
    [InlineData(Stage.Survey, Roles.TownshipClerk, "“完成摸底调查”只能由县局经办人办理。")]
    [InlineData(Stage.Planning, Roles.CountyReviewer, "“提交审批”只能由县局经办人办理。")]
    [InlineData(Stage.Approval, Roles.CountyReviewer, "“批准立项”只能由市级审批人或省级审批人办理。")]
    [InlineData(Stage.Approval, Roles.CountyClerk, "“批准立项”只能由市级审批人或省级审批人办理。")]
    [InlineData(Stage.ReclamationDesign, Roles.ProvinceApprover, "“批复复垦设计”只能由市级审批人办理。")]
    [InlineData(Stage.ReclamationDesign, Roles.CountyClerk, "“批复复垦设计”只能由市级审批人办理。")]
    [InlineData(Stage.Implementation, Roles.CityApprover, "“申请自验”只能由乡镇经办人或县局经办人办理。")]
    [InlineData(Stage.SelfCheck, Roles.CountyReviewer, "“自验通过”只能由乡镇经办人或县局经办人办理。")]
    [InlineData(Stage.PreliminaryAcceptance, Roles.TownshipClerk, "“初验通过”只能由县局审核人办理。")]
    [InlineData(Stage.PreliminaryAcceptance, Roles.CountyClerk, "“初验通过”只能由县局审核人办理。")]
    [InlineData(Stage.PreliminaryAcceptance, Roles.CityApprover, "“初验通过”只能由县局审核人办理。")]
    [InlineData(Stage.FinalAcceptance, Roles.CountyReviewer, "“终验通过”只能由市级审批人或省级审批人办理。")]
    [InlineData(Stage.FinalAcceptance, Roles.TownshipClerk, "“终验通过”只能由市级审批人或省级审批人办理。")]
    [InlineData(Stage.Filing, Roles.CityApprover, "“备案完成”只能由县局经办人办理。")]
    [InlineData(Stage.QuotaReturn, Roles.TownshipClerk, "“周转指标已归还”只能由县局经办人办理。")]
    [InlineData(Stage.Aftercare, Roles.CountyReviewer, "“管护期满，项目完成”只能由县局经办人办理。")]
    public void Advance_ByARoleThatDoesNotTakeTheStep_IsRefused_Roles004_2_And001_4_3(Stage at, string role, string message)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(at + 1, ActorWithRole(role), new StageActionInput(Today, DocumentForStepFrom(at), null), Now));

        Assert.Equal("stage.role", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(at, project.Stage);
    }

    // RULES: 系统管理员 does no business approval; the 领导小组办公室 reviews progress only（Roles.cs, RULES.md「People」）
    [Theory]
    [MemberData(nameof(StagesWithRolesThatNeverTakeAStep))]
    public void Advance_BySystemAdminOrLeadingGroupOffice_IsRefusedAtEveryStage(Stage at, string role)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(at + 1, ActorWithRole(role), new StageActionInput(Today, DocumentForStepFrom(at), null), Now));

        Assert.Equal("stage.role", error.Code);
    }

    // RULES: 004 二(一) approval by city or province; 004 二(二) city approves the design;
    // 001 四(三) 自验 by the township (or county clerk), 初验 by the county, 终验 by city or province
    [Theory]
    [InlineData(Stage.Approval, Roles.CityApprover)]
    [InlineData(Stage.Approval, Roles.ProvinceApprover)]
    [InlineData(Stage.ReclamationDesign, Roles.CityApprover)]
    [InlineData(Stage.Implementation, Roles.TownshipClerk)]
    [InlineData(Stage.Implementation, Roles.CountyClerk)]
    [InlineData(Stage.SelfCheck, Roles.TownshipClerk)]
    [InlineData(Stage.SelfCheck, Roles.CountyClerk)]
    [InlineData(Stage.PreliminaryAcceptance, Roles.CountyReviewer)]
    [InlineData(Stage.FinalAcceptance, Roles.CityApprover)]
    [InlineData(Stage.FinalAcceptance, Roles.ProvinceApprover)]
    [InlineData(Stage.Filing, Roles.CountyClerk)]
    public void Advance_ByARoleThatTakesTheStep_MovesOnAndRecordsTheRole_Roles004_2_And001_4_3(Stage at, string role)
    {
        var project = At(at);

        project.TakeNextStep(ActorWithRole(role));

        Assert.Equal(at + 1, project.Stage);
        Assert.Equal(role, project.Transitions[^1].ActorRole);
    }

    // RULES: the approval's 文号 is the project's 立项; acceptance and 备案 leave a document（004 二(一)(二), 001 四(三)(四)）
    [Theory]
    [InlineData(Stage.Approval, "批准立项")]
    [InlineData(Stage.ReclamationDesign, "批复复垦设计")]
    [InlineData(Stage.PreliminaryAcceptance, "初验通过")]
    [InlineData(Stage.FinalAcceptance, "终验通过")]
    [InlineData(Stage.Filing, "备案完成")]
    public void Advance_WithoutADocumentNumberWhereOneIsRequired_IsRefused_Documents004_2(Stage at, string action)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(at + 1, ActorForStepFrom(at), Input(Today, document: "  "), Now));

        Assert.Equal("stage.document_number.required", error.Code);
        Assert.Equal($"“{action}”必须填写批复或验收文件的文号。", error.Message);
        Assert.Equal(at, project.Stage);
    }

    [Theory]
    [InlineData(Stage.Survey)]
    [InlineData(Stage.Planning)]
    [InlineData(Stage.Implementation)]
    [InlineData(Stage.SelfCheck)]
    [InlineData(Stage.QuotaReturn)]
    [InlineData(Stage.Aftercare)]
    public void Advance_WithoutADocumentNumberWhereNoneIsRequired_Passes(Stage at)
    {
        var project = At(at);

        project.Advance(at + 1, ActorForStepFrom(at), Input(Today), Now);

        Assert.Equal(at + 1, project.Stage);
        Assert.Null(project.Transitions[^1].DocumentNumber);
    }

    // RULES: 审批立项 by the city government or the provincial department（004 二(一)）
    [Theory]
    [InlineData(Roles.CityApprover, ApprovalLevel.City)]
    [InlineData(Roles.ProvinceApprover, ApprovalLevel.Province)]
    public void Advance_Approval_RecordsTheDocumentDateAndLevelOfTheApprover_Approval004_2_1(string role, ApprovalLevel level)
    {
        var project = At(Stage.Approval);

        project.Advance(Stage.ReclamationDesign, ActorWithRole(role), Input(new DateOnly(2022, 8, 15), "赤政发[2022]88号"), Now);

        Assert.Equal("赤政发〔2022〕88号", project.ApprovalDocument?.Value);
        Assert.Equal(new DateOnly(2022, 8, 15), project.ApprovedOn);
        Assert.Equal(level, project.ApprovalLevel);
    }

    // RULES: every step leaves a record: who, when, 文号, opinion（RULES.md「Lifecycle」; StageTransition）
    [Fact]
    public void Advance_RecordsActorDatesDocumentAndTrimmedOpinion()
    {
        var project = At(Stage.Approval);
        var recordedAt = Now.AddMinutes(5);

        project.Advance(Stage.ReclamationDesign, CityApprover, Input(new DateOnly(2022, 8, 15), "赤政发[2022]88号", "  同意立项。 "), recordedAt);

        var t = project.Transitions[^1];
        Assert.Equal(TransitionKind.Advanced, t.Kind);
        Assert.Equal(Stage.Approval, t.FromStage);
        Assert.Equal(Stage.ReclamationDesign, t.ToStage);
        Assert.Equal(CityApprover.UserId, t.ActorId);
        Assert.Equal("刘市审批", t.ActorName);
        Assert.Equal(Roles.CityApprover, t.ActorRole);
        Assert.Equal(recordedAt, t.OccurredAt);
        Assert.Equal(new DateOnly(2022, 8, 15), t.EffectiveOn);
        Assert.Equal("赤政发〔2022〕88号", t.DocumentNumber?.Value);
        Assert.Equal("同意立项。", t.Opinion);
        Assert.Equal(recordedAt, project.UpdatedAt);
    }

    [Fact]
    public void Advance_WithABlankOpinion_RecordsNoOpinion()
    {
        var project = At(Stage.Implementation);

        project.Advance(Stage.SelfCheck, TownshipClerk, Input(Today, opinion: "   "), Now);

        Assert.Null(project.Transitions[^1].Opinion);
    }

    [Fact]
    public void File_RecordsTheFilingAsTheFirstTransition()
    {
        var project = NewProject();

        var t = Assert.Single(project.Transitions);
        Assert.Equal((TransitionKind.Filed, Stage.Survey, Stage.Survey), (t.Kind, t.FromStage, t.ToStage));
        Assert.Equal((CountyClerk.UserId, CountyClerk.Name, CountyClerk.RoleCode), (t.ActorId, t.ActorName, t.ActorRole));
        Assert.Equal(Now, t.OccurredAt);
        Assert.Equal(Today, t.EffectiveOn);
        Assert.Equal("新建项目区", t.Opinion);
        Assert.Equal(Now, project.CreatedAt);
    }

    [Fact]
    public void Advance_WithAnOpinionOfMaximumLength_IsRecorded()
    {
        var project = At(Stage.Implementation);

        project.Advance(Stage.SelfCheck, TownshipClerk, Input(Today, opinion: new string('意', StageTransition.MaxOpinionLength)), Now);

        Assert.Equal(StageTransition.MaxOpinionLength, project.Transitions[^1].Opinion?.Length);
    }

    [Fact]
    public void Advance_WithAnOpinionOverMaximumLength_IsRefusedAndTheStageStays()
    {
        var project = At(Stage.Implementation);
        var transitions = project.Transitions.Count;

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(Stage.SelfCheck, TownshipClerk, Input(Today, opinion: new string('意', StageTransition.MaxOpinionLength + 1)), Now));

        Assert.Equal("stage.opinion.too_long", error.Code);
        Assert.Equal(Stage.Implementation, project.Stage);
        Assert.Equal(transitions, project.Transitions.Count);
    }

    // A refused 批准立项 must leave no approval behind: the opinion is checked only after the approval was written.
    [Fact]
    public void Advance_ApprovalWithAnOpinionOverMaximumLength_LeavesTheProjectUnapproved()
    {
        var project = At(Stage.Approval);

        var error = Assert.Throws<DomainException>(() => project.Advance(Stage.ReclamationDesign, CityApprover,
            Input(ApprovedOn, "赤政发〔2022〕88号", new string('意', StageTransition.MaxOpinionLength + 1)), Now));

        Assert.Equal("stage.opinion.too_long", error.Code);
        Assert.Equal(Stage.Approval, project.Stage);
        Assert.Null(project.ApprovedOn);
        Assert.Null(project.ApprovalDocument);
        Assert.Null(project.ImplementationDueOn);
        Assert.Empty(project.Deadlines());
    }

    // RULES: business dates are Beijing dates（ChinaTime）; a step cannot be dated in the future
    [Fact]
    public void Advance_DatedTomorrow_IsRefused()
    {
        var project = At(Stage.Implementation);

        var error = Assert.Throws<DomainException>(() => project.Advance(Stage.SelfCheck, TownshipClerk, Input(Today.AddDays(1)), Now));

        Assert.Equal("stage.date.future", error.Code);
        Assert.Equal("日期不能晚于今天。", error.Message);
        Assert.Equal(Stage.Implementation, project.Stage);
    }

    [Fact]
    public void Advance_DatedTodayInBeijingWhileItIsStillYesterdayInUtc_IsAccepted()
    {
        var project = At(Stage.Implementation);
        var earlyMorningInBeijing = new DateTimeOffset(2025, 6, 30, 16, 30, 0, TimeSpan.Zero); // 2025-07-01 00:30 +08:00

        project.Advance(Stage.SelfCheck, TownshipClerk, Input(new DateOnly(2025, 7, 1)), earlyMorningInBeijing);

        Assert.Equal(new DateOnly(2025, 7, 1), project.Transitions[^1].EffectiveOn);
    }

    [Fact]
    public void Advance_DatedTomorrowInBeijing_IsRefusedWhateverOffsetNowCarries()
    {
        var project = At(Stage.Implementation);
        var lateEveningInBeijing = new DateTimeOffset(2025, 6, 30, 23, 30, 0, TimeSpan.FromHours(8));

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(Stage.SelfCheck, TownshipClerk, Input(new DateOnly(2025, 7, 1)), lateEveningInBeijing.ToOffset(TimeSpan.FromHours(-8))));

        Assert.Equal("stage.date.future", error.Code);
    }

    // RULES: the lifecycle in order（RULES.md「Lifecycle」）— dates follow the order of the steps
    [Fact]
    public void Advance_DatedBeforeThePreviousStep_IsRefusedNamingThatDate()
    {
        var project = At(Stage.Approval); // submitted 2022-05-10

        var error = Assert.Throws<DomainException>(() =>
            project.Advance(Stage.ReclamationDesign, CityApprover, Input(new DateOnly(2022, 5, 9), "赤政发〔2022〕88号"), Now));

        Assert.Equal("stage.date.before_previous", error.Code);
        Assert.Equal("日期不能早于上一环节的日期 2022-05-10。", error.Message);
        Assert.Null(project.ApprovedOn);
    }

    [Fact]
    public void Advance_DatedTheSameDayAsThePreviousStep_IsAccepted()
    {
        var project = At(Stage.Approval);

        project.Advance(Stage.ReclamationDesign, CityApprover, Input(new DateOnly(2022, 5, 10), "赤政发〔2022〕88号"), Now);

        Assert.Equal(new DateOnly(2022, 5, 10), project.ApprovedOn);
    }

    [Fact]
    public void Advance_DatedBeforeTheDayTheProjectWasEntered_IsAcceptedForHistoricProjects()
    {
        var project = NewProject(); // entered 2025-06-30

        project.Advance(Stage.Planning, CountyClerk, Input(new DateOnly(2021, 11, 1)), Now);

        Assert.Equal(Stage.Planning, project.Stage);
    }

    // RULES: a completed project is closed（RULES.md「Lifecycle」10 后期管护 ends it）
    [Fact]
    public void Advance_OnACompletedProject_IsRefused()
    {
        var project = At(Stage.Completed);

        var error = Assert.Throws<DomainException>(() => project.Advance(Stage.Completed, CountyClerk, Input(Today), Now));

        Assert.Equal("project.completed", error.Code);
        Assert.Equal("项目区已完成，不能再修改。", error.Message);
    }

    [Fact]
    public void NextStep_FollowsTheStage()
    {
        var project = At(Stage.PreliminaryAcceptance);

        Assert.Equal("初验通过", project.NextStep?.Action);
        Assert.True(project.NextStep?.RequiresDocumentNumber);
        Assert.True(project.NextStep?.CanReturn);
        Assert.Equal("初验不通过，退回自验", project.NextStep?.ReturnAction);
    }
}
