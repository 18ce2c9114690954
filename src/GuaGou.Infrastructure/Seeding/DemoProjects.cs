using GuaGou.Domain.Households;
using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Seeding;

/// <summary>
/// Demo project areas in 阿鲁科尔沁旗, in different stages, each walked through the lifecycle by the demo account of
/// the role that takes each step — so their history looks like real work. One is modelled on seed 000: 43
/// mining-land parcels, 67.3486 公顷 in all, across the 8 townships and 26 villages the document names.
/// </summary>
internal sealed class DemoProjects(GuaGouDbContext db, IReadOnlyDictionary<string, Actor> actors, DateTimeOffset now,
    DocumentService documents)
{
    /// <summary>Seed 000: 整治区总面积 67.3486 公顷, 43 个地块.</summary>
    public const decimal MiningProjectSquareMetres = 673_486m;

    public async Task SeedAsync(CancellationToken ct)
    {
        var regions = await db.Regions.ToListAsync(ct);
        var county = regions.Single(r => r.Code.Value == "150421");
        var townships = regions.Where(r => r.ParentId == county.Id).ToDictionary(r => r.Name);
        Region Village(string township, string name) => regions.Single(r => r.ParentId == townships[township].Id && r.Name == name);

        // 1. Seed 000: approved 2022-11-08 (阿政办发〔2022〕91号), still in implementation: overdue since 2024-11-08.
        var mining = New(county, 2022, 1, "阿鲁科尔沁旗2022年城乡建设用地增减挂钩坤都镇项目区", ProjectKind.InProvinceTrade,
            "旗自然资源局；天山镇、天山口镇、新民乡、坤都镇、赛罕塔拉苏木、绍根镇、扎嘎斯台镇、双胜镇人民政府");
        var villages = RegionCatalog.AluhorqinVillages;
        var areas = SplitDeterministically(MiningProjectSquareMetres, 43, seed: 421);
        for (var i = 0; i < 43; i++)
        {
            var (townshipName, villageName) = villages[i % villages.Count];
            var township = townships[townshipName];
            var village = Village(townshipName, villageName);
            var direction = i % 9 == 4 ? ReclamationDirection.Forest : i % 11 == 7 ? ReclamationDirection.Grassland : ReclamationDirection.Farmland;
            mining.AddParcel(new ParcelData(Zone.Demolition, $"KD{i + 1:00}", $"{villageName}废弃工矿地{i / villages.Count + 1}号", township.Id,
                village.Id, LandClassCode.Parse("0602"), direction, null, $"{villageName}集体", Area.FromSquareMetres(areas[i]),
                null), township, village, now);
        }

        Walk(mining, Stage.Implementation, new DateOnly(2022, 8, 15), "阿政办发〔2022〕91号", approvedOn: new DateOnly(2022, 11, 8));

        // 2. In the style of seed 001 (空心村, 危旧土坯房, 废弃砖瓦窑): still being planned, balance holding.
        var hollow = New(county, 2025, 1, "天山镇2025年空心村及废弃砖瓦窑整治项目区", ProjectKind.InCounty, "旗自然资源局、天山镇人民政府");
        var tianshan = townships["天山镇"];
        AddDemolition(hollow, "TS-C01", "北岗台村空心村", tianshan, Village("天山镇", "北岗台村"), "0702", 8_650.25m, ReclamationDirection.Farmland);
        AddDemolition(hollow, "TS-C02", "杨树林村危旧土坯房", tianshan, Village("天山镇", "杨树林村"), "0702", 5_432.10m, ReclamationDirection.Farmland);
        AddDemolition(hollow, "TS-C03", "胜龙村废弃砖瓦窑", tianshan, Village("天山镇", "胜龙村"), "0602", 12_004.00m, ReclamationDirection.Farmland);
        AddDemolition(hollow, "TS-C04", "孤山子村废弃场院", tianshan, Village("天山镇", "孤山子村"), "1201", 2_100.00m, ReclamationDirection.KeepConstruction);
        hollow.AddParcel(new ParcelData(Zone.Construction, "TS-J01", "天山镇集中安置区", tianshan.Id, null, LandClassCode.Parse("0103"),
            null, "农村集中安置", "天山镇三家村集体", Area.FromSquareMetres(9_800.00m), "安置 36 户"), tianshan, null, now);
        Walk(hollow, Stage.Planning, new DateOnly(2025, 3, 1), null);

        // 3. Just filed: survey under way, no parcels yet.
        New(county, 2026, 1, "扎嘎斯台镇2026年增减挂钩项目区", ProjectKind.InCounty, "旗自然资源局、扎嘎斯台镇人民政府");

        // 4. A 2021 project at 初验, and 5. a 2019 project completed.
        var xinmin = New(county, 2021, 1, "新民乡2021年城乡建设用地增减挂钩项目区", ProjectKind.InCounty, "旗自然资源局、新民乡人民政府");
        AddDemolition(xinmin, "XM01", "新民村旧宅基地", townships["新民乡"], Village("新民乡", "新民村"), "0702", 15_300.00m, ReclamationDirection.Farmland);
        AddDemolition(xinmin, "XM02", "扫帚包村旧宅基地", townships["新民乡"], Village("新民乡", "扫帚包村"), "0702", 9_870.50m, ReclamationDirection.Farmland);
        xinmin.AddParcel(new ParcelData(Zone.Construction, "XM-J01", "新民乡镇区建新地块", townships["新民乡"].Id, null, LandClassCode.Parse("0103"),
            null, "城镇住宅", "国有", Area.FromSquareMetres(12_000.00m), null), townships["新民乡"], null, now);
        Walk(xinmin, Stage.PreliminaryAcceptance, new DateOnly(2021, 4, 1), "赤政字〔2021〕58号");

        var shuangsheng = New(county, 2019, 1, "双胜镇2019年城乡建设用地增减挂钩项目区", ProjectKind.InCounty, "旗自然资源局、双胜镇人民政府");
        AddDemolition(shuangsheng, "SS01", "双胜村废弃工矿地", townships["双胜镇"], Village("双胜镇", "双胜村"), "0602", 20_450.00m, ReclamationDirection.Farmland);
        shuangsheng.AddParcel(new ParcelData(Zone.Construction, "SS-J01", "双胜镇工业园区地块", townships["双胜镇"].Id, null, LandClassCode.Parse("0103"),
            null, "工业用地", "国有", Area.FromSquareMetres(10_000.00m), null), townships["双胜镇"], null, now);
        Walk(shuangsheng, Stage.Completed, new DateOnly(2019, 3, 1), "赤政字〔2019〕21号");

        await db.SaveChangesAsync(ct);

        // 6. The township demo: households, agreements, demolition evidence (DemoHouseholds).
        await new DemoHouseholds(db, documents, actors, now).SeedAsync(
            (project, consent) =>
            {
                Walk(project, Stage.Implementation, new DateOnly(2025, 1, 6), "阿政办发〔2025〕17号", approvedOn: new DateOnly(2025, 3, 10), consent);
                return Task.CompletedTask;
            },
            county, townships["天山镇"], name => Village("天山镇", name), ct);
    }

    private ProjectArea New(Region county, int year, int sequence, string name, ProjectKind kind, string units)
    {
        var project = ProjectArea.File(ProjectCode.Create(county.Code, year, sequence), county,
            new ProjectAreaDetails(name, year, kind, PlanType.ProjectArea, units), actors[Roles.CountyClerk], now);
        db.ProjectAreas.Add(project);
        return project;
    }

    private void AddDemolition(ProjectArea project, string code, string name, Region township, Region village, string landClass,
        decimal squareMetres, ReclamationDirection direction) =>
        project.AddParcel(new ParcelData(Zone.Demolition, code, name, township.Id, village.Id, LandClassCode.Parse(landClass), direction,
            null, $"{village.Name}集体", Area.FromSquareMetres(squareMetres), null), township, village, now);

    /// <summary>Takes every step up to <paramref name="target"/>, 45 days apart, each by the demo account of its role.</summary>
    private void Walk(ProjectArea project, Stage target, DateOnly start, string? approvalDocument, DateOnly? approvedOn = null,
        HouseholdConsent? consent = null)
    {
        // Demo projects without households pass the consent check trivially; the 柴桑 one passes its real households.
        consent ??= HouseholdConsent.NoHouseholds;
        var date = start;
        while (project.Stage < target && project.NextStep is { } step)
        {
            if (step.From == Stage.Approval && approvedOn is { } approved)
            {
                date = approved;
            }

            var document = step.RequiresDocumentNumber
                ? DocumentNumber.Parse(step.From == Stage.Approval && approvalDocument is not null
                    ? approvalDocument
                    : $"阿自然资发〔{date.Year}〕{(int)step.From * 7 + 3}号")
                : (DocumentNumber?)null;
            project.Advance(step.To, actors[step.Roles[0]], new StageActionInput(date, document, $"{step.Action}（演示数据）"), now, consent);
            date = date.AddDays(45);
        }
    }

    /// <summary>n positive areas with the exact total, varied but the same on every run.</summary>
    private static decimal[] SplitDeterministically(decimal total, int n, int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, n).Select(_ => 0.4 + random.NextDouble() * 1.6).ToArray();
        var sum = weights.Sum();
        var parts = weights.Select(w => decimal.Round(total * (decimal)(w / sum), 2)).ToArray();
        parts[^1] += total - parts.Sum();
        return parts;
    }
}
