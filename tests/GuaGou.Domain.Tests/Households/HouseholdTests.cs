using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.Households.HouseholdBuilder;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.Households;

/// <summary>RULES: households, consent, demolition (001 五(二)1, 003 四(六), 004 双签).</summary>
public sealed class HouseholdTests
{
    [Fact]
    public void Register_OnConstructionParcel_IsRefused()
    {
        var parcel = NewProject().AddConstruction("JX-01", 3_000m);

        var error = Assert.Throws<DomainException>(() => Household.Register(parcel, Data(), Now));

        Assert.Equal("household.parcel.zone", error.Code);
    }

    [Fact]
    public void Register_TakesTheParcelsTownship()
    {
        var household = Registered();

        Assert.Equal(Township.Id, household.TownshipId);
        Assert.Equal(DemolitionStatus.NotDemolished, household.Status);
    }

    [Theory]
    [InlineData(ResettlementChoice.Concentrated, null, "household.plot.required")]
    [InlineData(ResettlementChoice.SelfBuild, null, "household.plot.required")]
    [InlineData(ResettlementChoice.MonetaryCompensation, 80.0, "household.plot.monetary")]
    public void ResettlementPlot_MustMatchTheChoice(ResettlementChoice choice, double? plot, string code)
    {
        var error = Assert.Throws<DomainException>(() => Registered(Data(resettlement: choice, plot: (decimal?)plot)));

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Members_OutOfRange_IsRefused(int members)
    {
        Assert.Equal("household.members.range", Assert.Throws<DomainException>(() => Registered(Data(members: members))).Code);
    }

    [Fact]
    public void Update_ThatFails_LeavesTheHouseholdAsItWas()
    {
        var household = Registered();

        Assert.Throws<DomainException>(() => household.Update(Data(name: "李四", members: 0), Now));

        Assert.Equal("王大山", household.HeadName);
        Assert.Equal(4, household.Members);
    }

    [Fact]
    public void CheckStandard_FlagsAPlotAboveTheStandard_003_4_3_1()
    {
        var household = Registered(Data(members: 3, plot: 75m));

        var check = household.CheckStandard(HomesteadStandard.Default)!;

        Assert.False(check.WithinStandard);
        Assert.Equal(60m, check.LimitSquareMetres);
    }

    [Fact]
    public void CheckStandard_MonetaryCompensation_HasNothingToCheck()
    {
        Assert.Null(Registered(Data(resettlement: ResettlementChoice.MonetaryCompensation, plot: null)).CheckStandard(HomesteadStandard.Default));
    }

    // RULES: no demolition before compensation and resettlement are settled (003 四(六)).
    [Fact]
    public void Demolition_BeforeTheCompensationAgreement_IsRefused_003_4_6()
    {
        var household = Registered();
        household.RecordAgreement(AgreementKind.Consent, new DateOnly(2025, 5, 1), "王大山", null, null, Now);

        var error = Assert.Throws<DomainException>(() => household.RecordDemolition(new DateOnly(2025, 6, 1), Stage.Implementation, Now));

        Assert.Equal("household.demolition.no_agreement", error.Code);
        Assert.Equal(DemolitionStatus.NotDemolished, household.Status);
    }

    [Fact]
    public void Demolition_WithoutConsent_IsRefused_001_5_2_1()
    {
        var household = Registered();
        household.RecordAgreement(AgreementKind.Compensation, new DateOnly(2025, 5, 1), "王大山", 50_000m, null, Now);

        Assert.Equal("household.demolition.no_consent",
            Assert.Throws<DomainException>(() => household.RecordDemolition(new DateOnly(2025, 6, 1), Stage.Implementation, Now)).Code);
    }

    [Fact]
    public void Demolition_DatedBeforeTheAgreement_IsRefused()
    {
        var household = Signed();

        var error = Assert.Throws<DomainException>(() => household.RecordDemolition(new DateOnly(2025, 5, 9), Stage.Implementation, Now));

        Assert.Equal("household.date.order", error.Code);
    }

    [Fact]
    public void Progress_MovesStrictlyForward()
    {
        var household = Signed();

        Assert.Equal("household.reclamation.order",
            Assert.Throws<DomainException>(() => household.StartReclamation(new DateOnly(2025, 6, 1), Now)).Code);
        household.RecordDemolition(new DateOnly(2025, 5, 20), Stage.Implementation, Now);
        Assert.Equal("household.reclamation.order",
            Assert.Throws<DomainException>(() => household.CompleteReclamation(new DateOnly(2025, 6, 1), Now)).Code);
        household.StartReclamation(new DateOnly(2025, 6, 1), Now);
        household.CompleteReclamation(new DateOnly(2025, 6, 28), Now);

        Assert.Equal(DemolitionStatus.Reclaimed, household.Status);
        Assert.Equal("household.demolition.already",
            Assert.Throws<DomainException>(() => household.RecordDemolition(new DateOnly(2025, 6, 29), Stage.Implementation, Now)).Code);
    }

    [Fact]
    public void Dates_InTheFuture_AreRefused()
    {
        var household = Signed();

        Assert.Equal("household.date.future", Assert.Throws<DomainException>(() => household.RecordDemolition(Today.AddDays(1), Stage.Implementation, Now)).Code);
        Assert.Equal("agreement.date.future", Assert.Throws<DomainException>(() =>
            household.RecordAgreement(AgreementKind.Consent, Today.AddDays(1), "王大山", null, null, Now)).Code);
    }

    [Fact]
    public void Consent_CarriesNoAmount()
    {
        Assert.Equal("agreement.amount.consent", Assert.Throws<DomainException>(() =>
            Registered().RecordAgreement(AgreementKind.Consent, Today, "王大山", 100m, null, Now)).Code);
    }

    [Fact]
    public void RecordingAnAgreementAgain_CorrectsIt_AndKeepsTheScanSeriesWhenNoneIsGiven()
    {
        var household = Registered();
        var series = Guid.NewGuid();
        household.RecordAgreement(AgreementKind.Compensation, new DateOnly(2025, 5, 1), "王大山", 50_000m, series, Now);

        household.RecordAgreement(AgreementKind.Compensation, new DateOnly(2025, 5, 2), "王大山之妻", 52_000m, null, Now);

        var agreement = Assert.Single(household.Agreements);
        Assert.Equal((new DateOnly(2025, 5, 2), "王大山之妻", 52_000m, series),
            (agreement.SignedOn, agreement.Signatory, agreement.Amount!.Value, agreement.DocumentSeriesId!.Value));
    }

    [Fact]
    public void MissingEvidence_ListsAgreementsScansAndPhotos()
    {
        var household = Registered();
        household.RecordAgreement(AgreementKind.Consent, new DateOnly(2025, 5, 1), "王大山", null, null, Now);

        Assert.Equal(["权属方同意书缺扫描件", "缺房屋拆旧补偿协议", "缺安置协议"], household.MissingEvidence(0, 0));

        var demolished = Signed();
        demolished.RecordDemolition(new DateOnly(2025, 5, 20), Stage.Implementation, Now);
        Assert.Equal(["缺拆除后照片"], demolished.MissingEvidence(photosBefore: 2, photosAfter: 0));
    }

    [Theory]
    [InlineData(Stage.Planning)]
    [InlineData(Stage.ReclamationDesign)]
    [InlineData(Stage.PreliminaryAcceptance)]
    public void Demolition_OutsideImplementation_IsRefused(Stage stage)
    {
        var household = Signed();

        Assert.Equal("household.demolition.stage",
            Assert.Throws<DomainException>(() => household.RecordDemolition(new DateOnly(2025, 5, 20), stage, Now)).Code);
    }
}
