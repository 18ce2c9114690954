using System.Globalization;
using System.Reflection;
using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>
/// One-line helpers for project-area tests: the 阿鲁科尔沁旗 regions, one actor per role, a fixed "now", parcels, and a
/// walk through the lifecycle with the roles, dates and 文号 each step needs.
/// Regions and parcels get their database ids by reflection (their setters are private, as EF Core sets them), because
/// the aggregate compares ids: <c>township.Id == ParcelData.TownshipId</c>, <c>village.ParentId == township.Id</c>.
/// </summary>
public static class ProjectAreaBuilder
{
    /// <summary>2025-06-30 10:00 Beijing time: "now" for every test unless it says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 30, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The Beijing date of <see cref="Now"/>.</summary>
    public static readonly DateOnly Today = new(2025, 6, 30);

    public const int ProjectYear = 2022;

    public static Region Province { get; } = WithId(new Region(RegionCode.Parse("150000"), "内蒙古自治区", null), 1);

    public static Region City { get; } = WithId(new Region(RegionCode.Parse("150400"), "赤峰市", Province), 2);

    public static Region County { get; } = WithId(new Region(RegionCode.Parse("150421"), "阿鲁科尔沁旗", City), 3);

    public static Region OtherCounty { get; } = WithId(new Region(RegionCode.Parse("150422"), "巴林左旗", City), 4);

    public static Region Township { get; } = WithId(new Region(RegionCode.Parse("150421100"), "天山镇", County), 10);

    public static Region OtherTownship { get; } = WithId(new Region(RegionCode.Parse("150421101"), "天山口镇", County), 11);

    public static Region TownshipOfOtherCounty { get; } = WithId(new Region(RegionCode.Parse("150422100"), "林东镇", OtherCounty), 20);

    public static Region Village { get; } = WithId(new Region(RegionCode.Parse("150421100201"), "新民村", Township), 100);

    public static Region VillageOfOtherTownship { get; } = WithId(new Region(RegionCode.Parse("150421101201"), "天山口村", OtherTownship), 101);

    public static Actor CountyClerk { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "王县经办", Roles.CountyClerk);

    public static Actor CountyReviewer { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "李县审核", Roles.CountyReviewer);

