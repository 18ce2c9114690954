using System.Net;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Households;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Households;

/// <summary>The household pages of a township official: registering, the homestead standard flag, editing and document versions.</summary>
public sealed class HouseholdPagesTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private async Task<(ProjectPages Township, string Code)> ProjectAsync(string name)
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        return (township, await HouseholdSteps.ProjectAsync(county, name, ("CJ01", Places.TownshipAName)));
    }

    [Fact]
    public async Task ResettlementPlot_AboveTheStandard_IsFlaggedWithTheReason_AndAtTheLimitItIsNot()
    {
        var (township, code) = await ProjectAsync("宅基地标准项目区");

        // 4 people inside the town planning area: 20 m² × 4 = 80 m² (below the 100 m² per household).
        var above = await township.RegisterAsync(app, code, "CJ01", "超标户", members: 4, location: LocationClass.InsidePlanningArea, plot: "81");
        var atLimit = await township.RegisterAsync(app, code, "CJ01", "达标户", members: 4, location: LocationClass.InsidePlanningArea, plot: "80");

        var flagged = (await township.Client.GetDocumentAsync($"/households/{above}")).QuerySelector("[data-testid='standard']")!.TextContent;
        Assert.Contains("超出宅基地标准", flagged, StringComparison.Ordinal);
        Assert.Contains("安置宅基地 81.00 平方米超过城镇规划区内每人 20 平方米 × 4 人 = 80 平方米的标准", flagged, StringComparison.Ordinal);
        var within = (await township.Client.GetDocumentAsync($"/households/{atLimit}")).QuerySelector("[data-testid='standard']")!.TextContent;
        Assert.Contains("符合标准", within, StringComparison.Ordinal);
        Assert.DoesNotContain("超出", within, StringComparison.Ordinal);

        var rows = (await township.Client.GetDocumentAsync($"/projects/{code}/households")).QuerySelectorAll("[data-testid='households'] tbody tr");
        Assert.Contains("超标", rows.Single(r => r.TextContent.Contains("超标户", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("超标", rows.Single(r => r.TextContent.Contains("达标户", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResettlementPlot_AboveTheHouseholdLimitOutside_IsFlaggedForThatLimit()
    {
        var (township, code) = await ProjectAsync("规划区外标准项目区");

        // 6 people outside: 30 × 6 = 180 m² per person, but 150 m² per household is the smaller limit.
        var id = await township.RegisterAsync(app, code, "CJ01", "大户", members: 6, location: LocationClass.OutsidePlanningArea, plot: "150.01");

        var flagged = (await township.Client.GetDocumentAsync($"/households/{id}")).QuerySelector("[data-testid='standard']")!.TextContent;
        Assert.Contains("超过城镇规划区外每户 150 平方米的标准", flagged, StringComparison.Ordinal);
        Assert.DoesNotContain("每人", flagged, StringComparison.Ordinal);
    }

    // The register/edit page is interactive: it hands its inputs to HouseholdService (HouseholdFormPage.SaveAsync), so
    // the outcomes are asserted on the service the page calls, with the real database.

    [Fact]
    public async Task Register_WithAWrongCheckDigit_IsRefusedWithTheMessage_AndStoresNothing()
    {
        var (township, code) = await ProjectAsync("身份证校验项目区");
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var count = await db.Households.CountAsync();
        var bad = IdCards.WithWrongCheck(IdCards.Next());

        var refusal = await HouseholdSteps.RefusalAsync(() => township.RegisterAsync(app, code, "CJ01", () => HouseholdSteps.HouseholdData("错号户", bad)));

        Assert.Contains("身份证号码校验位不正确", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(count, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Register_TheSameIdCardTwice_IsRefused_OneHouseholdOneHomestead()
    {
        var (township, code) = await ProjectAsync("一户一宅项目区");
        var card = IdCards.Next();
        await township.RegisterAsync(app, code, "CJ01", "第一次", idCard: card);

        var refusal = await HouseholdSteps.RefusalAsync(() => township.RegisterAsync(app, code, "CJ01", () => HouseholdSteps.HouseholdData("第二次", card)));

        Assert.Contains("已登记过（一户一宅）", refusal.Message, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal(1, await db.Households.CountAsync(h => h.HeadName == "第一次" || h.HeadName == "第二次"));
    }

    [Fact]
    public async Task Edit_SavesTheChange_AndAFormPreparedBeforeItIsAConflictThatChangesNothing()
    {
        var (township, code) = await ProjectAsync("修改农户项目区");
        var card = IdCards.Next();
        var id = await township.RegisterAsync(app, code, "CJ01", "原名", idCard: card);
        var user = await ProjectPages.CurrentUserAsync(app, township);
        // The version the edit form keeps in its model, read as the page reads it.
        var stale = await app.ServiceAsync<HouseholdQueries, uint>(async q => (await q.DetailsAsync(user, id))!.Version);

        await app.ServiceAsync<HouseholdService, bool>(async s =>
        {
            await s.UpdateAsync(user, id, stale, HouseholdSteps.HouseholdData("新名", card, members: 5, plot: 120));
            return true;
        });

        var conflict = await HouseholdSteps.RefusalAsync(() => app.ServiceAsync<HouseholdService, bool>(async s =>
        {
            await s.UpdateAsync(user, id, stale, HouseholdSteps.HouseholdData("过期表单", card, members: 2));
            return true;
        }));

        Assert.Equal("concurrency.conflict", conflict.Code);
        Assert.Contains("已被他人修改", conflict.Message, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var household = await db.Households.SingleAsync(h => h.Id == id);
        Assert.Equal(("新名", 5, 120m), (household.HeadName, household.Members, household.ResettlementPlotArea!.Value.SquareMetres));
    }

    [Fact]
    public async Task EditPage_PrerendersTheHouseholdsValues_AndTheRegisterPageOffersTheParcelChoice()
    {
        var (township, code) = await ProjectAsync("表单预填项目区");
        var card = IdCards.Next();
        var id = await township.RegisterAsync(app, code, "CJ01", "预填户", idCard: card);

        var edit = await township.Client.GetDocumentAsync($"/households/{id}/edit");
        Assert.Contains(edit.QuerySelectorAll("input"), i => i.GetAttribute("value") == "预填户");
        Assert.Contains(edit.QuerySelectorAll("input"), i => i.GetAttribute("value") == card);
        var register = await township.Client.GetDocumentAsync($"/projects/{code}/households/new");
        Assert.NotNull(register.QuerySelector("[data-testid='parcel']"));
        Assert.Equal("登记农户", register.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task Replace_KeepsBothVersionsInOneSeries_BothDownloadable_AndReplacingAnOldVersionIsRefused()
    {
        var (township, code) = await ProjectAsync("版本历史项目区");
        var id = await township.RegisterAsync(app, code, "CJ01", "版本户");
        var first = Samples.Pdf("version 1");
        Assert.Equal($"/households/{id}", (await township.UploadAsync(id, first, "协议-第1版.pdf", purpose: "CompensationAgreementScan")).RedirectTarget());
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var v1 = await db.Documents.SingleAsync(d => d.HouseholdId == id);

        var second = Samples.Pdf("version 2");
        var replaced = await township.ReplaceAsync(v1.Id, second, "协议-第2版.pdf", note: "补签后重新扫描");

        Assert.Equal($"/households/{id}", replaced.RedirectTarget());
        var versions = await db.Documents.Where(d => d.HouseholdId == id).OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(d => d.Version));
        Assert.All(versions, d => Assert.Equal(v1.SeriesId, d.SeriesId));
        Assert.All(versions, d => Assert.Equal(GuaGou.Domain.Documents.DocumentPurpose.CompensationAgreementScan, d.Purpose));
        Assert.NotEqual(versions[0].StorageKey, versions[1].StorageKey);
        Assert.Equal("补签后重新扫描", versions[1].Note);
        Assert.Equal(first, await township.Client.GetByteArrayAsync($"/documents/{versions[0].Id}"));
        Assert.Equal(second, await township.Client.GetByteArrayAsync($"/documents/{versions[1].Id}"));

        var table = (await township.Client.GetDocumentAsync($"/households/{id}")).QuerySelector("[data-testid='documents']")!;
        Assert.Contains("第 2 版", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("第 1 版（已替换）", table.TextContent, StringComparison.Ordinal);
        Assert.NotNull(table.QuerySelector($"a[href='/documents/{versions[1].Id}/replace']"));
        Assert.Null(table.QuerySelector($"a[href='/documents/{versions[0].Id}/replace']"));

        var store = await StoreState.OfAsync(app);
        var stale = await township.ReplaceAsync(versions[0].Id, Samples.Pdf("version 2b"), "协议-旧版替换.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("该文件已有更新的版本（第 2 版），请替换最新版本。", await HouseholdForms.ErrorOfAsync(stale), StringComparison.Ordinal);
        Assert.Equal(store, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task AgreementScan_RecordedAgain_IsANewVersionOfTheSameSeries()
    {
        var (township, code) = await ProjectAsync("协议版本项目区");
        var id = await township.RegisterAsync(app, code, "CJ01", "再签户");
        var first = Samples.Pdf("consent v1");
        var second = Samples.Pdf("consent v2");

        Assert.Equal($"/households/{id}", (await township.RecordAgreementAsync(id, AgreementKind.Consent, first, "同意书.pdf")).RedirectTarget());
        Assert.Equal($"/households/{id}", (await township.RecordAgreementAsync(id, AgreementKind.Consent, second, "同意书-重扫.pdf",
            signatory: "再签户之妻")).RedirectTarget());

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var household = await db.Households.Include(h => h.Agreements).SingleAsync(h => h.Id == id);
        var consent = household.AgreementOf(AgreementKind.Consent)!;
        Assert.Equal("再签户之妻", consent.Signatory);
        var scans = await db.Documents.Where(d => d.HouseholdId == id).OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([1, 2], scans.Select(d => d.Version));
        Assert.All(scans, d => Assert.Equal(consent.DocumentSeriesId, d.SeriesId));
        Assert.Equal(first, await township.Client.GetByteArrayAsync($"/documents/{scans[0].Id}"));
        Assert.Equal(second, await township.Client.GetByteArrayAsync($"/documents/{scans[1].Id}"));
    }
}
