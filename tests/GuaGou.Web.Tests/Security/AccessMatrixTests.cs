using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static GuaGou.Web.Tests.Security.Who;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// The access-control matrix (docs/security.md), generated from the application's own endpoint list: every route
/// and verb × every <see cref="Who"/> (anonymous, each role at home, an official of township B and a clerk of another
/// county on township A's records) → the status expected; plus every route with ids asked with ids that do not exist.
/// A refused write must leave the database exactly as it was. A route without an expectation fails the test, so a new
/// page cannot escape it.
/// </summary>
public sealed class AccessMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    private const int Ok = 200, Found = 302, BadRequest = 400, Unauthorized = 401, Forbidden = 403, NotFound = 404;

    private static readonly Who[] Everyone = Enum.GetValues<Who>();

    /// <summary>A route's expectation: how to fill its parameters, the status for each person, and the form its POST names.</summary>
    private sealed record Rule(Func<AccessWorld, bool, string> Url, Func<Who, int> Get, string? Form = null, Func<Who, int>? Post = null);

    // ---- who may see what (docs/security.md) ------------------------------------------------------------------------

    private static int SignedIn(Who w) => w == Anonymous ? Found : Ok;

    /// <summary>Project-scoped reads: the county's staff, the township official with parcels there, approvers once it reached them.</summary>
    private static Func<Who, int> ProjectRead(bool reached) => w => w switch
    {
        Anonymous => Found,
        OtherTownshipClerk or OtherCountyClerk => NotFound,
        CityApprover or ProvinceApprover => reached ? Ok : NotFound,
        _ => Ok,
    };

    /// <summary>A page of one role; out-of-scope holders of that role get 404.</summary>
    private static Func<Who, int> RoleOnly(Func<Who, bool> hasRole, Func<Who, bool> outOfScope) => w =>
        w == Anonymous ? Found : !hasRole(w) ? Forbidden : outOfScope(w) ? NotFound : Ok;

    private static readonly Func<Who, int> ClerkOnProject = RoleOnly(w => w is CountyClerk or OtherCountyClerk, w => w == OtherCountyClerk);
    private static readonly Func<Who, int> ClerkAnywhere = RoleOnly(w => w is CountyClerk or OtherCountyClerk, _ => false);
    private static readonly Func<Who, int> TownshipOnRecord = RoleOnly(w => w is TownshipClerk or OtherTownshipClerk, w => w == OtherTownshipClerk);
    private static readonly Func<Who, int> AdminOnly = RoleOnly(w => w == SystemAdmin, _ => false);
    private static readonly Func<Who, int> HouseholdRead = w => w switch
    {
        Anonymous => Found,
        OtherTownshipClerk or OtherCountyClerk => NotFound,
        _ => Ok,
    };

    private static readonly Func<Who, int> Public = _ => Ok;

    /// <summary>API endpoints answer 401 instead of sending a script to the login page.</summary>
    private static Func<Who, int> Api(Func<Who, int> rule) => w => w == Anonymous ? Unauthorized : rule(w);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        // Public and every-user pages
        ["/account/login"] = new(U("/account/login"), Public, "login"),
        ["/account/access-denied"] = new(U("/account/access-denied"), SignedIn),
        ["/account/change-password"] = new(U("/account/change-password"), SignedIn, "change-password"),
        ["/account/logout"] = new(U("/account/logout"), _ => 405),
        ["/error"] = new(U("/error"), Public),
        ["/status/{Code:int}"] = new((_, _) => "/status/404", Public),
        ["/healthz"] = new(U("/healthz"), Public),
        ["/account/keepalive"] = new(U("/account/keepalive"), w => w == Anonymous ? Found : 204),
        ["/openapi/{documentName}.json"] = new(U("/openapi/v1.json"), SignedIn),
        ["/"] = new(U("/"), SignedIn),
        ["/projects"] = new(U("/projects"), SignedIn),
        ["/progress"] = new(U("/progress"), SignedIn),
        ["/progress.xlsx"] = new(U("/progress.xlsx"), SignedIn),
        ["/projects/export.xlsx"] = new(U("/projects/export.xlsx"), SignedIn),
        ["/households/template.xlsx"] = new(U("/households/template.xlsx"), SignedIn),
        ["/households/template.csv"] = new(U("/households/template.csv"), SignedIn),
        ["/api/projects/"] = new(U("/api/projects/"), Api(SignedIn)),

        // Project areas and their parcel files
        ["/api/projects/{code}"] = new(Project("/api/projects/{0}"), Api(ProjectRead(reached: true))),
        ["/projects/{Code}"] = new(Project("/projects/{0}"), ProjectRead(reached: true)),
        ["/projects/{Code}/stage/{Action}"] = new(Project("/projects/{0}/stage/advance"), ProjectRead(reached: true)), // interactive: ServiceMatrixProjectsTests
        ["/projects/{code}/parcels.geojson"] = new(Project("/projects/{0}/parcels.geojson"), ProjectRead(reached: true)),
        ["/projects/{code}/parcels/export.txt"] = new(Project("/projects/{0}/parcels/export.txt"), ProjectRead(reached: true)),
        ["/projects/{code}/parcels/export.zip"] = new(Project("/projects/{0}/parcels/export.zip"), ProjectRead(reached: true)),
        ["/projects/{code}/parcels/ledger.xlsx"] = new(Project("/projects/{0}/parcels/ledger.xlsx"), ProjectRead(reached: true)),
        ["/projects/{Code}/parcels/versions"] = new(Planning("/projects/{0}/parcels/versions"), ProjectRead(reached: false)),
        ["/projects/new"] = new(U("/projects/new"), ClerkAnywhere), // interactive: ServiceMatrixProjectsTests
        ["/projects/{Code}/edit"] = new(Planning("/projects/{0}/edit"), ClerkOnProject), // interactive: ServiceMatrixProjectsTests
        ["/projects/{Code}/parcels/new"] = new(Planning("/projects/{0}/parcels/new"), ClerkOnProject, "parcel"),
        ["/projects/{Code}/parcels/{ParcelId:int}/edit"] = new((w, real) => $"/projects/{w.PlanningProject}/parcels/{Id(real, w.PlanningParcelId)}/edit", ClerkOnProject, "parcel"),
        ["/projects/{Code}/parcels/{ParcelId:int}/delete"] = new((w, real) => $"/projects/{w.PlanningProject}/parcels/{Id(real, w.PlanningParcelId)}/delete", ClerkOnProject, "delete-parcel"),
        ["/projects/{Code}/parcels/import"] = new(Planning("/projects/{0}/parcels/import"), ClerkOnProject, "upload"),
        ["/projects/{Code}/parcels/import/{Id:guid}"] = new(Import("/projects/{0}/parcels/import/{1}"), ClerkOnProject, "commit"),
        ["/projects/{code}/parcels/import/{id:guid}/preview.geojson"] = new(Import("/projects/{0}/parcels/import/{1}/preview.geojson"), ClerkOnProject),
        ["/reference-layers"] = new(U("/reference-layers"), RoleOnly(w => w is CountyClerk or OtherCountyClerk, _ => false), "layer"),

        // Township records
        ["/projects/{Code}/households"] = new(Project("/projects/{0}/households"), ProjectRead(reached: true)),
        ["/projects/{code}/households.xlsx"] = new(Project("/projects/{0}/households.xlsx"), ProjectRead(reached: true)),
        ["/projects/{Code}/households/new"] = new(Project("/projects/{0}/households/new"), TownshipOnRecord), // interactive: ServiceMatrixHouseholdsTests
        ["/projects/{Code}/households/import"] = new(Project("/projects/{0}/households/import"), TownshipOnRecord, "register"),
        ["/households/{Id:int}"] = new(Household("/households/{0}"), HouseholdRead),
        ["/households/{Id:int}/edit"] = new(Household("/households/{0}/edit"), TownshipOnRecord), // interactive: ServiceMatrixHouseholdsTests
        ["/households/{Id:int}/agreements/{Kind}"] = new(Household("/households/{0}/agreements/Compensation"), TownshipOnRecord, "agreement"),
        ["/households/{Id:int}/progress"] = new(Household("/households/{0}/progress"), TownshipOnRecord, "progress"),
        ["/households/{Id:int}/documents/new"] = new(Household("/households/{0}/documents/new"), TownshipOnRecord, "document"),
        ["/documents/{DocumentId:long}/replace"] = new((w, real) => $"/documents/{Id(real, w.ScanId)}/replace", TownshipOnRecord, "document"),
        ["/documents/{id:long}"] = new((w, real) => $"/documents/{Id(real, w.ScanId)}", HouseholdRead),
        ["/documents/{id:long}/thumbnail"] = new((w, real) => $"/documents/{Id(real, w.PhotoId)}/thumbnail", HouseholdRead),

        // Administration (interactive pages: no form posts; their writes are refused in ServiceMatrixAdminTests)
        ["/admin/regions"] = new(U("/admin/regions"), AdminOnly),
        ["/admin/regions/{Id:int}/edit"] = new((w, real) => $"/admin/regions/{Id(real, w.TownshipARegionId)}/edit", AdminOnly),
        ["/admin/homestead-standards"] = new(U("/admin/homestead-standards"), AdminOnly),
        ["/admin/users"] = new(U("/admin/users"), AdminOnly),
        ["/admin/users/{Id:guid}"] = new((w, real) => $"/admin/users/{(real ? w.ClerkUserId : Guid.NewGuid())}", AdminOnly),
        ["/audit"] = new(U("/audit"), RoleOnly(w => w is SystemAdmin or LeadingGroupOffice, _ => false)),

        // Framework plumbing: Blazor's redirect helper and the static-file fallback (a missing file is 404 for anyone).
        ["/_framework/opaque-redirect"] = new(U("/_framework/opaque-redirect"), w => w == Anonymous ? Found : BadRequest),
        ["{**path:file}"] = new(U("/no-such-file.js"), w => w == Anonymous ? Found : NotFound),
        // The circuit's hub: signed-in users only; a GET that is no connection is a bad request (the hub's own answer).
        ["/_blazor"] = new(U("/_blazor"), w => w == Anonymous ? Found : BadRequest),
        ["/_blazor/negotiate"] = new(U("/_blazor/negotiate"), w => w == Anonymous ? Found : 405), // POST only
        ["/_blazor/disconnect/"] = new(U("/_blazor/disconnect/"), w => w == Anonymous ? Found : 405), // POST only
        ["/_blazor/initializers/"] = new(U("/_blazor/initializers/"), w => w == Anonymous ? Found : Ok),
    };

    private static Func<AccessWorld, bool, string> U(string url) => (_, _) => url;

    private static Func<AccessWorld, bool, string> Project(string format) =>
        (w, real) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, real ? w.ImplementationProject : "150421-2026-999");

    private static Func<AccessWorld, bool, string> Planning(string format) =>
        (w, real) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, real ? w.PlanningProject : "150421-2026-999");

    private static Func<AccessWorld, bool, string> Import(string format) =>
        (w, real) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, w.PlanningProject, real ? w.PendingImportId : Guid.NewGuid());

    private static Func<AccessWorld, bool, string> Household(string format) =>
        (w, real) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Id(real, w.HouseholdId));

    private static long Id(bool real, long id) => real ? id : 987_654_321;

    [Fact]
    public void EveryRouteOfTheApp_HasAnExpectation()
    {
        var routes = AppRoutes();
        var missing = routes.Keys.Where(r => !Rules.ContainsKey(r)).ToList();
        var stale = Rules.Keys.Where(r => !routes.ContainsKey(r)).ToList();

        Assert.True(missing.Count == 0, "Routes without an access expectation (add them to AccessMatrixTests.Rules):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Expectations for routes that no longer exist:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Get_OfEveryRoute_ByEveryone_AnswersAsThePermissionTableSays()
    {
        var failures = new List<string>();
        foreach (var (pattern, methods) in AppRoutes().Where(r => r.Value.Contains("GET") && Rules.ContainsKey(r.Key)))
        {
            var rule = Rules[pattern];
            foreach (var who in Everyone)
            {
                var url = rule.Url(world, true);
                var status = (int)(await world.Clients[who].GetAsync(url)).StatusCode;
                if (status != rule.Get(who))
                {
                    failures.Add($"GET {url} as {who}: {status}, expected {rule.Get(who)}");
                }
            }

            if (rule.Url(world, true) != rule.Url(world, false))
            {
                // A route with record ids: someone who may see the real record gets 404 for one that does not exist.
                var who = Everyone.First(w => w != Anonymous && rule.Get(w) == Ok);
                var url = rule.Url(world, false);
                var status = (int)(await world.Clients[who].GetAsync(url)).StatusCode;
                if (status != NotFound)
                {
                    failures.Add($"GET {url} (no such record) as {who}: {status}, expected 404");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Post_OfEveryForm_ByEveryoneWhoMayNot_IsRefused_AndChangesNothing()
    {
        var failures = new List<string>();
        foreach (var (pattern, methods) in AppRoutes().Where(r => r.Value.Contains("POST") && Rules.ContainsKey(r.Key)))
        {
            var rule = Rules[pattern];
            if (rule.Form is null || pattern == "/account/login" || pattern == "/account/change-password")
            {
                continue; // no business form (or covered by the account tests)
            }

            var expected = rule.Post ?? rule.Get;
            foreach (var who in Everyone.Where(w => expected(w) != Ok))
            {
                var url = rule.Url(world, true);
                var before = await world.FingerprintAsync();
                var status = (int)(await PostAsync(who, url, rule.Form)).StatusCode;
                var after = await world.FingerprintAsync();
                // Out of reach, the page renders no form for the user, so the post names a form that is not there: 400.
                var want = who == Anonymous ? Found : expected(who) == NotFound ? BadRequest : expected(who);
                if (status != want)
                {
                    failures.Add($"POST {url} ({rule.Form}) as {who}: {status}, expected {want}");
                }

                if (before != after)
                {
                    failures.Add($"POST {url} ({rule.Form}) as {who} changed the database");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A form post with this session's valid antiforgery token and a plausible body, as a tampering user would send it.</summary>
    private async Task<HttpResponseMessage> PostAsync(Who who, string url, string form)
    {
        var client = world.Clients[who];
        var fields = new Dictionary<string, string>
        {
            ["Input.Version"] = "0", ["Input.Name"] = "越权修改", ["Input.Confirmed"] = "true", ["Input.HeadName"] = "越权",
            ["Input.Code"] = "X-01", ["Input.Target"] = "SelfCheck", ["Input.EffectiveOn"] = "2026-01-01", ["Input.Note"] = "越权",
        };
        if (who == Anonymous)
        {
            // Without a session there is no token to send; sign-in is demanded before antiforgery is even checked.
            fields["_handler"] = form;
            return await client.PostAsync(url, new FormUrlEncodedContent(fields));
        }

        return await client.PostFormBlindAsync(url, form, fields);
    }

    /// <summary>Route pattern → HTTP methods, for every endpoint of the app except static files.</summary>
    private Dictionary<string, HashSet<string>> AppRoutes()
    {
        var routes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in world.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (IsStaticFile(endpoint, pattern))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            if (!routes.TryGetValue(pattern, out var set))
            {
                routes[pattern] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(methods);
        }

        return routes;
    }

    private static bool IsStaticFile(RouteEndpoint endpoint, string pattern) =>
        endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true
        || endpoint.Metadata.Any(m => m.GetType().FullName?.Contains("StaticAsset", StringComparison.Ordinal) == true);
}
