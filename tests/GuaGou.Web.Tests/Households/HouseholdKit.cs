using System.Globalization;
using System.Text.RegularExpressions;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Documents;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Households;

/// <summary>The places the township tests use: one county, its city, and two townships of that county.</summary>
internal static class Places
{
    public const string County = "150421";       // 阿鲁科尔沁旗
    public const string City = "150400";         // 赤峰市
    public const string TownshipA = "150421100"; // 天山镇
    public const string TownshipAName = "天山镇";
    public const string TownshipB = "150421101"; // 天山口镇
    public const string TownshipBName = "天山口镇";
}

/// <summary>A file in a named field of a multipart form.</summary>
internal sealed record FilePart(string Field, byte[] Bytes, string FileName);

/// <summary>A web host whose document store refuses anything above <see cref="MaxBytes"/>.</summary>
public sealed class SmallUploadLimitFactory : GuaGouAppFactory
{
    public const long MaxBytes = 100 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:Documents:MaxBytes", MaxBytes.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Valid, unique resident ID-card numbers (GB 11643 check character), different on every call.</summary>
internal static class IdCards
{
    private static int next = Random.Shared.Next(0, 5000);

    public static string Next()
    {
        var n = Interlocked.Increment(ref next);
        var born = new DateOnly(1950, 1, 1).AddDays(n % 20000);
        var body = string.Create(CultureInfo.InvariantCulture, $"150421{born:yyyyMMdd}{n % 1000:000}");
        return body + IdCardNumber.CheckCharacterFor(body);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithWrongCheck(string valid) => valid[..17] + (valid[17] == '0' ? '1' : '0');
}

/// <summary>Sample files, each with bytes of its own (the store refuses duplicates within a project).</summary>
internal static class Samples
{
    public static byte[] Png(string seed) => SampleScans.Png(64, 48, seed + Guid.NewGuid().ToString("N"));

    public static byte[] Pdf(string seed) => SampleScans.Pdf("Sample " + seed, ["Id " + Guid.NewGuid().ToString("N")]);
}

/// <summary>Posting the household pages' forms the way a browser does, including multipart uploads with named file fields.</summary>
internal static class HouseholdForms
{
    /// <summary>
    /// Loads <paramref name="tokenPageUrl"/>, takes the hidden fields (antiforgery token, form name, version) of its form
    /// <paramref name="formName"/>, and posts them with <paramref name="fields"/> and <paramref name="files"/> as multipart
    /// to <paramref name="postTo"/> (default: the same page). Posting to another address is how a tampered request is made.
    /// </summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string tokenPageUrl, string formName,
        IDictionary<string, string> fields, IReadOnlyList<FilePart> files, string? postTo = null)
    {
        var hidden = await HiddenFieldsAsync(client, tokenPageUrl, formName);
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in hidden.Where(h => !fields.ContainsKey(h.Key)))
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            body.Add(content, file.Field, file.FileName);
        }

        return await client.PostAsync(postTo ?? tokenPageUrl, body);
    }

    /// <summary>
    /// Posts a form the user was never shown (as a hand-made request would): a valid antiforgery token from the home page,
    /// the form name, the fields and any files, as multipart.
    /// </summary>
    public static async Task<HttpResponseMessage> PostUnseenFormAsync(this HttpClient client, string url, string formName,
        IDictionary<string, string> fields, IReadOnlyList<FilePart>? files = null)
    {
        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no antiforgery token on the home page");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(formName), "_handler" },
        };
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var file in files ?? [])
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            body.Add(content, file.Field, file.FileName);
        }

        return await client.PostAsync(url, body);
    }

    /// <summary>Like <see cref="Html.SubmitFormAsync"/>, but may post the form taken from one page to another address.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string tokenPageUrl, string formName,
        IDictionary<string, string> fields, string? postTo = null)
    {
        var values = await HiddenFieldsAsync(client, tokenPageUrl, formName);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(postTo ?? tokenPageUrl, new FormUrlEncodedContent(values));
    }

    public static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient client, string pageUrl, string formName)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelectorAll("form")
            .FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"{pageUrl} has no form named {formName}");
        return form.QuerySelectorAll("input[type='hidden']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
    }

    /// <summary>The page's error message (the ErrorAlert), or fails.</summary>
    public static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var page = await Html.ParseAsync(response);
        return page.QuerySelector("[data-testid='error']")?.TextContent
            ?? throw new InvalidOperationException($"{(int)response.StatusCode}: no error message on the page");
    }

    public static string Today => ProjectPages.Today;
}

