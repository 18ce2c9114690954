using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>The implementation and acceptance deadlines (003 四(二), 004 二(二)), extensions and the first trade.</summary>
public sealed class ProjectAreaDeadlineTests
{
    private static readonly DocumentNumber ExtensionDocument = DocumentNumber.Parse("内自然资函〔2024〕33号");

    // RULES: implement within 2 years of approval（003 四(二)）; accept within 3 years（004 二(二)）
    [Fact]
    public void Approval_SetsImplementationDueInTwoYearsAndAcceptanceInThree_Deadline003_4_2_And004_2_2()
    {
        var project = At(Stage.ReclamationDesign); // approved 2022-08-15

        Assert.Equal(new DateOnly(2024, 8, 15), project.ImplementationDueOn);
        Assert.Equal(new DateOnly(2025, 8, 15), project.AcceptanceDueOn);
        Assert.Equal(
            [
                new Deadline("实施期限", new DateOnly(2024, 8, 15), false, "批准立项后 2 年"),
                new Deadline("复垦验收期限", new DateOnly(2025, 8, 15), false, "批准立项后 3 年"),
            ],
            project.Deadlines());
    }

    // RULES: deadlines start at the approval（003 四(二), 004 二(二)）
    [Theory]
    [InlineData(Stage.Survey)]
    [InlineData(Stage.Planning)]
    [InlineData(Stage.Approval)]
    public void Deadlines_BeforeApproval_AreNone_Deadline003_4_2(Stage at)
    {
        var project = At(at);

        Assert.Empty(project.Deadlines());
        Assert.Null(project.ImplementationDueOn);
        Assert.Null(project.AcceptanceDueOn);
        Assert.False(project.IsOverdue(new DateOnly(2040, 1, 1)));
        Assert.False(project.IsDueSoon(new DateOnly(2040, 1, 1)));
    }

    // RULES: one extension of 1 year with provincial consent（003 四(二)）
    [Fact]
    public void GrantExtension_Once_AddsOneYearToImplementationOnly_Extension003_4_2()
    {
        var project = At(Stage.Implementation);

        project.GrantExtension(CountyClerk, ExtensionDocument, new DateOnly(2024, 6, 1), Now);

        Assert.Equal(new DateOnly(2025, 8, 15), project.ImplementationDueOn);
        Assert.Equal(new DateOnly(2025, 8, 15), project.AcceptanceDueOn);
        Assert.Equal(new DateOnly(2024, 6, 1), project.ExtensionGrantedOn);
        Assert.Equal(ExtensionDocument, project.ExtensionDocument);
        Assert.Equal("批准立项后 2 年，已延期 1 年（内自然资函〔2024〕33号）", project.Deadlines()[0].Basis);
        Assert.Equal(Stage.Implementation, project.Stage);
    }

    // RULES: one extension（003 四(二)）— recorded in the history
    [Fact]
    public void GrantExtension_IsRecordedWithTheProvincialDocument_Extension003_4_2()
    {
        var project = At(Stage.Implementation);

        project.GrantExtension(CountyClerk, ExtensionDocument, new DateOnly(2024, 6, 1), Now);

        var t = project.Transitions[^1];
        Assert.Equal(TransitionKind.ExtensionGranted, t.Kind);
        Assert.Equal((Stage.Implementation, Stage.Implementation), (t.FromStage, t.ToStage));
        Assert.Equal(CountyClerk.UserId, t.ActorId);
        Assert.Equal(new DateOnly(2024, 6, 1), t.EffectiveOn);
        Assert.Equal(ExtensionDocument, t.DocumentNumber);
        Assert.Equal("实施期限延长 1 年", t.Opinion);
    }

