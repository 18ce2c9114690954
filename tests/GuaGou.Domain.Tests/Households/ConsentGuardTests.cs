using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.Households.HouseholdBuilder;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.Households;

/// <summary>RULES: 权属方同意 before anything starts (001 二, 001 五(二)1) — no submission for approval without it.</summary>
public sealed class ConsentGuardTests
{
    private static ProjectArea PlanningWithParcels()
    {
        var project = NewProject().WalkTo(Stage.Planning);
        project.AddDemolition("CJ-01", 6_000m);
        return project;
    }

    [Fact]
    public void Submit_WhileAHouseholdLacksConsent_IsRefused_001_5_2_1()
    {
        var project = PlanningWithParcels();
        var consented = Registered(Data(name: "王大山", n: 1));
        consented.RecordAgreement(AgreementKind.Consent, new DateOnly(2025, 5, 1), "王大山", null, null, Now);
        var missing = Registered(Data(name: "李小河", n: 2));

        var error = Assert.Throws<DomainException>(() => project.Advance(Stage.Approval, CountyClerk, Input(DateOfStepFrom(Stage.Planning)), Now,
            HouseholdConsent.Of([consented, missing])));

        Assert.Equal("stage.consent.missing", error.Code);
        Assert.Equal("拆旧地块上还有 1 户未取得权属方同意（李小河），不能提交审批。", error.Message);
        Assert.Equal(Stage.Planning, project.Stage);
    }

    [Fact]
    public void Submit_WhenEveryHouseholdConsented_Passes()
    {
        var project = PlanningWithParcels();
        var household = Registered();
        household.RecordAgreement(AgreementKind.Consent, new DateOnly(2025, 5, 1), "王大山", null, null, Now);

        project.Advance(Stage.Approval, CountyClerk, Input(DateOfStepFrom(Stage.Planning)), Now, HouseholdConsent.Of([household]));

        Assert.Equal(Stage.Approval, project.Stage);
    }

    [Fact]
    public void Message_NamesAtMostFiveHouseholds()
    {
        var consent = new HouseholdConsent(7, ["甲", "乙", "丙", "丁", "戊", "己", "庚"]);

        var error = Assert.Throws<DomainException>(() => PlanningWithParcels().Advance(Stage.Approval, CountyClerk,
            Input(DateOfStepFrom(Stage.Planning)), Now, consent));

        Assert.Equal("拆旧地块上还有 7 户未取得权属方同意（甲、乙、丙、丁、戊 等），不能提交审批。", error.Message);
    }
}