/// <summary>The steps of the township records, each through the page a person would use.</summary>
internal static class HouseholdSteps
{
    public static Task<ProjectPages> CountyClerkAsync(GuaGouAppFactory app) => ProjectPages.SignInAsync(app, Roles.CountyClerk, Places.County);

    public static Task<ProjectPages> TownshipClerkAsync(GuaGouAppFactory app, string township = Places.TownshipA) =>
        ProjectPages.SignInAsync(app, Roles.TownshipClerk, township);

    /// <summary>A project with 1-hectare 拆旧 parcels (code, township name) and a 0.5-hectare 建新 parcel, still in 摸底调查.</summary>
    public static async Task<string> ProjectAsync(ProjectPages countyClerk, string name, params (string Code, string Township)[] demolition)
    {
        var code = await countyClerk.CreateProjectAsync(name);
        foreach (var (parcel, township) in demolition)
        {
            Assert.Equal($"/projects/{code}", (await countyClerk.AddParcelAsync(code, "Demolition", parcel, 1.0m, township)).RedirectTarget());
        }

        Assert.Equal($"/projects/{code}",
            (await countyClerk.AddParcelAsync(code, "Construction", "JX01", 0.5m, demolition[0].Township, landClass: "0103")).RedirectTarget());
        return code;
    }

    /// <summary>摸底调查 → 方案编制 → 审批立项 → 复垦设计 → 实施, each step by its role.</summary>
    public static async Task WalkToImplementationAsync(GuaGouAppFactory app, ProjectPages countyClerk, string code)
    {
        var approver = await ProjectPages.SignInAsync(app, Roles.CityApprover, Places.City);
        await countyClerk.AdvanceAsync(code);
        await countyClerk.AdvanceAsync(code);
        await approver.AdvanceAsync(code, "赤政字〔2026〕8号", "同意立项");
        await approver.AdvanceAsync(code, "赤自然资发〔2026〕9号");
        Assert.Equal((int)Domain.ProjectAreas.Stage.Implementation, await countyClerk.StageAsync(code));
    }

    /// <summary>What the register/edit form sends to the service (the page's HouseholdForm.ToData).</summary>
    public static HouseholdData HouseholdData(string name, string idCard, int members = 3, decimal homestead = 150,
        LocationClass location = LocationClass.OutsidePlanningArea, ResettlementChoice resettlement = ResettlementChoice.Concentrated,
        decimal? plot = 90, string note = "") =>
        new(name, IdCardNumber.Parse(idCard), members, Area.FromSquareMetres(homestead), location, resettlement,
            plot is { } p ? Area.FromSquareMetres(p) : null, note);

    /// <summary>
    /// Registers a household the way /projects/{code}/households/new does: the parcel chosen among those the page offers
    /// this user, then <see cref="HouseholdService.RegisterAsync"/> as this user; returns its id.
    /// </summary>
    public static Task<int> RegisterAsync(this ProjectPages township, GuaGouAppFactory app, string code, string parcelCode, string name,
        int members = 3, LocationClass location = LocationClass.OutsidePlanningArea, string plot = "90", string? idCard = null) =>
        township.RegisterAsync(app, code, parcelCode, () => HouseholdData(name, idCard ?? IdCards.Next(), members, location: location,
            plot: decimal.Parse(plot, CultureInfo.InvariantCulture)));

