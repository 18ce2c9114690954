using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>Filing a project area and editing what county staff enter about it.</summary>
public sealed class ProjectAreaDetailsTests
{
    [Fact]
    public void File_InTheCountyOfItsCode_KeepsTheDetailsTrimmedAndStartsAtSurvey()
    {
        var project = ProjectArea.File(Code, County,
            Details(name: "  天山镇增减挂钩项目区 ", kind: ProjectKind.InProvinceTrade, planType: PlanType.Construction, responsibleUnits: "  旗自然资源局、天山镇人民政府 "),
            CountyClerk, Now);

        Assert.Equal("150421-2022-001", project.Code.Value);
        Assert.Equal("天山镇增减挂钩项目区", project.Name);
        Assert.Equal(3, project.CountyId);
        Assert.Equal("150421", project.CountyCode);
        Assert.Equal(2022, project.Year);
        Assert.Equal(ProjectKind.InProvinceTrade, project.Kind);
        Assert.Equal(PlanType.Construction, project.PlanType);
        Assert.Equal("旗自然资源局、天山镇人民政府", project.ResponsibleUnits);
        Assert.Equal(Stage.Survey, project.Stage);
        Assert.Empty(project.Parcels);
        Assert.Null(project.ApprovedOn);
        Assert.Equal(Now, project.UpdatedAt);
    }

    // RULES: a project area belongs to one county（RULES.md「What a project area is」, 004 二(一)）
    [Fact]
    public void File_UnderACity_IsRefused_OneCounty004_2_1()
    {
        var error = Assert.Throws<DomainException>(() => ProjectArea.File(Code, City, Details(), CountyClerk, Now));

        Assert.Equal("project.county.invalid", error.Code);
        Assert.Contains("赤峰市", error.Message, StringComparison.Ordinal);
    }

    // RULES: a project area belongs to one county（004 二(一)）— the county of its code
    [Fact]
    public void File_InAnotherCountyThanItsCode_IsRefused_OneCounty004_2_1()
    {
        var error = Assert.Throws<DomainException>(() => ProjectArea.File(Code, OtherCounty, Details(), CountyClerk, Now));

        Assert.Equal("project.county.invalid", error.Code);
        Assert.Contains("巴林左旗", error.Message, StringComparison.Ordinal);
    }

    // The year is part of the code (150421-2022-001): a project filed with another year would make the code lie,
    // as ProjectArea.ApplyDetails itself says for later edits.
    [Fact]
    public void File_WithAYearThatDiffersFromTheYearInItsCode_IsRefused()
    {
        Assert.Throws<DomainException>(() => ProjectArea.File(Code, County, Details(year: 2023), CountyClerk, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void File_WithoutAName_IsRefused(string name)
    {
        var error = Assert.Throws<DomainException>(() => ProjectArea.File(Code, County, Details(name: name), CountyClerk, Now));

        Assert.Equal("project.name.required", error.Code);
        Assert.Equal("请填写项目区名称。", error.Message);
    }

    [Fact]
    public void File_WithANameOfMaximumLength_IsKept() =>
        Assert.Equal(ProjectArea.MaxNameLength,
            ProjectArea.File(Code, County, Details(name: new string('项', ProjectArea.MaxNameLength)), CountyClerk, Now).Name.Length);

    [Fact]
    public void File_WithANameOverMaximumLength_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            ProjectArea.File(Code, County, Details(name: new string('项', ProjectArea.MaxNameLength + 1)), CountyClerk, Now));

        Assert.Equal("project.name.too_long", error.Code);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void File_WithAYearFrom2000ToNextYear_IsKept(int year)
    {
        var code = ProjectCode.Create(RegionCode.Parse("150421"), year, 1);

        Assert.Equal(year, ProjectArea.File(code, County, Details(year: year), CountyClerk, Now).Year);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2027)]
    public void File_WithAYearOutside2000ToNextYear_IsRefused(int year)
    {
        var code = ProjectCode.Create(RegionCode.Parse("150421"), year, 1);

        var error = Assert.Throws<DomainException>(() => ProjectArea.File(code, County, Details(year: year), CountyClerk, Now));

        Assert.Equal("project.year.invalid", error.Code);
        Assert.Equal("年度应在 2000–2026 之间。", error.Message);
    }

    [Fact]
    public void File_OnNewYearsEveInUtcButNewYearsDayInBeijing_AllowsTheYearAfterTheBeijingYear()
    {
        var newYearsDayInBeijing = new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero); // 2026-01-01 01:00 +08:00
        var code = ProjectCode.Create(RegionCode.Parse("150421"), 2027, 1);

        Assert.Equal(2027, ProjectArea.File(code, County, Details(year: 2027), CountyClerk, newYearsDayInBeijing).Year);
    }

