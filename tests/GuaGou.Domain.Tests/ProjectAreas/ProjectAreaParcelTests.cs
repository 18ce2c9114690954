using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>拆旧 and 建新 parcels: what each needs, where they may lie, and when they may change.</summary>
public sealed class ProjectAreaParcelTests
{
    private static ProjectArea Planning() => NewProject().WalkTo(Stage.Planning);

    // RULES: each parcel has a code, township, village, land class, reclamation direction, ownership（000, 001）
    [Fact]
    public void AddParcel_Demolition_KeepsWhatWasEnteredTrimmed_Parcel000()
    {
        var project = Planning();
        var data = Demolition(" CJ-01 ", 1_234.56m, ReclamationDirection.Grassland, "0702") with
        {
            Name = " 西营子砖瓦窑 ",
            Ownership = " 新民村集体 ",
            Note = " 已取得权属方同意 ",
            PlannedUse = "should be dropped for 拆旧",
        };
        var later = Now.AddMinutes(1);

        var parcel = project.AddParcel(data, Township, Village, later);

        Assert.Same(parcel, Assert.Single(project.Parcels));
        Assert.Equal(Zone.Demolition, parcel.Zone);
        Assert.Equal("CJ-01", parcel.Code);
        Assert.Equal("西营子砖瓦窑", parcel.Name);
        Assert.Equal(10, parcel.TownshipId);
        Assert.Equal(100, parcel.VillageId);
        Assert.Equal("0702", parcel.LandClass.Value);
        Assert.Equal(ReclamationDirection.Grassland, parcel.ReclamationDirection);
        Assert.Null(parcel.PlannedUse);
        Assert.Equal("新民村集体", parcel.Ownership);
        Assert.Equal("已取得权属方同意", parcel.Note);
        Assert.Equal(1_234.56m, parcel.DeclaredArea.SquareMetres);
        Assert.True(parcel.IsReclaimed);
        Assert.Equal(later, project.UpdatedAt);
    }

    // RULES: 建新 parcels are for urban/township construction or resettlement（RULES.md「What a project area is」）
    [Fact]
    public void AddParcel_Construction_KeepsItsPlannedUseAndDropsAnyReclamationDirection()
    {
        var project = Planning();
        var data = Construction("JX-01", 800m, " 农村住宅安置 ") with { ReclamationDirection = ReclamationDirection.Farmland };

        var parcel = project.AddParcel(data, Township, Village, Now);

        Assert.Equal(Zone.Construction, parcel.Zone);
        Assert.Equal("农村住宅安置", parcel.PlannedUse);
        Assert.Null(parcel.ReclamationDirection);
        Assert.False(parcel.IsReclaimed);
    }

    // RULES: 保留建设用地 is a planned direction but not reclaimed（003 二(四)）
    [Fact]
    public void AddParcel_DemolitionKeptAsConstructionLand_IsNotReclaimed_Direction003_2_4() =>
        Assert.False(Planning().AddDemolition("CJ-01", 100m, ReclamationDirection.KeepConstruction).IsReclaimed);

