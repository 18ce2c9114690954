using GuaGou.Domain.Access;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Seeding;

/// <summary>
/// The township demo: a 天山镇 project in the style of seed 001 (空心村, 危旧土坯房, 废弃砖瓦窑) in 实施, with households in
/// every state — consented and signed, demolished, reclaiming, reclaimed, one registered late without consent, one
/// resettlement plot above the standard, one demolition still missing its after-photo — and generated sample scans
/// and photos (not real people, not real documents).
/// </summary>
internal sealed class DemoHouseholds(GuaGouDbContext db, DocumentService documents, IReadOnlyDictionary<string, Actor> actors,
    DateTimeOffset now)
{
    private static readonly (string Name, int Members, decimal Homestead, ResettlementChoice Choice, decimal? Plot, string Parcel)[] People =
    [
        ("刘德明", 4, 168.5m, ResettlementChoice.Concentrated, 80m, "TS24-C01"),
        ("陈秀兰", 2, 95.0m, ResettlementChoice.MonetaryCompensation, null, "TS24-C01"),
        ("王建国", 5, 210.3m, ResettlementChoice.Concentrated, 100m, "TS24-C01"),
        ("李桂芳", 3, 132.8m, ResettlementChoice.SelfBuild, 90m, "TS24-C01"),
        ("张志强", 6, 240.0m, ResettlementChoice.Concentrated, 100m, "TS24-C01"),
        ("赵玉珍", 1, 76.4m, ResettlementChoice.MonetaryCompensation, null, "TS24-C02"),
        ("孙福生", 4, 150.2m, ResettlementChoice.Concentrated, 130m, "TS24-C02"),
        ("周海军", 3, 118.0m, ResettlementChoice.SelfBuild, 90m, "TS24-C02"),
        ("吴淑英", 2, 88.6m, ResettlementChoice.Concentrated, 60m, "TS24-C02"),
        ("郑长友", 5, 186.9m, ResettlementChoice.Concentrated, 100m, "TS24-C02"),
    ];

    public async Task SeedAsync(Func<ProjectArea, HouseholdConsent, Task> walkToImplementation, Region county, Region township,
        Func<string, Region> village, CancellationToken ct)
    {
        var project = ProjectArea.File(ProjectCode.Create(county.Code, 2025, 2), county,
            new ProjectAreaDetails("天山镇2025年空心村、危旧土坯房及废弃砖瓦窑增减挂钩项目区", 2025, ProjectKind.InCounty, PlanType.ProjectArea,
                "旗自然资源局、天山镇人民政府"), actors[Roles.CountyClerk], now);
        db.ProjectAreas.Add(project);
        void Demolition(string code, string name, string villageName, string landClass, decimal m2) =>
            project.AddParcel(new ParcelData(Zone.Demolition, code, name, township.Id, village(villageName).Id, LandClassCode.Parse(landClass),
                ReclamationDirection.Farmland, null, $"{villageName}集体", Area.FromSquareMetres(m2), null), township, village(villageName), now);
        Demolition("TS24-C01", "北岗台村空心村", "北岗台村", "0702", 6_820.40m);
        Demolition("TS24-C02", "杨树林村危旧土坯房", "杨树林村", "0702", 4_915.75m);
        Demolition("TS24-C03", "胜龙村废弃砖瓦窑", "胜龙村", "0602", 9_360.00m);
        project.AddParcel(new ParcelData(Zone.Construction, "TS24-J01", "三家村集中安置点", township.Id, village("三家村").Id,
            LandClassCode.Parse("0103"), null, "农村集中安置", "三家村集体", Area.FromSquareMetres(6_400.00m), "安置 6 户"), township, village("三家村"), now);
        await db.SaveChangesAsync(ct);

        var clerk = actors[Roles.TownshipClerk];
        var households = new List<Household>();
        for (var i = 0; i < People.Length; i++)
        {
            var p = People[i];
            var parcel = project.Parcels.Single(x => x.Code == p.Parcel);
            var household = Household.Register(parcel, new HouseholdData(p.Name, IdCard(i), p.Members, Area.FromSquareMetres(p.Homestead),
                LocationClass.OutsidePlanningArea, p.Choice, p.Plot is { } plot ? Area.FromSquareMetres(plot) : null, null), now);
            db.Households.Add(household);
            households.Add(household);
        }

        await db.SaveChangesAsync(ct);
        for (var i = 0; i < households.Count; i++)
        {
            var h = households[i];
            var signed = new DateOnly(2025, 1, 8).AddDays(i);
            h.RecordAgreement(AgreementKind.Consent, signed, h.HeadName, null, await ScanAsync(project, h, DocumentPurpose.ConsentScan, i, ct), now);
            if (i < 8)
            {
                var amount = decimal.Round(h.HomesteadArea.SquareMetres * 420m, 0);
                h.RecordAgreement(AgreementKind.Compensation, signed.AddDays(20), h.HeadName, amount,
                    await ScanAsync(project, h, DocumentPurpose.CompensationAgreementScan, i, ct), now);
                h.RecordAgreement(AgreementKind.Resettlement, signed.AddDays(20), h.HeadName, null,
                    await ScanAsync(project, h, DocumentPurpose.ResettlementAgreementScan, i, ct), now);
            }
        }

        await db.SaveChangesAsync(ct);
        await walkToImplementation(project, HouseholdConsent.Of(households));
        await db.SaveChangesAsync(ct);

        // Progress: 0–1 reclaimed, 2–3 reclaiming, 4–6 demolished (6 without its after-photo), 7 signed and waiting.
        for (var i = 0; i <= 6; i++)
        {
            var h = households[i];
            h.RecordDemolition(new DateOnly(2025, 5, 12).AddDays(7 * i), project.Stage, now);
            await PhotoAsync(project, h, DocumentPurpose.PhotoBeforeDemolition, i, ct);
            if (i != 6)
            {
                await PhotoAsync(project, h, DocumentPurpose.PhotoAfterDemolition, i, ct);
            }

            if (i <= 3)
            {
                h.StartReclamation(new DateOnly(2025, 9, 1).AddDays(3 * i), now);
            }

            if (i <= 1)
            {
                h.CompleteReclamation(new DateOnly(2026, 4, 20).AddDays(5 * i), now);
                await PhotoAsync(project, h, DocumentPurpose.ReclamationPhoto, i, ct);
            }
        }

        // A household found after approval: registered, consent still to collect (it shows on the township's to-do list).
        var late = project.Parcels.Single(x => x.Code == "TS24-C02");
        db.Households.Add(Household.Register(late, new HouseholdData("冯宝山", IdCard(People.Length), 3, Area.FromSquareMetres(102.5m),
            LocationClass.OutsidePlanningArea, ResettlementChoice.Concentrated, Area.FromSquareMetres(90m), "实施中补充登记"), now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A syntactically valid number under the county's code with an obviously synthetic birth date.</summary>
    private static IdCardNumber IdCard(int n)
    {
        var body = $"15042119{60 + n % 30:00}0101{100 + n:000}";
        return IdCardNumber.Parse(body + IdCardNumber.CheckCharacterFor(body));
    }

    private async Task<Guid> ScanAsync(ProjectArea project, Household h, DocumentPurpose purpose, int i, CancellationToken ct)
    {
        var title = purpose switch
        {
            DocumentPurpose.ConsentScan => "Consent of the owner (demo sample)",
            DocumentPurpose.CompensationAgreementScan => "House demolition compensation agreement (demo sample)",
            _ => "Resettlement agreement (demo sample)",
        };
        var pdf = SampleScans.Pdf(title, [$"Project {project.Code}", $"Household no. {i + 1}", "GuaGou demo data - not a real document"]);
        var name = $"{DocumentPurposeNames.Of(purpose).Replace("扫描件", "", StringComparison.Ordinal)}-{h.HeadName}.pdf";
        return (await StoreAsync(project, h, purpose, pdf, name, ct)).SeriesId;
    }

    private Task<StoredDocument> PhotoAsync(ProjectArea project, Household h, DocumentPurpose purpose, int i, CancellationToken ct)
    {
        var png = SampleScans.Png(640, 480, $"{project.Code}-{h.HeadName}-{purpose}-{i}");
        return StoreAsync(project, h, purpose, png, $"{DocumentPurposeNames.Of(purpose)}-{h.HeadName}.png", ct);
    }

    /// <summary>Stored through the document store like any upload (type check, thumbnail, publish), by the demo township official.</summary>
    private async Task<StoredDocument> StoreAsync(ProjectArea project, Household h, DocumentPurpose purpose, byte[] bytes, string fileName,
        CancellationToken ct)
    {
        var clerk = actors[Roles.TownshipClerk];
        var township = await db.Regions.AsNoTracking().SingleAsync(r => r.Id == h.TownshipId, ct);
        var uploader = new CurrentUser(clerk.UserId, clerk.Name, clerk.RoleCode, township.Code, township.Id);
        using var content = new MemoryStream(bytes, writable: false);
        return await documents.AddAsync(uploader, new DocumentUpload(content, fileName), purpose,
            new DocumentLinks(project.Id, h.ParcelId, h.Id, null, h.TownshipId), null, "演示数据", ct);
    }
}