    [Fact]
    public void File_WithResponsibleUnitsOverMaximumLength_IsRefused() =>
        Assert.Equal("project.units.too_long", Assert.Throws<DomainException>(() =>
            ProjectArea.File(Code, County, Details(responsibleUnits: new string('局', ProjectArea.MaxUnitsLength + 1)), CountyClerk, Now)).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void File_WithBlankResponsibleUnits_KeepsNone(string? units) =>
        Assert.Null(ProjectArea.File(Code, County, Details(responsibleUnits: units), CountyClerk, Now).ResponsibleUnits);

    // RULES: two plan types（003 四(二)）and three kinds（003, 004）; nothing else
    [Fact]
    public void File_WithAnUndefinedKindOrPlanType_IsRefused_PlanTypes003_4_2()
    {
        Assert.Equal("project.kind.invalid", Assert.Throws<DomainException>(() =>
            ProjectArea.File(Code, County, Details(kind: (ProjectKind)9), CountyClerk, Now)).Code);
        Assert.Equal("project.kind.invalid", Assert.Throws<DomainException>(() =>
            ProjectArea.File(Code, County, Details(planType: 0), CountyClerk, Now)).Code);
    }

    [Fact]
    public void UpdateDetails_NameAndUnits_AreChangedAndTrimmed()
    {
        var project = NewProject();
        var later = Now.AddHours(1);

        project.UpdateDetails(Details(name: " 新名称 ", responsibleUnits: " 天山镇 "), later);

        Assert.Equal("新名称", project.Name);
        Assert.Equal("天山镇", project.ResponsibleUnits);
        Assert.Equal(later, project.UpdatedAt);
    }

    [Fact]
    public void UpdateDetails_ChangingTheYear_IsRefusedBecauseTheYearIsInTheCode()
    {
        var project = NewProject();

        var error = Assert.Throws<DomainException>(() => project.UpdateDetails(Details(year: 2023), Now));

        Assert.Equal("project.year.locked", error.Code);
        Assert.Contains("150421-2022-001", error.Message, StringComparison.Ordinal);
        Assert.Equal(2022, project.Year);
    }

    // RULES: kind and plan type are what the approval says（004 二(一), 003 四(二)）— editable until approved
    [Fact]
    public void UpdateDetails_KindAndPlanTypeWhileAwaitingApproval_AreChanged_Approval004_2_1()
    {
        var project = At(Stage.Approval);

        project.UpdateDetails(Details(kind: ProjectKind.CrossProvince, planType: PlanType.Construction), Now);

        Assert.Equal(ProjectKind.CrossProvince, project.Kind);
        Assert.Equal(PlanType.Construction, project.PlanType);
    }

    // RULES: kind and plan type are what the approval says（004 二(一), 003 四(二)）
    [Theory]
    [InlineData(ProjectKind.InProvinceTrade, PlanType.ProjectArea)]
    [InlineData(ProjectKind.InCounty, PlanType.Construction)]
    public void UpdateDetails_KindOrPlanTypeAfterApproval_IsRefused_Approval004_2_1(ProjectKind kind, PlanType planType)
    {
        var project = At(Stage.ReclamationDesign);

        var error = Assert.Throws<DomainException>(() => project.UpdateDetails(Details(kind: kind, planType: planType), Now));

        Assert.Equal("project.details.locked", error.Code);
        Assert.Equal("项目区已批准立项，项目类型、方案类型和年度以批复为准，不能再修改。", error.Message);
        Assert.Equal(ProjectKind.InCounty, project.Kind);
        Assert.Equal(PlanType.ProjectArea, project.PlanType);
    }

    [Fact]
    public void UpdateDetails_NameAfterApproval_IsChanged()
    {
        var project = At(Stage.Filing);

        project.UpdateDetails(Details(name: "更名后的项目区"), Now);

        Assert.Equal("更名后的项目区", project.Name);
    }

    [Fact]
    public void UpdateDetails_RefusedForOneField_ChangesNoOther()
    {
        var project = NewProject();
        var before = project.Name;

        Assert.Throws<DomainException>(() =>
            project.UpdateDetails(Details(name: "新名称", responsibleUnits: new string('局', ProjectArea.MaxUnitsLength + 1)), Now));

        Assert.Equal(before, project.Name);
    }

    [Fact]
    public void UpdateDetails_OnACompletedProject_IsRefused() =>
        Assert.Equal("project.completed",
            Assert.Throws<DomainException>(() => At(Stage.Completed).UpdateDetails(Details(name: "改名"), Now)).Code);
}
