using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>
/// The "may … now" flags pages show their buttons by: each must say yes exactly when the change itself goes through,
/// in every stage (the flag and the refusing check are one rule).
/// </summary>
public sealed class ProjectAreaActionFlagTests
{
    private static readonly DocumentNumber ExtensionDocument = DocumentNumber.Parse("内自然资函〔2025〕7号");

    public static TheoryData<Stage> EveryStage() => [.. Lifecycle.Stages];

    private static bool Succeeds(Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    // RULES: parcels change only until the plan is submitted for approval（方案编制 and before）
    [Theory]
    [MemberData(nameof(EveryStage))]
    public void ParcelsMayChange_ExactlyWhenAParcelCanBeAdded_ParcelsLockedAfterSubmission(Stage stage)
    {
        var project = At(stage);
        var may = project.ParcelsMayChange;

        var added = Succeeds(() => project.AddDemolition("CJ-99", 1_000m));

        Assert.Equal(stage <= Stage.Planning, may);
        Assert.Equal(added, may);
    }

    // RULES: details can be edited until the project is completed
    [Theory]
    [MemberData(nameof(EveryStage))]
    public void DetailsMayChange_ExactlyWhenTheNameCanBeEdited(Stage stage)
    {
        var project = At(stage);
        var mayChange = project.DetailsMayChange;

        var edited = Succeeds(() => project.UpdateDetails(Details(name: "改名后的项目区"), Now));

        Assert.Equal(stage != Stage.Completed, mayChange);
        Assert.Equal(edited, mayChange);
    }

    // RULES: one extension, after approval, before self-check（003 四(二)）
    [Theory]
    [MemberData(nameof(EveryStage))]
    public void ExtensionMayBeGranted_ExactlyWhenTheExtensionIsAccepted_Extension003_4_2(Stage stage)
    {
        var project = At(stage);
        var may = project.ExtensionMayBeGranted;

        var granted = Succeeds(() => project.GrantExtension(CountyClerk, ExtensionDocument, Today, Now));

        Assert.Equal(stage is >= Stage.ReclamationDesign and < Stage.SelfCheck, may);
        Assert.Equal(granted, may);
        Assert.False(project.ExtensionMayBeGranted); // granted (or never possible): not again
    }

    // RULES: a traded project's first trade, once, after approval（004 二(二)）
    [Theory]
    [InlineData(ProjectKind.InCounty, Stage.Implementation, false)]
    [InlineData(ProjectKind.InProvinceTrade, Stage.Approval, false)]
    [InlineData(ProjectKind.InProvinceTrade, Stage.ReclamationDesign, true)]
    [InlineData(ProjectKind.CrossProvince, Stage.Filing, true)]
    public void FirstTradeMayBeRecorded_ExactlyWhenTheTradeIsAccepted_FirstTrade004_2_2(ProjectKind kind, Stage stage, bool expected)
    {
        var project = At(stage, kind);
        var may = project.FirstTradeMayBeRecorded;

        var recorded = Succeeds(() => project.RecordFirstTrade(CountyClerk, Today, Now));

        Assert.Equal(expected, may);
        Assert.Equal(recorded, may);
        Assert.False(project.FirstTradeMayBeRecorded);
    }

    // RULES: each step is taken (and, in reviews, returned) only by its roles
    [Theory]
    [InlineData(Stage.Survey)]
    [InlineData(Stage.Approval)]
    [InlineData(Stage.Implementation)]
    [InlineData(Stage.PreliminaryAcceptance)]
    public void MayBeAdvancedAndReturnedBy_OnlyTheRolesOfTheStep(Stage stage)
    {
        var step = Lifecycle.StepFrom(stage)!;
        foreach (var role in Roles.All.Select(r => r.Code))
        {
            var project = At(stage);
            Assert.Equal(step.Roles.Contains(role), project.MayBeAdvancedBy(role));
            Assert.Equal(step.CanReturn && step.Roles.Contains(role), project.MayBeReturnedBy(role));
        }
    }

    [Fact]
    public void ACompletedProject_HasNoStepToTake()
    {
        var project = At(Stage.Completed);

        Assert.All(Roles.All.Select(r => r.Code), role => Assert.False(project.MayBeAdvancedBy(role) || project.MayBeReturnedBy(role)));
    }
}