    // RULES: each 拆旧 parcel has a planned reclamation direction（003 二(四)）
    [Fact]
    public void AddParcel_DemolitionWithoutReclamationDirection_IsRefused_Direction003_2_4()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() => project.AddParcel(Demolition("CJ-01", 100m, direction: null), Township, Village, Now));

        Assert.Equal("parcel.direction.required", error.Code);
        Assert.Equal("拆旧地块必须填写复垦方向（耕地、林地、草地或保留建设用地）。", error.Message);
        Assert.Empty(project.Parcels);
    }

    // RULES: 建新 land is for a stated construction use（RULES.md「What a project area is」, 003 四(二)）
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddParcel_ConstructionWithoutPlannedUse_IsRefused_PlannedUse003_4_2(string? plannedUse)
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() => project.AddParcel(Construction("JX-01", 100m, plannedUse), Township, Village, Now));

        Assert.Equal("parcel.planned_use.required", error.Code);
        Assert.Equal("建新地块必须填写规划用途。", error.Message);
        Assert.Empty(project.Parcels);
    }

    [Fact]
    public void AddParcel_WithZeroArea_IsRefused()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() => project.AddParcel(Demolition("CJ-01", 0m), Township, Village, Now));

        Assert.Equal("parcel.area.required", error.Code);
    }

    [Fact]
    public void AddParcel_WithAreaThatRoundsToZero_IsRefused() =>
        Assert.Equal("parcel.area.required",
            Assert.Throws<DomainException>(() => Planning().AddParcel(Demolition("CJ-01", 0.004m), Township, Village, Now)).Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddParcel_WithoutCode_IsRefused(string code)
    {
        var error = Assert.Throws<DomainException>(() => Planning().AddParcel(Demolition(code, 100m), Township, Village, Now));

        Assert.Equal("parcel.field.required", error.Code);
        Assert.Equal("请填写地块编号。", error.Message);
    }

    [Fact]
    public void AddParcel_WithCodeOverMaximumLength_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            Planning().AddParcel(Demolition(new string('A', Parcel.MaxCodeLength + 1), 100m), Township, Village, Now));

        Assert.Equal("parcel.field.too_long", error.Code);
        Assert.Equal("地块编号不能超过 32 个字符。", error.Message);
    }

    [Fact]
    public void AddParcel_WithNameOverMaximumLength_IsRefused() =>
        Assert.Equal("parcel.field.too_long", Assert.Throws<DomainException>(() =>
            Planning().AddParcel(Demolition("CJ-01", 100m) with { Name = new string('名', Parcel.MaxNameLength + 1) }, Township, Village, Now)).Code);

    // RULES: parcels are identified by their code within the project area（000: 43 parcels, each coded）
    [Theory]
    [InlineData("CJ-01")]
    [InlineData("cj-01")]
    [InlineData("  Cj-01 ")]
    public void AddParcel_WithACodeAlreadyUsedInTheProjectIgnoringCase_IsRefused_ParcelCode000(string code)
    {
        var project = Planning();
        project.AddDemolition("CJ-01", 100m);

        var error = Assert.Throws<DomainException>(() => project.AddParcel(Construction(code, 50m), Township, Village, Now));

        Assert.Equal("parcel.code.duplicate", error.Code);
        Assert.Equal($"地块编号“{code.Trim()}”在本项目区中已存在。", error.Message);
        Assert.Single(project.Parcels);
    }

    [Fact]
    public void AddParcel_WithACodeUsedInAnotherProject_IsAccepted()
    {
        NewProject().AddDemolition("CJ-01", 100m);

        var parcel = NewProject().AddDemolition("CJ-01", 100m);

        Assert.Equal("CJ-01", parcel.Code);
    }

    // RULES: parcels lie in the townships and villages of the project's county（000: 8 townships, 26 villages）
    [Fact]
    public void AddParcel_InAnotherTownshipOfTheSameCounty_IsAccepted_Township000()
    {
        var project = Planning();

        var parcel = project.AddParcel(Demolition("CJ-01", 100m) with { TownshipId = 11, VillageId = 101 }, OtherTownship, VillageOfOtherTownship, Now);

        Assert.Equal((11, 101), (parcel.TownshipId, parcel.VillageId));
    }

    // RULES: parcels lie in the project's county（000; RULES.md「People」: township data only for their township）
    [Fact]
    public void AddParcel_InATownshipOfAnotherCounty_IsRefused_Township000()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() =>
            project.AddParcel(Demolition("CJ-01", 100m) with { TownshipId = 20, VillageId = null }, TownshipOfOtherCounty, null, Now));

        Assert.Equal("parcel.township.outside", error.Code);
        Assert.Equal("所选乡镇不属于本项目区所在的县。", error.Message);
        Assert.Empty(project.Parcels);
    }

    [Fact]
    public void AddParcel_WhenTheTownshipGivenIsNotTheOneNamedInTheData_IsRefused() =>
        Assert.Equal("parcel.township.outside", Assert.Throws<DomainException>(() =>
            Planning().AddParcel(Demolition("CJ-01", 100m) with { TownshipId = 11, VillageId = null }, Township, null, Now)).Code);

    [Fact]
    public void AddParcel_WithTheCountyInPlaceOfATownship_IsRefused() =>
        Assert.Equal("parcel.township.outside", Assert.Throws<DomainException>(() =>
            Planning().AddParcel(Demolition("CJ-01", 100m) with { TownshipId = 3, VillageId = null }, County, null, Now)).Code);

    // RULES: the village (村/嘎查) is in the parcel's township（000, 001）
    [Fact]
    public void AddParcel_WithAVillageOfAnotherTownship_IsRefusedNamingTheTownship_Village000()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() =>
            project.AddParcel(Demolition("CJ-01", 100m) with { VillageId = 101 }, Township, VillageOfOtherTownship, Now));

        Assert.Equal("parcel.village.outside", error.Code);
        Assert.Equal("所选村不属于天山镇。", error.Message);
        Assert.Empty(project.Parcels);
    }

    [Fact]
    public void AddParcel_WhenTheVillageGivenIsNotTheOneNamedInTheData_IsRefused() =>
        Assert.Equal("parcel.village.outside", Assert.Throws<DomainException>(() =>
            Planning().AddParcel(Demolition("CJ-01", 100m) with { VillageId = 999 }, Township, Village, Now)).Code);

    [Fact]
    public void AddParcel_WithoutAVillage_IsAccepted()
    {
        var parcel = Planning().AddParcel(Demolition("CJ-01", 100m) with { VillageId = null }, Township, null, Now);

        Assert.Null(parcel.VillageId);
    }

    // RULES: the village is in the parcel's township（000, 001）— a village id that was not checked must not be kept
    [Fact]
    public void AddParcel_NamingAVillageButGivenNone_IsRefused_Village000()
    {
        var project = Planning();

        var error = Assert.Throws<DomainException>(() =>
            project.AddParcel(Demolition("CJ-01", 100m) with { VillageId = 101 }, Township, null, Now));

        Assert.Equal("parcel.village.outside", error.Code);
    }

    [Fact]
    public void AddParcel_DuringSurvey_IsAccepted()
    {
        var project = NewProject();

        project.AddDemolition("CJ-01", 100m);

        Assert.Single(project.Parcels);
    }

    [Fact]
    public void UpdateParcel_WithNewData_ReplacesIt()
    {
        var project = Planning();
        var parcel = WithId(project.AddDemolition("CJ-01", 100m), 1);

        project.UpdateParcel(1, Demolition("CJ-01A", 250.5m, ReclamationDirection.Forest, "204A"), Township, Village, Now);

        Assert.Equal("CJ-01A", parcel.Code);
        Assert.Equal(250.5m, parcel.DeclaredArea.SquareMetres);
        Assert.Equal(ReclamationDirection.Forest, parcel.ReclamationDirection);
        Assert.Equal("204A", parcel.LandClass.Value);
    }

    [Fact]
    public void UpdateParcel_KeepingItsOwnCode_IsAccepted()
    {
        var project = Planning();
        var parcel = WithId(project.AddDemolition("CJ-01", 100m), 1);
        WithId(project.AddDemolition("CJ-02", 100m), 2);

        project.UpdateParcel(1, Demolition("cj-01", 300m), Township, Village, Now);

        Assert.Equal(300m, parcel.DeclaredArea.SquareMetres);
    }

    // RULES: parcel codes are unique within the project area（000）
    [Fact]
    public void UpdateParcel_ToTheCodeOfAnotherParcel_IsRefused_ParcelCode000()
    {
        var project = Planning();
        var parcel = WithId(project.AddDemolition("CJ-01", 100m), 1);
        WithId(project.AddDemolition("CJ-02", 100m), 2);

        var error = Assert.Throws<DomainException>(() => project.UpdateParcel(1, Demolition("Cj-02", 100m), Township, Village, Now));

        Assert.Equal("parcel.code.duplicate", error.Code);
        Assert.Equal("CJ-01", parcel.Code);
    }

    // A refused update must leave the parcel as it was; Parcel.Apply assigns Zone and Code before checking the other fields.
    [Fact]
    public void UpdateParcel_RefusedForATooLongName_LeavesTheParcelUnchanged()
    {
        var project = Planning();
        var parcel = WithId(project.AddDemolition("CJ-01", 100m), 1);
        var data = Construction("JX-99", 50m) with { Name = new string('名', Parcel.MaxNameLength + 1) };

        var error = Assert.Throws<DomainException>(() => project.UpdateParcel(1, data, Township, Village, Now));

        Assert.Equal("parcel.field.too_long", error.Code);
        Assert.Equal("CJ-01", parcel.Code);
        Assert.Equal(Zone.Demolition, parcel.Zone);
    }

    [Fact]
    public void UpdateParcel_Unknown_IsRefused()
    {
        var project = Planning();
        WithId(project.AddDemolition("CJ-01", 100m), 1);

        Assert.Equal("parcel.not_found",
            Assert.Throws<DomainException>(() => project.UpdateParcel(2, Demolition("CJ-01", 100m), Township, Village, Now)).Code);
    }

    [Fact]
    public void RemoveParcel_Known_RemovesIt()
    {
        var project = Planning();
        WithId(project.AddDemolition("CJ-01", 100m), 1);
        var kept = WithId(project.AddDemolition("CJ-02", 100m), 2);

        project.RemoveParcel(1, Now);

        Assert.Same(kept, Assert.Single(project.Parcels));
    }

    [Fact]
    public void RemoveParcel_Unknown_IsRefused()
    {
        var project = Planning();
        WithId(project.AddDemolition("CJ-01", 100m), 1);

        var error = Assert.Throws<DomainException>(() => project.RemoveParcel(7, Now));

        Assert.Equal("parcel.not_found", error.Code);
        Assert.Equal("地块不存在或已被删除。", error.Message);
        Assert.Single(project.Parcels);
    }

    // RULES: the submitted plan is what is reviewed and approved（RULES.md「Lifecycle」2–3, 003 四(二), 004 二(一)）
    [Theory]
    [InlineData(Stage.Approval, "审批立项")]
    [InlineData(Stage.ReclamationDesign, "复垦设计")]
    [InlineData(Stage.Implementation, "实施")]
    [InlineData(Stage.Completed, "完成")]
    public void AddParcel_AfterSubmission_IsRefused_PlanLocked004_2_1(Stage at, string stageName)
    {
        var project = At(at);
        var count = project.Parcels.Count;

        var error = Assert.Throws<DomainException>(() => project.AddDemolition("CJ-09", 100m));

        Assert.Equal("parcels.locked", error.Code);
        Assert.Equal($"项目区已提交审批（当前阶段：{stageName}），地块不能再增删改；如需调整，请由审批人退回方案编制。", error.Message);
        Assert.Equal(count, project.Parcels.Count);
    }

    // RULES: the submitted plan is what is reviewed（003 四(二), 004 二(一)）
    [Fact]
    public void UpdateAndRemoveParcel_AfterSubmission_AreRefused_PlanLocked004_2_1()
    {
        var project = NewProject();
        var parcel = WithId(project.AddDemolition("CJ-01", 10_000m), 1);
        project.WalkTo(Stage.Approval);

        Assert.Equal("parcels.locked",
            Assert.Throws<DomainException>(() => project.UpdateParcel(1, Demolition("CJ-01", 20_000m), Township, Village, Now)).Code);
        Assert.Equal("parcels.locked", Assert.Throws<DomainException>(() => project.RemoveParcel(1, Now)).Code);
        Assert.Equal(10_000m, parcel.DeclaredArea.SquareMetres);
        Assert.Single(project.Parcels);
    }

    // RULES: a returned plan can be reworked（003 四(二), 004 二(一)）
    [Fact]
    public void ParcelChanges_AfterAReturnToPlanning_AreAcceptedAgain_PlanLocked004_2_1()
    {
        var project = NewProject();
        var parcel = WithId(project.AddDemolition("CJ-01", 10_000m), 1);
        project.WalkTo(Stage.Approval);

        project.ReturnToPreviousStage(CityApprover, "拆旧地块需复核", Today, Now);
        project.UpdateParcel(1, Demolition("CJ-01", 9_000m), Township, Village, Now);
        project.AddConstruction("JX-01", 4_000m);

        Assert.Equal(9_000m, parcel.DeclaredArea.SquareMetres);
        Assert.Equal(2, project.Parcels.Count);
    }
}
