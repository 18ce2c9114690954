using System.Net;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Infrastructure.Audit;
using GuaGou.Testing;
using GuaGou.Web.Tests.Households;
using GuaGou.Web.Tests.Parcels;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Audit;

/// <summary>Every class of write and every recorded event, through the real pipeline: one row each, with who, role, place, IP and request id.</summary>
public sealed class AuditTrailTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task ProjectWrites_CreateUpdateDeleteAndStageTransition_AreEachRecordedWithTheRequestsActor()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var code = await clerk.CreateProjectAsync("审计项目区");
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1.0m)).RedirectTarget());
        var projectId = await ProjectIdAsync(code);
        int parcelId;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            parcelId = await db.Parcels.Where(p => p.ProjectAreaId == projectId).Select(p => p.Id).SingleAsync();
        }

        // The edit form is interactive: its save is this call through Operations (ProjectFormPage).
        var version = await clerk.VersionAsync(code);
        await clerk.RunAsync<ProjectAreaService>((projects, user) => projects.UpdateDetailsAsync(user, ProjectCode.Parse(code), version,
            new ProjectAreaDetails("审计项目区（改名）", 2026, ProjectKind.InCounty, PlanType.ProjectArea, "旗自然资源局")));
        Assert.Equal($"/projects/{code}", (await clerk.Client.SubmitFormAsync($"/projects/{code}/parcels/{parcelId}/delete", "delete-parcel",
            new Dictionary<string, string>())).RedirectTarget());
        await clerk.AdvanceAsync(code);

        var rows = await RowsAsync(e => e.RecordType == "ProjectArea" && e.RecordId == projectId.ToString());
        var create = Assert.Single(rows, e => e.Action == AuditActions.Create && e.EntityType == "ProjectArea");
        Assert.Equal(projectId.ToString(), create.EntityId);
        var update = Assert.Single(rows, e => e.Action == AuditActions.Update && e.EntityType == "ProjectArea" && e.After!.Contains("改名", StringComparison.Ordinal));
        var changes = AuditQueries.Changes(update.Before, update.After, mask: false).ToDictionary(c => c.Field);
        Assert.Equal(("审计项目区", "审计项目区（改名）"), (changes["Name"].Before, changes["Name"].After));
        Assert.Single(rows, e => e.Action == AuditActions.Create && e.EntityType == "Parcel" && e.EntityId == parcelId.ToString());
        var delete = Assert.Single(rows, e => e.Action == AuditActions.Delete && e.EntityType == "Parcel");
        Assert.Equal(parcelId.ToString(), delete.EntityId);
        Assert.Contains("\"Code\": \"CJ01\"", delete.Before!, StringComparison.Ordinal);
        Assert.Null(delete.After);
        var stage = Assert.Single(rows, e => e.Action == AuditActions.StageTransition && e.After!.Contains("\"Kind\": \"Advanced\"", StringComparison.Ordinal));
        Assert.Contains("\"ToStage\": \"Planning\"", stage.After!, StringComparison.Ordinal);

        var clerkId = await UserIdAsync(clerk.UserName);
        Assert.All(rows, e => AssertActor(e, clerk.UserName, clerkId, Roles.CountyClerk, Places.County));
        // One request, one request id: the edit's rows share it, and it differs from the deletion's.
        Assert.NotEqual(update.RequestId, delete.RequestId);
    }

    [Fact]
    public async Task TownshipRecords_UploadAndDownloadOfAPersonalDocument_AreRecordedOnTheHousehold()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "审计农户项目区", ("CJ01", Places.TownshipAName));
        var household = await township.RegisterAsync(app, code, "CJ01", "审计户主");
        Assert.Equal($"/households/{household}", (await township.UploadAsync(household, Samples.Png("audit"), "拆除前.png")).RedirectTarget());
        long documentId;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            documentId = await db.Documents.Where(d => d.HouseholdId == household).Select(d => d.Id).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await township.Client.GetAsync($"/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.Client.GetAsync($"/documents/{documentId}/thumbnail")).StatusCode);

        var rows = await RowsAsync(e => e.RecordType == "Household" && e.RecordId == household.ToString());
        Assert.Single(rows, e => e.Action == AuditActions.Create && e.EntityType == "Household" && e.EntityId == household.ToString());
        var upload = Assert.Single(rows, e => e.Action == AuditActions.Upload);
        Assert.Equal(("StoredDocument", documentId.ToString()), (upload.EntityType, upload.EntityId));
        var download = Assert.Single(rows, e => e.Action == AuditActions.Download); // the thumbnail is not a download
        Assert.Equal(documentId.ToString(), download.EntityId);
        Assert.Contains("拆除前.png", download.After!, StringComparison.Ordinal);
        var townshipId = await UserIdAsync(township.UserName);
        AssertActor(upload, township.UserName, townshipId, Roles.TownshipClerk, Places.TownshipA);
        AssertActor(download, township.UserName, townshipId, Roles.TownshipClerk, Places.TownshipA);
    }

    [Fact]
    public async Task Refusals_ARoleThatMayNotAct_APageOfAnotherRole_AndARecordOutOfReach_AreRecorded()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var reviewer = await ProjectPages.SignInAsync(app, Roles.CountyReviewer, Places.County);
        var code = await clerk.CreateProjectAsync("审计拒绝项目区");

        // 完成摸底调查 is the county clerk's step: the reviewer's try on the (interactive) stage page is refused by the domain.
        var step = await reviewer.AdvanceAsync(code);
        Assert.Equal(HttpStatusCode.Forbidden, step.StatusCode);
        // A page of another role ([Authorize(Roles = …)]).
        var page = await reviewer.Client.GetAsync("/admin/regions");
        Assert.True(page.StatusCode == HttpStatusCode.Forbidden || page.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.Ordinal) == true,
            $"/admin/regions for a reviewer → {(int)page.StatusCode}");
        // A document that does not exist (or lies outside the user's township: the same answer).
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.GetAsync("/documents/987654321")).StatusCode);

        var reviewerId = await UserIdAsync(reviewer.UserName);
        var rows = await RowsAsync(e => e.Action == AuditActions.AccessDenied && e.UserId == reviewerId);
        Assert.Equal(3, rows.Count);
        Assert.Single(rows, e => e.EntityId == $"CIRCUIT /projects/{code}/stage/advance" && e.After!.Contains("\"Reason\": \"stage.role\"", StringComparison.Ordinal));
        Assert.Single(rows, e => e.EntityId == "GET /admin/regions" && e.After!.Contains("\"Reason\": \"forbidden\"", StringComparison.Ordinal));
        Assert.Single(rows, e => e.EntityId == "GET /documents/987654321" && e.After!.Contains("\"Reason\": \"not_found\"", StringComparison.Ordinal));
        Assert.All(rows, e => AssertActor(e, reviewer.UserName, reviewerId, Roles.CountyReviewer, Places.County));
    }

    [Fact]
    public async Task ParcelImportCommit_WhichBypassesTheChangeTracker_IsRecordedExplicitly()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);
        var code = await clerk.CreateProjectAsync("审计导入项目区");
        var url = $"/projects/{code}/parcels/import";
        var upload = await clerk.Client.UploadFormAsync(url, "upload", new Dictionary<string, string>
        {
            ["Input.Zone"] = "Demolition",
            ["Input.TownshipId"] = await clerk.Client.OptionValueAsync(url, "#township", Places.TownshipAName),
            ["Input.DefaultLandClass"] = "0602",
            ["Input.DefaultDirection"] = "Farmland",
            ["Input.DefaultPlannedUse"] = "集中安置",
        }, Encoding.UTF8.GetBytes(ParcelImportTests.Example), "审计坐标.txt");
        var preview = upload.RedirectTarget();
        Assert.Equal($"/projects/{code}", (await clerk.Client.SubmitFormAsync(preview, "commit",
            new Dictionary<string, string> { ["Input.Confirmed"] = "true" })).RedirectTarget());

        var projectId = await ProjectIdAsync(code);
        var rows = await RowsAsync(e => e.RecordType == "ProjectArea" && e.RecordId == projectId.ToString());
        var import = Assert.Single(rows, e => e.Action == AuditActions.Import);
        Assert.Equal("ParcelImport", import.EntityType);
        Assert.Equal(preview[(preview.LastIndexOf('/') + 1)..], import.EntityId);
        Assert.Contains("\"Parcels\": 0", import.Before!, StringComparison.Ordinal);
        Assert.Contains("\"Parcels\": 2", import.After!, StringComparison.Ordinal);
        Assert.Contains("审计坐标.txt", import.After!, StringComparison.Ordinal);
        Assert.Single(rows, e => e.Action == AuditActions.Upload && e.EntityType == "ParcelImport");
        AssertActor(import, clerk.UserName, await UserIdAsync(clerk.UserName), Roles.CountyClerk, Places.County);
    }

    internal static void AssertActor(AuditEntry row, string userName, Guid userId, string role, string region)
    {
        Assert.Equal(userName, row.UserName);
        Assert.Equal(userId, row.UserId);
        Assert.Equal(role, row.RoleCode);
        Assert.Equal(region, row.RegionCode);
        Assert.False(string.IsNullOrEmpty(row.ClientIp), $"row {row.Id} ({row.Action}) has no client IP");
        Assert.False(string.IsNullOrEmpty(row.RequestId), $"row {row.Id} ({row.Action}) has no request id");
    }

    private async Task<List<AuditEntry>> RowsAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.AuditLog.Where(where).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<int> ProjectIdAsync(string code)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.ProjectAreas.Where(p => p.Code == Domain.ProjectAreas.ProjectCode.Parse(code)).Select(p => p.Id).SingleAsync();
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
