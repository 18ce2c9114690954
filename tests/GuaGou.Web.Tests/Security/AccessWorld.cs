using System.Globalization;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuaGou.Web.Tests.Security;

/// <summary>Who knocks: nobody, each role at home, and people from elsewhere asking for our records.</summary>
public enum Who
{
    Anonymous,
    SystemAdmin,
    CountyClerk,
    CountyReviewer,
    TownshipClerk,
    LeadingGroupOffice,
    CityApprover,
    ProvinceApprover,
    /// <summary>A township official of township B, asking for township A's records.</summary>
    OtherTownshipClerk,
    /// <summary>A county clerk of another province's county, asking for this county's records.</summary>
    OtherCountyClerk,
}

/// <summary>
/// The records the access matrix asks about, all in township A (天山镇) of 阿鲁科尔沁旗: a project in 实施 with a
/// household and its documents, a project still in 方案编制 with a parcel and a pending import. Built through the
/// services, as users would build them, and one signed-in client per <see cref="Who"/>.
/// </summary>
public sealed class AccessWorld : GuaGouAppFactory
{
    public const string County = "150421";
    public const string TownshipA = "150421100";
    public const string TownshipB = "150421101";

    public Dictionary<Who, HttpClient> Clients { get; } = [];

    /// <summary>The services' view of each signed-in person (not Anonymous), for the service matrices of interactive pages.</summary>
    public Dictionary<Who, CurrentUser> Users { get; } = [];

    public string ImplementationProject { get; private set; } = "";

    public string PlanningProject { get; private set; } = "";

    public int PlanningParcelId { get; private set; }

    public Guid PendingImportId { get; private set; }

    public int HouseholdId { get; private set; }

    public long ScanId { get; private set; }

    public long PhotoId { get; private set; }

    public int TownshipARegionId { get; private set; }

    public Guid ClerkUserId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var users = new Dictionary<Who, ProjectPages>();
        foreach (var (who, role, region) in new (Who, string, string)[]
                 {
                     (Who.SystemAdmin, Roles.SystemAdmin, County), (Who.CountyClerk, Roles.CountyClerk, County),
                     (Who.CountyReviewer, Roles.CountyReviewer, County), (Who.TownshipClerk, Roles.TownshipClerk, TownshipA),
                     (Who.LeadingGroupOffice, Roles.LeadingGroupOffice, County), (Who.CityApprover, Roles.CityApprover, "150400"),
                     (Who.ProvinceApprover, Roles.ProvinceApprover, "150000"), (Who.OtherTownshipClerk, Roles.TownshipClerk, TownshipB),
                     (Who.OtherCountyClerk, Roles.CountyClerk, "360404"),
                 })
        {
            users[who] = await ProjectPages.SignInAsync(this, role, region);
            Clients[who] = users[who].Client;
            Users[who] = await ProjectPages.CurrentUserAsync(this, users[who]);
        }