    public static Actor TownshipClerk { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000003"), "张乡镇经办", Roles.TownshipClerk);

    public static Actor LeadingGroupOffice { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000004"), "赵领导小组", Roles.LeadingGroupOffice);

    public static Actor CityApprover { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000005"), "刘市审批", Roles.CityApprover);

    public static Actor ProvinceApprover { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000006"), "陈省审批", Roles.ProvinceApprover);

    public static Actor SystemAdmin { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000007"), "孙管理员", Roles.SystemAdmin);

    /// <summary>The date of 批准立项 in every walked project: implementation due 2024-08-15, acceptance 2025-08-15.</summary>
    public static DateOnly ApprovedOn => DateOfStepFrom(Stage.Approval);

    public static ProjectCode Code => ProjectCode.Create(County.Code, ProjectYear, 1);

    public static Actor ActorWithRole(string roleCode) => roleCode switch
    {
        Roles.CountyClerk => CountyClerk,
        Roles.CountyReviewer => CountyReviewer,
        Roles.TownshipClerk => TownshipClerk,
        Roles.LeadingGroupOffice => LeadingGroupOffice,
        Roles.CityApprover => CityApprover,
        Roles.ProvinceApprover => ProvinceApprover,
        Roles.SystemAdmin => SystemAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(roleCode), roleCode, "unknown role"),
    };

    /// <summary>Who takes the step out of a stage, as RULES.md says (004 二(一)(二), 001 四(三)(四)); independent of Lifecycle.cs.</summary>
    public static Actor ActorForStepFrom(Stage from) => from switch
    {
        Stage.Survey or Stage.Planning or Stage.Filing or Stage.QuotaReturn or Stage.Aftercare => CountyClerk,
        Stage.Approval or Stage.ReclamationDesign or Stage.FinalAcceptance => CityApprover,
        Stage.Implementation or Stage.SelfCheck => TownshipClerk,
        Stage.PreliminaryAcceptance => CountyReviewer,
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "no step out of this stage"),
    };

    public static DateOnly DateOfStepFrom(Stage from) => from switch
    {
        Stage.Survey => new DateOnly(2022, 3, 1),
        Stage.Planning => new DateOnly(2022, 5, 10),
        Stage.Approval => new DateOnly(2022, 8, 15),
        Stage.ReclamationDesign => new DateOnly(2022, 10, 20),
        Stage.Implementation => new DateOnly(2023, 9, 1),
        Stage.SelfCheck => new DateOnly(2023, 10, 1),
        Stage.PreliminaryAcceptance => new DateOnly(2023, 11, 15),
        Stage.FinalAcceptance => new DateOnly(2024, 1, 20),
        Stage.Filing => new DateOnly(2024, 3, 1),
        Stage.QuotaReturn => new DateOnly(2024, 4, 1),
        Stage.Aftercare => new DateOnly(2025, 5, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "no step out of this stage"),
    };

    /// <summary>The 文号 of the steps that need one (批准立项, 复垦设计, 初验, 终验, 备案); null for the others.</summary>
    public static DocumentNumber? DocumentForStepFrom(Stage from) => from switch
    {
        Stage.Approval => DocumentNumber.Parse("赤政发〔2022〕88号"),
        Stage.ReclamationDesign => DocumentNumber.Parse("赤自然资发〔2022〕120号"),
        Stage.PreliminaryAcceptance => DocumentNumber.Parse("阿自然资发〔2023〕45号"),
        Stage.FinalAcceptance => DocumentNumber.Parse("赤自然资发〔2024〕9号"),
        Stage.Filing => DocumentNumber.Parse("内自然资备〔2024〕17号"),
        _ => null,
    };

    public static ProjectAreaDetails Details(
        string name = "阿鲁科尔沁旗2022年天山镇增减挂钩项目区",
        int year = ProjectYear,
        ProjectKind kind = ProjectKind.InCounty,
        PlanType planType = PlanType.ProjectArea,
        string? responsibleUnits = "阿鲁科尔沁旗自然资源局") => new(name, year, kind, planType, responsibleUnits);

    /// <summary>A freshly filed project (摸底调查, no parcels), code 150421-2022-001.</summary>
    public static ProjectArea NewProject(ProjectKind kind = ProjectKind.InCounty) =>
        ProjectArea.File(Code, County, Details(kind: kind), CountyClerk, Now);

    /// <summary>
    /// A project walked to <paramref name="stage"/> with balanced parcels: 拆旧 6 000 m² 耕地 + 4 000 m² 林地,
    /// 建新 5 000 m² (surplus 5 000 m², 50 %).
    /// </summary>
    public static ProjectArea At(Stage stage, ProjectKind kind = ProjectKind.InCounty)
    {
        var project = NewProject(kind);
        project.AddDemolition("CJ-01", 6_000m);
        project.AddDemolition("CJ-02", 4_000m, ReclamationDirection.Forest);
        project.AddConstruction("JX-01", 5_000m);
        return project.WalkTo(stage);
    }

    public static ProjectArea WalkTo(this ProjectArea project, Stage target)
    {
        while (project.Stage < target)
        {
            project.TakeNextStep();
        }

        return project;
    }

    /// <summary>Takes the step out of the current stage with the right role, 文号 and a date not before the last step.</summary>
    public static void TakeNextStep(this ProjectArea project, Actor? actor = null, DateOnly? on = null)
    {
        var from = project.Stage;
        var date = on ?? Later(DateOfStepFrom(from), LastEffectiveDate(project));
        project.Advance(from + 1, actor ?? ActorForStepFrom(from), new StageActionInput(date, DocumentForStepFrom(from), $"{Lifecycle.NameOf(from)}办结"), Now);
    }

    public static StageActionInput Input(DateOnly on, string? document = null, string? opinion = null) =>
        new(on, DocumentNumber.ParseOptional(document), opinion);

    public static DateOnly LastEffectiveDate(ProjectArea project) =>
        project.Transitions.Where(t => t.Kind != TransitionKind.Filed).Select(t => t.EffectiveOn).DefaultIfEmpty(DateOnly.MinValue).Max();

    public static ParcelData Demolition(
        string code,
        decimal squareMetres,
        ReclamationDirection? direction = ReclamationDirection.Farmland,
        string landClass = "0602") =>
        new(Zone.Demolition, code, null, Township.Id, Village.Id, LandClassCode.Parse(landClass), direction, null, "新民村集体",
            Area.FromSquareMetres(squareMetres), null);

    public static ParcelData Construction(
        string code,
        decimal squareMetres,
        string? plannedUse = "农村住宅安置",
        string landClass = "0103") =>
        new(Zone.Construction, code, null, Township.Id, Village.Id, LandClassCode.Parse(landClass), null, plannedUse, "新民村集体",
            Area.FromSquareMetres(squareMetres), null);

    public static Parcel AddDemolition(this ProjectArea project, string code, decimal squareMetres,
        ReclamationDirection direction = ReclamationDirection.Farmland, string landClass = "0602") =>
        project.AddParcel(Demolition(code, squareMetres, direction, landClass), Township, Village, Now);

    public static Parcel AddConstruction(this ProjectArea project, string code, decimal squareMetres, string landClass = "0103") =>
        project.AddParcel(Construction(code, squareMetres, landClass: landClass), Township, Village, Now);

    public static Region WithId(Region region, int id)
    {
        typeof(Region).GetProperty(nameof(Region.Id))!.SetValue(region, id);
        return region;
    }

    public static Parcel WithId(Parcel parcel, int id)
    {
        typeof(Parcel).GetProperty(nameof(Parcel.Id))!.SetValue(parcel, id);
        return parcel;
    }

    /// <summary>
    /// Gives a parcel a boundary and a computed (ellipsoidal) area through the internal <c>Parcel.SetBoundary</c>,
    /// which nothing public exposes yet; the boundary is a small square near 天山镇.
    /// </summary>
    public static Parcel WithComputedArea(Parcel parcel, decimal squareMetres)
    {
        var square = Cgcs2000.Factory.CreateMultiPolygon([Cgcs2000.Factory.CreatePolygon([
            new Coordinate(120.09, 43.87), new Coordinate(120.091, 43.87), new Coordinate(120.091, 43.871),
            new Coordinate(120.09, 43.871), new Coordinate(120.09, 43.87),
        ])]);
        var setBoundary = typeof(Parcel).GetMethod("SetBoundary", BindingFlags.Instance | BindingFlags.NonPublic)!;
        setBoundary.Invoke(parcel, [square, Area.FromSquareMetres(squareMetres), null, null]);
        return parcel;
    }

    /// <summary>Runs the rest of a test under a culture (messages format numbers with the current culture).</summary>
    public static IDisposable UseCulture(string name) => new CultureScope(CultureInfo.GetCultureInfo(name));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo previous;

        public CultureScope(CultureInfo culture)
        {
            previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture;
        }

        public void Dispose() => CultureInfo.CurrentCulture = previous;
    }
}