    /// <summary>Calls a service in a scope of its own, as a page's operation does.</summary>
    public static async Task<T> ServiceAsync<TService, T>(this GuaGouAppFactory app, Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The refusal (a rule's Chinese message) of a change a page would make.</summary>
    public static async Task<DomainException> RefusalAsync(Func<Task> change) => await Assert.ThrowsAsync<DomainException>(change);

    /// <summary>Registers through the service with the data <paramref name="data"/> builds (building may itself be refused).</summary>
    public static async Task<int> RegisterAsync(this ProjectPages township, GuaGouAppFactory app, string code, string parcelCode,
        Func<HouseholdData> data)
    {
        var user = await ProjectPages.CurrentUserAsync(app, township);
        await using var scope = app.Services.CreateAsyncScope();
        // The audit actor a page's operation gets (Operations): this user, from a circuit.
        scope.ServiceProvider.GetRequiredService<GuaGou.Web.Hosting.OperationActor>().Actor = new GuaGou.Infrastructure.Audit.AuditActor(
            user.Id, township.UserName, user.Name, user.RoleCode, user.Region.Value, "127.0.0.1", "test-circuit/1");
        var register = await scope.ServiceProvider.GetRequiredService<HouseholdQueries>().ForProjectAsync(user, ProjectCode.Parse(code))
            ?? throw new InvalidOperationException($"{code} is not visible to {township.UserName}");
        var parcelId = register.Parcels.First(p => p.Code == parcelCode).Id;
        return await scope.ServiceProvider.GetRequiredService<HouseholdService>().RegisterAsync(user, parcelId, data());
    }

    /// <summary>Records consent or an agreement through /households/{id}/agreements/{kind}, with a scan when given.</summary>
    public static Task<HttpResponseMessage> RecordAgreementAsync(this ProjectPages township, int householdId, AgreementKind kind,
        byte[]? scan, string scanName = "扫描件.pdf", string? amount = null, string? signedOn = null, string signatory = "签署人")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.SignedOn"] = signedOn ?? HouseholdForms.Today,
            ["Input.Signatory"] = signatory,
        };
        if (amount is not null)
        {
            fields["Input.Amount"] = amount;
        }

        return township.Client.PostMultipartAsync($"/households/{householdId}/agreements/{kind}", "agreement", fields,
            scan is null ? [] : [new FilePart("scan", scan, scanName)]);
    }

    /// <summary>Records the demolition through /households/{id}/progress with before/after photos.</summary>
    public static Task<HttpResponseMessage> RecordDemolitionAsync(this ProjectPages township, int householdId, IReadOnlyList<FilePart> photos,
        string? on = null) =>
        township.Client.PostMultipartAsync($"/households/{householdId}/progress", "progress", new Dictionary<string, string>
        {
            ["Input.On"] = on ?? HouseholdForms.Today,
            ["Input.Confirmed"] = "true",
        }, photos);

    /// <summary>Uploads a document through /households/{id}/documents/new.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this ProjectPages township, int householdId, byte[] bytes, string fileName,
        string purpose = "PhotoBeforeDemolition", string note = "") =>
        township.Client.PostMultipartAsync($"/households/{householdId}/documents/new", "document", new Dictionary<string, string>
        {
            ["Input.Purpose"] = purpose,
            ["Input.Note"] = note,
        }, [new FilePart("file", bytes, fileName)]);

    /// <summary>Replaces a document version through /documents/{id}/replace.</summary>
    public static Task<HttpResponseMessage> ReplaceAsync(this ProjectPages township, long documentId, byte[] bytes, string fileName, string note = "") =>
        township.Client.PostMultipartAsync($"/documents/{documentId}/replace", "document", new Dictionary<string, string>
        {
            ["Input.Note"] = note,
        }, [new FilePart("file", bytes, fileName)]);
}

/// <summary>What the store holds: rows in the database and files on disk, for "nothing was stored" assertions.</summary>
internal sealed record StoreState(int Rows, int Files, int Staging)
{
    public static async Task<StoreState> OfAsync(GuaGouAppFactory app)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return new StoreState(await db.Documents.CountAsync(), Count(app, "files"), Count(app, "staging"));
    }

    private static int Count(GuaGouAppFactory app, string folder) => List(app, folder).Length;

    private static string[] List(GuaGouAppFactory app, string folder)
    {
        var path = Path.Combine(app.DocumentRoot, folder);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [];
    }
}
