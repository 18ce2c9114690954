using System.Net;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Households;

/// <summary>
/// The stage guards end to end: no submission for approval while a household lacks consent, no demolition before the
/// compensation agreement (nor outside 实施) — each refused on the real page with the Chinese reason, nothing changed.
/// </summary>
public sealed class ConsentGuardTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private async Task<Household> HouseholdAsync(int id)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Households.Include(h => h.Agreements).SingleAsync(h => h.Id == id);
    }

    [Fact]
    public async Task SubmitForApproval_WhileAHouseholdLacksConsent_IsRefusedAndTheStageStays_AfterConsentItPasses()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "同意书守卫项目区", ("CJ01", Places.TownshipAName));
        await county.AdvanceAsync(code); // → 方案编制
        var consented = await township.RegisterAsync(app, code, "CJ01", "已同意户");
        var missing = await township.RegisterAsync(app, code, "CJ01", "未同意户");
        Assert.Equal($"/households/{consented}",
            (await township.RecordAgreementAsync(consented, AgreementKind.Consent, Samples.Pdf("consent 1"), "同意书-已同意户.pdf")).RedirectTarget());

        var refused = await county.AdvanceAsync(code);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("拆旧地块上还有 1 户未取得权属方同意（未同意户），不能提交审批。", await HouseholdForms.ErrorOfAsync(refused), StringComparison.Ordinal);
        Assert.Equal((int)Stage.Planning, await county.StageAsync(code));

        Assert.Equal($"/households/{missing}",
            (await township.RecordAgreementAsync(missing, AgreementKind.Consent, Samples.Pdf("consent 2"), "同意书-未同意户.pdf")).RedirectTarget());
        var passed = await county.AdvanceAsync(code);

        Assert.Equal($"/projects/{code}", passed.RedirectTarget());
        Assert.Equal((int)Stage.Approval, await county.StageAsync(code));
        var household = await HouseholdAsync(missing);
        Assert.True(household.HasConsent);
        Assert.NotNull(household.AgreementOf(AgreementKind.Consent)!.DocumentSeriesId);
    }

    [Fact]
    public async Task Consent_WithoutAScan_IsRefusedAndNothingIsRecorded()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "缺扫描件项目区", ("CJ01", Places.TownshipAName));
        var id = await township.RegisterAsync(app, code, "CJ01", "无扫描件户");

        var response = await township.RecordAgreementAsync(id, AgreementKind.Consent, scan: null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("请上传权属方同意书的扫描件", await HouseholdForms.ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.False((await HouseholdAsync(id)).HasConsent);
    }

    [Fact]
    public async Task Demolition_BeforeTheCompensationAgreement_IsRefused_AfterItIsRecordedWithPhotos_AndDownloadsAreSafe()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "拆除守卫项目区", ("CJ01", Places.TownshipAName));
        await HouseholdSteps.WalkToImplementationAsync(app, county, code);
        var id = await township.RegisterAsync(app, code, "CJ01", "张拆除");
        Assert.Equal($"/households/{id}", (await township.RecordAgreementAsync(id, AgreementKind.Consent, Samples.Pdf("consent"))).RedirectTarget());
        var before = await StoreState.OfAsync(app);

        var refused = await township.RecordDemolitionAsync(id,
            [new FilePart("before", Samples.Png("before early"), "拆除前.png"), new FilePart("after", Samples.Png("after early"), "拆除后.png")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("尚未签订房屋拆旧补偿协议，不能登记拆除", await HouseholdForms.ErrorOfAsync(refused), StringComparison.Ordinal);
        Assert.Equal(DemolitionStatus.NotDemolished, (await HouseholdAsync(id)).Status);
        Assert.Equal(before, await StoreState.OfAsync(app));

        var scan = Samples.Pdf("compensation");
        Assert.Equal($"/households/{id}", (await township.RecordAgreementAsync(id, AgreementKind.Compensation, scan, "补偿协议（张拆除）.pdf",
            amount: "35000.5", signatory: "张拆除")).RedirectTarget());
        var beforePhoto = Samples.Png("before");
        var afterPhoto = Samples.Png("after");

        var recorded = await township.RecordDemolitionAsync(id,
            [new FilePart("before", beforePhoto, "拆除前.png"), new FilePart("after", afterPhoto, "拆除后.png")]);

        Assert.Equal($"/households/{id}", recorded.RedirectTarget());
        var household = await HouseholdAsync(id);
        Assert.Equal(DemolitionStatus.Demolished, household.Status);
        Assert.Equal(35000.50m, household.AgreementOf(AgreementKind.Compensation)!.Amount);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var documents = await db.Documents.Where(d => d.HouseholdId == id).ToListAsync();
        Assert.Equal(beforePhoto, await township.Client.GetByteArrayAsync($"/documents/{documents.Single(d => d.Purpose == DocumentPurpose.PhotoBeforeDemolition).Id}"));
        Assert.Equal(afterPhoto, await township.Client.GetByteArrayAsync($"/documents/{documents.Single(d => d.Purpose == DocumentPurpose.PhotoAfterDemolition).Id}"));
        var detail = await township.Client.GetDocumentAsync($"/households/{id}");
        Assert.Contains("已拆除", detail.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // The compensation scan's download: the exact name as RFC 5987 filename*, never sniffed, never cached.
        var agreement = documents.Single(d => d.Purpose == DocumentPurpose.CompensationAgreementScan);
        var download = await township.Client.GetAsync($"/documents/{agreement.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(scan, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var disposition = string.Join(", ", download.Content.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''", disposition, StringComparison.Ordinal);
        Assert.Equal("补偿协议（张拆除）.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(download.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var thumbnail = await township.Client.GetAsync($"/documents/{documents.Single(d => d.Purpose == DocumentPurpose.PhotoBeforeDemolition).Id}/thumbnail");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], thumbnail.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(thumbnail.Headers.CacheControl?.NoStore, "thumbnail Cache-Control: no-store");
        Assert.Equal(HttpStatusCode.NotFound, (await township.Client.GetAsync($"/documents/{agreement.Id}/thumbnail")).StatusCode); // a PDF has none
    }

    [Fact]
    public async Task Demolition_WithAPdfAsAPhoto_IsRefused_AndThePhotosAlreadyPublishedAreRemoved()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "照片类型项目区", ("CJ01", Places.TownshipAName));
        await HouseholdSteps.WalkToImplementationAsync(app, county, code);
        var id = await township.RegisterAsync(app, code, "CJ01", "刘照片");
        await township.RecordAgreementAsync(id, AgreementKind.Consent, Samples.Pdf("consent"));
        await township.RecordAgreementAsync(id, AgreementKind.Compensation, Samples.Pdf("compensation"), amount: "1000");
        var before = await StoreState.OfAsync(app);

        var refused = await township.RecordDemolitionAsync(id,
            [new FilePart("before", Samples.Png("good photo"), "拆除前.png"), new FilePart("after", Samples.Pdf("not a photo"), "拆除后.pdf")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("不是图片", await HouseholdForms.ErrorOfAsync(refused), StringComparison.Ordinal);
        Assert.Equal(DemolitionStatus.NotDemolished, (await HouseholdAsync(id)).Status);
        Assert.Equal(before, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task Demolition_WithTheSamePhotoAsBeforeAndAfter_IsRefusedAsADuplicateAndNothingIsStored()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "重复照片项目区", ("CJ01", Places.TownshipAName));
        await HouseholdSteps.WalkToImplementationAsync(app, county, code);
        var id = await township.RegisterAsync(app, code, "CJ01", "黄重复");
        await township.RecordAgreementAsync(id, AgreementKind.Consent, Samples.Pdf("consent"));
        await township.RecordAgreementAsync(id, AgreementKind.Compensation, Samples.Pdf("compensation"), amount: "1000");
        var before = await StoreState.OfAsync(app);
        var photo = Samples.Png("same photo");

        var refused = await township.RecordDemolitionAsync(id,
            [new FilePart("before", photo, "拆除前.png"), new FilePart("after", photo, "拆除后.png")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("内容完全相同", await HouseholdForms.ErrorOfAsync(refused), StringComparison.Ordinal);
        Assert.Equal(DemolitionStatus.NotDemolished, (await HouseholdAsync(id)).Status);
        Assert.Equal(before, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task Demolition_BeforeTheProjectIsInImplementation_IsRefusedEvenWithBothAgreements()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "未实施项目区", ("CJ01", Places.TownshipAName));
        var id = await township.RegisterAsync(app, code, "CJ01", "陈过早");
        await township.RecordAgreementAsync(id, AgreementKind.Consent, Samples.Pdf("consent"));
        await township.RecordAgreementAsync(id, AgreementKind.Compensation, Samples.Pdf("compensation"), amount: "1000");

        var refused = await township.RecordDemolitionAsync(id, []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("只有在实施阶段", await HouseholdForms.ErrorOfAsync(refused), StringComparison.Ordinal);
        Assert.Equal(DemolitionStatus.NotDemolished, (await HouseholdAsync(id)).Status);
    }
}