    // RULES: only one extension（003 四(二)）
    [Fact]
    public void GrantExtension_ASecondTime_IsRefusedNamingTheFirst_ExtensionOnce003_4_2()
    {
        var project = At(Stage.Implementation);
        project.GrantExtension(CountyClerk, ExtensionDocument, new DateOnly(2024, 6, 1), Now);

        var error = Assert.Throws<DomainException>(() =>
            project.GrantExtension(CountyClerk, DocumentNumber.Parse("内自然资函〔2025〕2号"), new DateOnly(2025, 6, 1), Now));

        Assert.Equal("extension.once", error.Code);
        Assert.Equal("实施期限只能延期一次，已于 2024-06-01 延期（内自然资函〔2024〕33号）。", error.Message);
        Assert.Equal(new DateOnly(2025, 8, 15), project.ImplementationDueOn);
        Assert.Equal(ExtensionDocument, project.ExtensionDocument);
    }

    // RULES: the extension extends the approval's implementation period（003 四(二)）
    [Theory]
    [InlineData(Stage.Survey)]
    [InlineData(Stage.Planning)]
    [InlineData(Stage.Approval)]
    public void GrantExtension_BeforeApproval_IsRefused_Extension003_4_2(Stage at)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() => project.GrantExtension(CountyClerk, ExtensionDocument, Today, Now));

        Assert.Equal("extension.not_approved", error.Code);
        Assert.Equal("项目区尚未批准立项，无需延期。", error.Message);
        Assert.Null(project.ExtensionGrantedOn);
    }

    // RULES: the extension is of the implementation period（003 四(二)）— pointless once implementation is done
    [Theory]
    [InlineData(Stage.SelfCheck)]
    [InlineData(Stage.FinalAcceptance)]
    [InlineData(Stage.Completed)]
    public void GrantExtension_AfterImplementation_IsRefused_Extension003_4_2(Stage at)
    {
        var project = At(at);

        var error = Assert.Throws<DomainException>(() => project.GrantExtension(CountyClerk, ExtensionDocument, Today, Now));

        Assert.Equal("extension.implementation_done", error.Code);
        Assert.Null(project.ExtensionGrantedOn);
    }

    // RULES: the extension can be recorded from the approval on（003 四(二)）
    [Fact]
    public void GrantExtension_DuringReclamationDesign_IsAccepted_Extension003_4_2()
    {
        var project = At(Stage.ReclamationDesign);

        project.GrantExtension(CountyClerk, ExtensionDocument, new DateOnly(2023, 1, 5), Now);

        Assert.Equal(new DateOnly(2025, 8, 15), project.ImplementationDueOn);
    }

    [Fact]
    public void GrantExtension_ByAnotherRoleThanTheCountyClerk_IsRefused()
    {
        var project = At(Stage.Implementation);

        var error = Assert.Throws<DomainException>(() => project.GrantExtension(ProvinceApprover, ExtensionDocument, Today, Now));

        Assert.Equal("stage.role", error.Code);
        Assert.Equal("“登记延期”只能由县局经办人办理。", error.Message);
    }

    [Fact]
    public void GrantExtension_DatedInTheFuture_IsRefused()
    {
        var project = At(Stage.Implementation);

        Assert.Equal("stage.date.future",
            Assert.Throws<DomainException>(() => project.GrantExtension(CountyClerk, ExtensionDocument, Today.AddDays(1), Now)).Code);
        Assert.Null(project.ExtensionGrantedOn);
    }

    [Fact]
    public void GrantExtension_DatedBeforeTheApproval_IsRefused()
    {
        var project = At(Stage.ReclamationDesign);

        Assert.Equal("extension.before_approval",
            Assert.Throws<DomainException>(() => project.GrantExtension(CountyClerk, ExtensionDocument, ApprovedOn.AddDays(-1), Now)).Code);
    }

    // RULES: traded projects: acceptance within 2 years of the trade date（004 二(二)）
    [Theory]
    [InlineData(ProjectKind.InProvinceTrade)]
    [InlineData(ProjectKind.CrossProvince)]
    public void RecordFirstTrade_ForATradedProject_MovesAcceptanceToTwoYearsAfterTheTrade_Acceptance004_2_2(ProjectKind kind)
    {
        var project = At(Stage.ReclamationDesign, kind);

        project.RecordFirstTrade(CountyClerk, new DateOnly(2023, 1, 10), Now);

        Assert.Equal(new DateOnly(2023, 1, 10), project.FirstTradeOn);
        Assert.Equal(new DateOnly(2025, 1, 10), project.AcceptanceDueOn);
        Assert.Equal(new DateOnly(2024, 8, 15), project.ImplementationDueOn);
        Assert.Equal(new Deadline("复垦验收期限", new DateOnly(2025, 1, 10), false, "首次交易（2023-01-10）后 2 年"), project.Deadlines()[1]);
        var t = project.Transitions[^1];
        Assert.Equal((TransitionKind.FirstTradeRecorded, new DateOnly(2023, 1, 10)), (t.Kind, t.EffectiveOn));
    }

    // RULES: traded projects: within 2 years of the trade date（004 二(二)）— even when that is after approval + 3 years
    [Fact]
    public void RecordFirstTrade_LateTrade_SetsAcceptanceTwoYearsAfterIt_Acceptance004_2_2()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InProvinceTrade);

        project.RecordFirstTrade(CountyClerk, new DateOnly(2024, 12, 1), Now);

        Assert.Equal(new DateOnly(2026, 12, 1), project.AcceptanceDueOn);
    }

    // RULES: the trade clock applies to traded kinds only（004 二(二)）
    [Fact]
    public void RecordFirstTrade_ForAnInCountyProject_IsRefused_Acceptance004_2_2()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InCounty);

        var error = Assert.Throws<DomainException>(() => project.RecordFirstTrade(CountyClerk, new DateOnly(2023, 1, 10), Now));

        Assert.Equal("trade.not_traded", error.Code);
        Assert.Equal("县内挂钩项目不涉及指标交易。", error.Message);
        Assert.Null(project.FirstTradeOn);
        Assert.Equal(new DateOnly(2025, 8, 15), project.AcceptanceDueOn);
    }

    // RULES: quota circulates only after approval（004 二(一)(二)）
    [Fact]
    public void RecordFirstTrade_DatedBeforeTheApproval_IsRefused_Acceptance004_2_2()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InProvinceTrade);

        var error = Assert.Throws<DomainException>(() => project.RecordFirstTrade(CountyClerk, ApprovedOn.AddDays(-1), Now));

        Assert.Equal("trade.before_approval", error.Code);
        Assert.Equal("首次交易日期不能早于批准立项日期。", error.Message);
        Assert.Null(project.FirstTradeOn);
    }

    // RULES: quota circulates only after approval（004 二(一)(二)）
    [Fact]
    public void RecordFirstTrade_BeforeTheProjectIsApproved_IsRefused_Acceptance004_2_2()
    {
        var project = At(Stage.Approval, ProjectKind.InProvinceTrade);

        Assert.Equal("trade.before_approval",
            Assert.Throws<DomainException>(() => project.RecordFirstTrade(CountyClerk, Today, Now)).Code);
    }

    // RULES: 004 二(二) — a trade on the approval day itself is allowed
    [Fact]
    public void RecordFirstTrade_OnTheApprovalDate_IsAccepted_Acceptance004_2_2()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InProvinceTrade);

        project.RecordFirstTrade(CountyClerk, ApprovedOn, Now);

        Assert.Equal(new DateOnly(2024, 8, 15), project.AcceptanceDueOn);
    }

    // RULES: 004 二(二) — the only date bound on a trade is the approval. A trade is not a lifecycle step: one made
    // after 立项 but entered after the 复垦设计 approval (dated later) must still be accepted.
    [Fact]
    public void RecordFirstTrade_AfterApprovalButBeforeTheLatestStepDate_IsAccepted_Acceptance004_2_2()
    {
        var project = At(Stage.Implementation, ProjectKind.InProvinceTrade); // 复垦设计 approved 2022-10-20

        project.RecordFirstTrade(CountyClerk, new DateOnly(2022, 9, 1), Now);

        Assert.Equal(new DateOnly(2024, 9, 1), project.AcceptanceDueOn);
    }

    [Fact]
    public void RecordFirstTrade_ASecondTime_IsRefused()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.CrossProvince);
        project.RecordFirstTrade(CountyClerk, new DateOnly(2023, 1, 10), Now);

        var error = Assert.Throws<DomainException>(() => project.RecordFirstTrade(CountyClerk, new DateOnly(2023, 2, 10), Now));

        Assert.Equal("trade.once", error.Code);
        Assert.Contains("2023-01-10", error.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2023, 1, 10), project.FirstTradeOn);
    }

    [Fact]
    public void RecordFirstTrade_ByAnotherRoleThanTheCountyClerk_IsRefused()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InProvinceTrade);

        var error = Assert.Throws<DomainException>(() => project.RecordFirstTrade(CityApprover, new DateOnly(2023, 1, 10), Now));

        Assert.Equal("stage.role", error.Code);
        Assert.Equal("“登记首次交易”只能由县局经办人办理。", error.Message);
    }

    [Fact]
    public void RecordFirstTrade_DatedInTheFuture_IsRefused()
    {
        var project = At(Stage.ReclamationDesign, ProjectKind.InProvinceTrade);

        Assert.Equal("stage.date.future",
            Assert.Throws<DomainException>(() => project.RecordFirstTrade(CountyClerk, Today.AddDays(1), Now)).Code);
    }

    // RULES: implementation within 2 years（003 四(二)）; overdue → sanctions（004 二(二)）
    [Fact]
    public void IsOverdue_TheDayAfterTheImplementationDeadline_IsTrue_Deadline003_4_2()
    {
        var project = At(Stage.Implementation);

        Assert.False(project.IsOverdue(new DateOnly(2024, 8, 15)));
        Assert.True(project.IsOverdue(new DateOnly(2024, 8, 16)));
        Assert.Equal(DeadlineStatus.Overdue, project.Deadlines()[0].StatusOn(new DateOnly(2024, 8, 16)));
    }

    // RULES: implementation within 2 years（003 四(二)）— warned 60 days ahead（Deadline.WarningDays）
    [Fact]
    public void IsDueSoon_SixtyDaysBeforeTheImplementationDeadline_IsTrueAndSixtyOneIsNot_Deadline003_4_2()
    {
        var project = At(Stage.Implementation);

        Assert.True(project.IsDueSoon(new DateOnly(2024, 6, 16)));
        Assert.False(project.IsDueSoon(new DateOnly(2024, 6, 15)));
        Assert.False(project.IsOverdue(new DateOnly(2024, 6, 16)));
    }

    // RULES: implementation is done once 自验 is applied for; acceptance remains（003 四(二), 004 二(二)）
    [Fact]
    public void Deadlines_AfterImplementation_TheImplementationOneIsMetAndAcceptanceStillRuns_Deadline004_2_2()
    {
        var project = At(Stage.SelfCheck);
        var dayAfterImplementationDue = new DateOnly(2024, 8, 16);

        Assert.Equal(DeadlineStatus.Met, project.Deadlines()[0].StatusOn(dayAfterImplementationDue));
        Assert.Equal(DeadlineStatus.OnTrack, project.Deadlines()[1].StatusOn(dayAfterImplementationDue));
        Assert.False(project.IsOverdue(dayAfterImplementationDue));
        Assert.False(project.IsDueSoon(dayAfterImplementationDue));
        Assert.True(project.IsDueSoon(new DateOnly(2025, 6, 16)));
        Assert.True(project.IsOverdue(new DateOnly(2025, 8, 16)));
    }

    // RULES: acceptance（终验）within 3 years（004 二(二), 001 四(三)）— met once 终验 has passed
    [Theory]
    [InlineData(Stage.Filing)]
    [InlineData(Stage.Completed)]
    public void Deadlines_AfterFinalAcceptance_AreAllMet_Acceptance004_2_2(Stage at)
    {
        var project = At(at);

        Assert.All(project.Deadlines(), d => Assert.Equal(DeadlineStatus.Met, d.StatusOn(new DateOnly(2040, 1, 1))));
        Assert.False(project.IsOverdue(new DateOnly(2040, 1, 1)));
    }

    [Fact]
    public void Deadlines_DuringFinalAcceptance_AcceptanceIsNotYetMet()
    {
        var project = At(Stage.FinalAcceptance);

        Assert.False(project.Deadlines()[1].Done);
        Assert.True(project.IsOverdue(new DateOnly(2025, 8, 16)));
    }
}