        Clients[Who.Anonymous] = CreateBrowserlikeClient();
        await BuildRecordsAsync(users);
    }

    private async Task BuildRecordsAsync(Dictionary<Who, ProjectPages> users)
    {
        async Task<CurrentUser> As(Who who) => await ProjectPages.CurrentUserAsync(this, users[who]);
        var clerk = await As(Who.CountyClerk);
        ClerkUserId = clerk.Id;
        var township = await As(Who.TownshipClerk);
        var city = await As(Who.CityApprover);
        await using var scope = Services.CreateAsyncScope();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectAreaService>();
        var households = scope.ServiceProvider.GetRequiredService<HouseholdService>();
        await using var db = TestDatabase.CreateContext(ConnectionString);
        var county = await db.Regions.SingleAsync(r => r.Code == Domain.Regions.RegionCode.Parse(County));
        TownshipARegionId = await db.Regions.Where(r => r.Code == Domain.Regions.RegionCode.Parse(TownshipA)).Select(r => r.Id).SingleAsync();

        async Task<uint> VersionAsync(ProjectCode code) => await db.ProjectAreas.Where(p => p.Code == code)
            .Select(p => EF.Property<uint>(p, "Version")).SingleAsync();
        ParcelData Parcel(Zone zone, string code) => new(zone, code, null, TownshipARegionId, null, LandClassCode.Parse("0702"),
            zone == Zone.Demolition ? ReclamationDirection.Farmland : null, zone == Zone.Construction ? "集中安置" : null, null,
            Area.FromSquareMetres(zone == Zone.Demolition ? 5_000m : 2_000m), null);

        // A project in 实施 with a household, its consent scan and a photo.
        var implementation = await projects.FileAsync(clerk, county.Id, new ProjectAreaDetails("权限矩阵实施项目区", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null));
        var imports = scope.ServiceProvider.GetRequiredService<ParcelImportService>();
        foreach (var (zone, file) in new[] { (Zone.Demolition, Txt("M-CJ01", 4_881_000)), (Zone.Construction, Txt("M-JX01", 4_882_000)) })
        {
            var id = await imports.UploadAsync(clerk, implementation, new UploadRequest(zone, "矩阵.txt", Encoding.UTF8.GetBytes(file), TownshipARegionId,
                ReclamationDirection.Farmland, "集中安置", "0702"));
            await imports.CommitAsync(clerk, implementation, id, await VersionAsync(implementation));
        }

        var demolitionParcel = await db.Parcels.Where(p => p.Code == "M-CJ01").Select(p => p.Id).SingleAsync();
        HouseholdId = await households.RegisterAsync(township, demolitionParcel, new HouseholdData("矩阵户", IdCardNumber.Parse(IdCard()), 3,
            Area.FromSquareMetres(120m), LocationClass.OutsidePlanningArea, ResettlementChoice.MonetaryCompensation, null, null));
        await households.RecordAgreementAsync(township, HouseholdId, await HouseholdVersionAsync(db), AgreementKind.Consent, new DateOnly(2026, 1, 5),
            "矩阵户", null, new DocumentUpload(new MemoryStream(SampleScans.Pdf("matrix consent", ["1"])), "同意书.pdf"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await projects.AdvanceAsync(clerk, implementation, await VersionAsync(implementation), Stage.Planning, new StageActionInput(today, null, null));
        await projects.AdvanceAsync(clerk, implementation, await VersionAsync(implementation), Stage.Approval, new StageActionInput(today, null, null));
        await projects.AdvanceAsync(city, implementation, await VersionAsync(implementation), Stage.ReclamationDesign,
            new StageActionInput(today, DocumentNumber.Parse("赤政发〔2026〕1号"), null));
        await projects.AdvanceAsync(city, implementation, await VersionAsync(implementation), Stage.Implementation,
            new StageActionInput(today, DocumentNumber.Parse("赤自然资发〔2026〕2号"), null));
        PhotoId = await households.UploadAsync(township, HouseholdId, DocumentPurpose.PhotoBeforeDemolition,
            new DocumentUpload(new MemoryStream(SampleScans.Png(320, 240, "matrix photo")), "拆除前.png"), null);
        ScanId = await db.Documents.Where(d => d.HouseholdId == HouseholdId && d.Purpose == DocumentPurpose.ConsentScan).Select(d => d.Id).SingleAsync();
        ImplementationProject = implementation.Value;

        // A project still being planned, with a parcel and an import waiting for confirmation.
        var planning = await projects.FileAsync(clerk, county.Id, new ProjectAreaDetails("权限矩阵方案项目区", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null));
        PlanningParcelId = await projects.AddParcelAsync(clerk, planning, await VersionAsync(planning), Parcel(Zone.Demolition, "P-CJ01"));
        await projects.AdvanceAsync(clerk, planning, await VersionAsync(planning), Stage.Planning, new StageActionInput(today, null, null));
        PendingImportId = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().UploadAsync(clerk, planning,
            new UploadRequest(Zone.Demolition, "矩阵.txt", Encoding.UTF8.GetBytes(Txt("P-CJ01", 4_871_000)), TownshipARegionId, ReclamationDirection.Farmland, null, "0702"));
        PlanningProject = planning.Value;
    }

    private Task<uint> HouseholdVersionAsync(Infrastructure.Persistence.GuaGouDbContext db) =>
        db.Households.Where(h => h.Id == HouseholdId).Select(h => EF.Property<uint>(h, "Version")).SingleAsync();

    /// <summary>
    /// Every row of every table of ours except the audit trail (which refusals are meant to append to), as one hash:
    /// a refused write must leave it as it was.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'guagou' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'audit%' ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sql = string.Join(" || ", tables.Select(t =>
            $"coalesce((SELECT md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) FROM guagou.\"{t}\" x), '-')"));
        await using var command = new NpgsqlCommand("SELECT " + sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string IdCard()
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"1504211975{Random.Shared.Next(1, 12):00}15{Random.Shared.Next(100, 999)}");
        return body + IdCardNumber.CheckCharacterFor(body);
    }

    /// <summary>A 50 m × 50 m parcel (0.25 公顷) in 3° zone 40 near 天山镇, its north edge at <paramref name="north"/>.</summary>
    private static string Txt(string code, int north) => string.Create(CultureInfo.InvariantCulture, $"""
        [属性描述]
        坐标系=2000国家大地坐标系
        几度分带=3
        带号=40
        [地块坐标]
        5,0.2500,{code},矩阵地块,面,,拆旧复垦,0702,@
        J1,1,{north}.000,508000.000
        J2,1,{north}.000,508050.000
        J3,1,{north - 50}.000,508050.000
        J4,1,{north - 50}.000,508000.000
        J1,1,{north}.000,508000.000
        """);
}
