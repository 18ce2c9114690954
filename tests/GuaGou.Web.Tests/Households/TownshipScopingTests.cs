using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Households;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Households;

/// <summary>
/// A township official sees and changes only their own township's households and documents: township B's records
/// are 404 to an official of township A — listing, opening, posting forms, uploading and downloading — and nothing
/// changes. County staff and the leading-group office read everything in their county but cannot change households.
/// </summary>
public sealed class TownshipScopingTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private sealed record World(
        ProjectPages County, ProjectPages A, ProjectPages B, string Mixed, string OnlyB, int HouseholdA, int HouseholdB, long DocumentB,
        byte[] DocumentBBytes);

    /// <summary>A mixed project (a parcel in each township) and one with only township B's parcel; a household of each.</summary>
    private async Task<World> WorldAsync()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var a = await HouseholdSteps.TownshipClerkAsync(app, Places.TownshipA);
        var b = await HouseholdSteps.TownshipClerkAsync(app, Places.TownshipB);
        var mixed = await HouseholdSteps.ProjectAsync(county, "两乡镇项目区", ("CJ01", Places.TownshipAName), ("CJ02", Places.TownshipBName));
        var onlyB = await HouseholdSteps.ProjectAsync(county, "天山口镇项目区", ("CJ01", Places.TownshipBName));
        var householdA = await a.RegisterAsync(app, mixed, "CJ01", "甲乡户主");
        var householdB = await b.RegisterAsync(app, mixed, "CJ02", "乙乡户主");
        await b.RegisterAsync(app, onlyB, "CJ01", "乙乡另一户");
        var photo = Samples.Png("township-b");
        Assert.Equal($"/households/{householdB}", (await b.UploadAsync(householdB, photo, "乙乡拆除前.png")).RedirectTarget());
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var document = await db.Documents.SingleAsync(d => d.HouseholdId == householdB);
        Assert.NotNull(document.ThumbnailKey);
        return new World(county, a, b, mixed, onlyB, householdA, householdB, document.Id, photo);
    }

    private async Task<(string Name, string Id, int Members, uint Version, int Agreements, DemolitionStatus Status)> SnapshotAsync(int id)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var h = await db.Households.Include(x => x.Agreements).SingleAsync(x => x.Id == id);
        var version = await db.Households.Where(x => x.Id == id).Select(x => EF.Property<uint>(x, "Version")).SingleAsync();
        return (h.HeadName, h.IdCard.Value, h.Members, version, h.Agreements.Count, h.Status);
    }

    [Fact]
    public async Task OfficialOfTownshipA_CannotListOrOpenTownshipBsRecords()
    {
        var w = await WorldAsync();

        // The project with only B's parcels does not exist for A.
        Assert.Equal(HttpStatusCode.NotFound, (await w.A.Client.GetAsync($"/projects/{w.OnlyB}/households")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.A.Client.GetAsync($"/projects/{w.OnlyB}/households/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.A.Client.GetAsync($"/projects/{w.OnlyB}/households/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.A.Client.GetAsync($"/projects/{w.OnlyB}/households.xlsx")).StatusCode);

        // In the mixed project A sees A's household only, and may choose only A's parcel.
        var list = await w.A.Client.GetDocumentAsync($"/projects/{w.Mixed}/households");
        var rows = list.QuerySelector("[data-testid='households']")!.TextContent;
        Assert.Contains("甲乡户主", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("乙乡户主", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Places.TownshipBName, list.QuerySelector("[data-testid='progress']")!.TextContent, StringComparison.Ordinal);
        // The register page (interactive) offers the parcels the server lists for A.
        Assert.Equal(HttpStatusCode.OK, (await w.A.Client.GetAsync($"/projects/{w.Mixed}/households/new")).StatusCode);
        var offeredToA = await app.ServiceAsync<HouseholdQueries, ProjectHouseholds?>(async q =>
            await q.ForProjectAsync(await ProjectPages.CurrentUserAsync(app, w.A), GuaGou.Domain.ProjectAreas.ProjectCode.Parse(w.Mixed)));
        Assert.Equal(["CJ01（天山镇）"], offeredToA!.Parcels.Select(p => $"{p.Code}（{p.TownshipName}）"));

        // Every page of B's household, and B's document, is a 404 for A.
        foreach (var url in new[]
                 {
                     $"/households/{w.HouseholdB}", $"/households/{w.HouseholdB}/edit", $"/households/{w.HouseholdB}/agreements/Consent",
                     $"/households/{w.HouseholdB}/progress", $"/households/{w.HouseholdB}/documents/new", $"/documents/{w.DocumentB}/replace",
                     $"/documents/{w.DocumentB}", $"/documents/{w.DocumentB}/thumbnail", $"/documents/{w.DocumentB}?inline=true",
                 })
        {
            var response = await w.A.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} → {(int)response.StatusCode}");
            Assert.DoesNotContain("乙乡户主", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // B's official, of course, sees it all.
        Assert.Equal(w.DocumentBBytes, await w.B.Client.GetByteArrayAsync($"/documents/{w.DocumentB}"));
        Assert.Contains("乙乡户主", (await w.B.Client.GetDocumentAsync($"/households/{w.HouseholdB}")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficialOfTownshipA_PostingTownshipBsForms_Gets404AndNothingChanges()
    {
        var w = await WorldAsync();
        var before = await SnapshotAsync(w.HouseholdB);
        var storeBefore = await StoreState.OfAsync(app);
        var own = w.HouseholdA;

        // Each form is taken (with its antiforgery token) from A's own household and posted to B's, and to an id that
        // does not exist: B's household must look exactly like a missing one (403/404-like refusal, no existence oracle).
        async Task<(HttpStatusCode ToB, HttpStatusCode ToMissing)> Both(Func<string, Task<HttpResponseMessage>> post) =>
            ((await post(w.HouseholdB.ToString(System.Globalization.CultureInfo.InvariantCulture))).StatusCode, (await post("999999")).StatusCode);

        // The edit form is interactive: its change goes to HouseholdService, which refuses B's household exactly as
        // one that does not exist (the same NotFoundException, so the page shows the same 404 message).
        var userA = await ProjectPages.CurrentUserAsync(app, w.A);
        async Task<string> EditRefusal(int target) => (await Assert.ThrowsAsync<GuaGou.Infrastructure.Access.NotFoundException>(() =>
            app.ServiceAsync<HouseholdService, bool>(async s =>
            {
                await s.UpdateAsync(userA, target, 0, HouseholdSteps.HouseholdData("被篡改", IdCards.Next(), members: 9));
                return true;
            }))).Message;
        Assert.Equal(await EditRefusal(999999), await EditRefusal(w.HouseholdB));
        var consent = await Both(target => w.A.Client.PostMultipartAsync($"/households/{own}/agreements/Consent", "agreement",
            new Dictionary<string, string> { ["Input.SignedOn"] = HouseholdForms.Today, ["Input.Signatory"] = "冒名" },
            [new FilePart("scan", Samples.Pdf("forged consent"), "同意书.pdf")], postTo: $"/households/{target}/agreements/Consent"));
        var upload = await Both(target => w.A.Client.PostMultipartAsync($"/households/{own}/documents/new", "document",
            new Dictionary<string, string> { ["Input.Purpose"] = "PhotoBeforeDemolition" },
            [new FilePart("file", Samples.Png("forged upload"), "照片.png")], postTo: $"/households/{target}/documents/new"));
        var progress = await Both(target => w.A.Client.PostMultipartAsync($"/households/{own}/progress", "progress",
            new Dictionary<string, string> { ["Input.On"] = HouseholdForms.Today, ["Input.Confirmed"] = "true" }, [],
            postTo: $"/households/{target}/progress"));

        // The control: the same transplanted form posted to another of A's own households is accepted, so the refusals
        // above come from the township check, not from the way the requests were made. It also gives A a document whose
        // replace form the last attempt takes its token from.
        var own2 = await w.A.RegisterAsync(app, w.Mixed, "CJ01", "甲乡第二户");
        var control = await w.A.Client.PostMultipartAsync($"/households/{own2}/documents/new", "document",
            new Dictionary<string, string> { ["Input.Purpose"] = "Other" }, [new FilePart("file", Samples.Pdf("a-own"), "甲乡材料.pdf")],
            postTo: $"/households/{own}/documents/new");
        Assert.Equal($"/households/{own}", control.RedirectTarget());
        long ownDocument;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            ownDocument = await db.Documents.Where(d => d.HouseholdId == own).Select(d => d.Id).SingleAsync();
        }

        var storeWithOwn = await StoreState.OfAsync(app);
        var replace = await Both(target => w.A.Client.PostMultipartAsync($"/documents/{ownDocument}/replace", "document",
            new Dictionary<string, string>(), [new FilePart("file", Samples.Png("forged replace"), "替换.png")],
            postTo: target == "999999" ? "/documents/999999/replace" : $"/documents/{w.DocumentB}/replace"));

        foreach (var (what, (toB, toMissing)) in new[] { ("consent", consent), ("upload", upload), ("progress", progress), ("replace", replace) })
        {
            // The page is a 404 for A, so the posted form has no handler on it: Blazor answers 400 before any of our code runs.
            Assert.True(toB is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"POST {what} → {(int)toB}");
            Assert.Equal(toMissing, toB);
        }

        Assert.Equal(before, await SnapshotAsync(w.HouseholdB));
        Assert.Equal((storeBefore.Rows + 1, 0), (storeWithOwn.Rows, storeWithOwn.Staging));
        Assert.Equal(storeWithOwn, await StoreState.OfAsync(app));
        await using var check = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal(1, await check.Documents.CountAsync(d => d.HouseholdId == w.HouseholdB));
    }

    [Fact]
    public async Task OfficialOfTownshipA_CannotRegisterOnTownshipBsParcel()
    {
        var w = await WorldAsync();
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var parcelB = await db.Parcels.Where(p => p.Code == "CJ02" && db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == GuaGou.Domain.ProjectAreas.ProjectCode.Parse(w.Mixed)))
            .Select(p => p.Id).SingleAsync();
        var count = await db.Households.CountAsync();
        var userA = await ProjectPages.CurrentUserAsync(app, w.A);

        // The register page offers only A's parcels; a parcel id of B's sent to the service anyway is out of reach.
        await Assert.ThrowsAsync<GuaGou.Infrastructure.Access.NotFoundException>(() => app.ServiceAsync<HouseholdService, int>(s =>
            s.RegisterAsync(userA, parcelB, HouseholdSteps.HouseholdData("越界登记", IdCards.Next()))));
        var offered = await app.ServiceAsync<HouseholdQueries, ProjectHouseholds?>(q => q.ForProjectAsync(userA, GuaGou.Domain.ProjectAreas.ProjectCode.Parse(w.Mixed)));
        Assert.DoesNotContain(offered!.Parcels, p => p.Id == parcelB);

        Assert.Equal(count, await db.Households.CountAsync());
    }

    [Theory]
    [InlineData(Roles.CountyClerk)]
    [InlineData(Roles.LeadingGroupOffice)]
    public async Task CountyStaff_ReadEveryTownship_ButTheirHouseholdPostsAreRefusedAndChangeNothing(string role)
    {
        var w = await WorldAsync();
        var reader = await ProjectPages.SignInAsync(app, role, Places.County);

        var list = await reader.Client.GetDocumentAsync($"/projects/{w.Mixed}/households");
        var rows = list.QuerySelector("[data-testid='households']")!.TextContent;
        Assert.Contains("甲乡户主", rows, StringComparison.Ordinal);
        Assert.Contains("乙乡户主", rows, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector($"a[href='/projects/{w.Mixed}/households/new']"));
        var detail = await reader.Client.GetDocumentAsync($"/households/{w.HouseholdB}");
        Assert.Null(detail.QuerySelector($"a[href='/households/{w.HouseholdB}/edit']"));
        Assert.Equal(w.DocumentBBytes, await reader.Client.GetByteArrayAsync($"/documents/{w.DocumentB}"));
        Assert.Equal(HttpStatusCode.OK, (await reader.Client.GetAsync($"/documents/{w.DocumentB}/thumbnail")).StatusCode);

        var before = await SnapshotAsync(w.HouseholdB);
        var storeBefore = await StoreState.OfAsync(app);
        string card;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            card = (await db.Households.SingleAsync(h => h.Id == w.HouseholdB)).IdCard.Value;
        }

        // The township forms are not theirs: opening one is 403 with the reason …
        foreach (var url in new[]
                 {
                     $"/households/{w.HouseholdB}/edit", $"/households/{w.HouseholdB}/agreements/Consent", $"/households/{w.HouseholdB}/documents/new",
                     $"/households/{w.HouseholdB}/progress", $"/documents/{w.DocumentB}/replace", $"/projects/{w.Mixed}/households/new",
                 })
        {
            var response = await reader.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {url} → {(int)response.StatusCode}");
            Assert.Contains("没有执行该操作的权限", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // … and the same forms posted anyway, with a valid antiforgery token, are refused and change nothing.
        var attempts = new (string What, Func<Task<HttpResponseMessage>> Post)[]
        {
            ("consent", () => reader.Client.PostUnseenFormAsync($"/households/{w.HouseholdB}/agreements/Consent", "agreement",
                new Dictionary<string, string> { ["Input.SignedOn"] = HouseholdForms.Today, ["Input.Signatory"] = "县里" },
                [new FilePart("scan", Samples.Pdf("county consent"), "同意书.pdf")])),
            ("upload", () => reader.Client.PostUnseenFormAsync($"/households/{w.HouseholdB}/documents/new", "document",
                new Dictionary<string, string> { ["Input.Purpose"] = "Other" }, [new FilePart("file", Samples.Pdf("county upload"), "材料.pdf")])),
            ("replace", () => reader.Client.PostUnseenFormAsync($"/documents/{w.DocumentB}/replace", "document", new Dictionary<string, string>(),
                [new FilePart("file", Samples.Png("county replace"), "替换.png")])),
            ("progress", () => reader.Client.PostUnseenFormAsync($"/households/{w.HouseholdB}/progress", "progress",
                new Dictionary<string, string> { ["Input.On"] = HouseholdForms.Today, ["Input.Confirmed"] = "true" })),
        };
        foreach (var (what, post) in attempts)
        {
            var response = await post();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {what} → {(int)response.StatusCode}");
        }

        // The edit form is interactive: the same change sent to HouseholdService as this reader is refused for the role.
        var readerUser = await ProjectPages.CurrentUserAsync(app, reader);
        var version = await app.ServiceAsync<HouseholdQueries, uint>(async q => (await q.DetailsAsync(readerUser, w.HouseholdB))!.Version);
        var refusal = await HouseholdSteps.RefusalAsync(() => app.ServiceAsync<HouseholdService, bool>(async s =>
        {
            await s.UpdateAsync(readerUser, w.HouseholdB, version, HouseholdSteps.HouseholdData("县里改的", card, members: 7));
            return true;
        }));
        Assert.True(refusal.IsAccessDenial, refusal.Code);

        Assert.Equal(before, await SnapshotAsync(w.HouseholdB));
        Assert.Equal(storeBefore, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task ClerkOfAnotherCounty_CannotListOpenOrDownloadAnything()
    {
        var w = await WorldAsync();
        var other = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "360404"); // 柴桑区

        foreach (var url in new[]
                 {
                     $"/projects/{w.Mixed}/households", $"/households/{w.HouseholdB}", $"/documents/{w.DocumentB}", $"/documents/{w.DocumentB}/thumbnail",
                     $"/projects/{w.Mixed}/households.xlsx",
                 })
        {
            var response = await other.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task HomePageTasks_OfTownshipA_LinkToItsOwnHouseholdsOnly()
    {
        var w = await WorldAsync();

        var tasks = (await w.A.Client.GetDocumentAsync("/")).QuerySelector("[data-testid='tasks']")!;

        Assert.Contains("甲乡户主", tasks.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("乙乡", tasks.TextContent, StringComparison.Ordinal);
        Assert.NotNull(tasks.QuerySelector($"a[href='/households/{w.HouseholdA}/agreements/Consent']"));
        Assert.Null(tasks.QuerySelector($"a[href^='/households/{w.HouseholdB}/']"));
    }

    [Fact]
    public async Task FullIdCardNumber_IsShownToTheTownshipClerkAndCountyClerk_AndMaskedForTheLeadingGroupOffice()
    {
        var w = await WorldAsync();
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, Places.County);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var card = (await db.Households.SingleAsync(h => h.Id == w.HouseholdB)).IdCard.Value;
        var masked = card[..6] + "********" + card[14..];

        string Shown(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-testid='id-card']")!.TextContent.Trim();
        Assert.Equal(card, Shown(await w.B.Client.GetDocumentAsync($"/households/{w.HouseholdB}")));
        Assert.Equal(card, Shown(await w.County.Client.GetDocumentAsync($"/households/{w.HouseholdB}")));
        Assert.Equal(masked, Shown(await office.Client.GetDocumentAsync($"/households/{w.HouseholdB}")));
        var list = await office.Client.GetAsync($"/projects/{w.Mixed}/households");
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains(masked, html, StringComparison.Ordinal);
        Assert.DoesNotContain(card, html, StringComparison.Ordinal);
    }
}
