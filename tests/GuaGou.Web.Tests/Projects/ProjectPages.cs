using System.Globalization;
using System.Net;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using System.Security.Claims;
using GuaGou.Infrastructure.Identity;
using GuaGou.Web.Account;
using GuaGou.Web.Projects;
using GuaGou.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using GuaGou.Web.Hosting;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Projects;

/// <summary>
/// A person at the browser: signs in with a role, reads the pages over HTTP and makes the changes the interactive
/// pages make — through the same services those pages call (an interactive page has no form to post).
/// </summary>
public sealed class ProjectPages(HttpClient client, string userName, GuaGouAppFactory? app = null)
{
    public HttpClient Client { get; } = client;

    private GuaGouAppFactory App => app ?? throw new InvalidOperationException("Sign in through SignInAsync to make changes.");

    public string UserName { get; } = userName;

    /// <summary>The services' view of this person, for tests that call a service directly.</summary>
    public static async Task<CurrentUser> CurrentUserAsync(GuaGouAppFactory app, ProjectPages pages)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == pages.UserName);
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).SingleAsync();
        return new CurrentUser(user.Id, user.DisplayName, role, user.Region!.Code, user.Region.Id);
    }

    public static async Task<ProjectPages> SignInAsync(GuaGouAppFactory app, string role, string regionCode)
    {
        var userName = $"u{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(userName, role, regionCode);
        var client = app.CreateBrowserlikeClient();
        var response = await client.SignInAsync(userName, GuaGouAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new ProjectPages(client, userName, app);
    }

    public static string Today => ChinaTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Files a project area as the form of /projects/new does; returns its code.</summary>
    public async Task<string> CreateProjectAsync(string name, string county = "阿鲁科尔沁旗", string kind = "InCounty")
    {
        var counties = await RunAsync<ProjectAreaQueries, List<RegionOption>>((queries, user) => queries.CountiesAsync(user));
        var countyId = counties.First(c => c.Name.StartsWith(county, StringComparison.Ordinal)).Id;
        var code = await RunAsync<ProjectAreaService, ProjectCode>((projects, user) => projects.FileAsync(user, countyId,
            new ProjectAreaDetails(name, 2026, Enum.Parse<ProjectKind>(kind), PlanType.ProjectArea, "旗自然资源局")));
        return code.Value;
    }

    /// <summary>
    /// Calls a service as this person exactly as an interactive page does: through <see cref="Operations"/> of a circuit
    /// signed in as this person (own scope per call, the person as audit actor, "&lt;circuit&gt;/&lt;n&gt;" as request id).
    /// </summary>
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, CurrentUser, Task<TResult>> operation)
        where TService : notnull
    {
        var result = default(TResult)!;
        await WithOperationsAsync(async operations => result = await operations.RunAsync(operation));
        return result;
    }

    private async Task WithOperationsAsync(Func<Operations, Task> use)
    {
        await using var circuit = App.Services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<CircuitSession>().Opened($"test-{Guid.NewGuid():N}", "127.0.0.1");
        var state = (RevalidatingSessionStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(await PrincipalAsync(circuit.ServiceProvider))));
        await use(circuit.ServiceProvider.GetRequiredService<Operations>());
    }

    public Task RunAsync<TService>(Func<TService, CurrentUser, Task> operation) where TService : notnull =>
        RunAsync<TService, bool>(async (service, user) =>
        {
            await operation(service, user);
            return true;
        });

    private async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var principal = await services.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync((await users.FindByNameAsync(UserName))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SignInCookie.SignedInAtClaim,
            services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        return principal;
    }

    /// <summary>The version of the project the user would see on its page (travels with every change).</summary>
    public async Task<uint> VersionAsync(string code)
    {
        await using var db = TestDatabase.CreateContext(App.ConnectionString);
        return await db.ProjectAreas.Where(p => p.Code == ProjectCode.Parse(code)).Select(p => EF.Property<uint>(p, "Version")).SingleAsync();
    }

    public async Task<HttpResponseMessage> AddParcelAsync(string code, string zone, string parcelCode, decimal hectares,
        string township = "天山镇", string direction = "Farmland", string landClass = "0602")
    {
        var url = $"/projects/{code}/parcels/new?zone={zone}";
        var form = await Client.GetDocumentAsync(url);
        var townshipId = form.QuerySelectorAll("#township option").First(o => o.TextContent.StartsWith(township, StringComparison.Ordinal)).GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = parcelCode,
            ["Input.Name"] = $"地块{parcelCode}",
            ["Input.TownshipId"] = townshipId,
            ["Input.VillageId"] = "",
            ["Input.LandClass"] = landClass,
            ["Input.Ownership"] = "村集体",
            ["Input.Area"] = hectares.ToString(CultureInfo.InvariantCulture),
            ["Input.Unit"] = "Hectare",
        };
        if (zone == "Demolition")
        {
            fields["Input.ReclamationDirection"] = direction;
        }
        else
        {
            fields["Input.PlannedUse"] = "集中安置";
        }

        return await Client.SubmitFormAsync(url, "parcel", fields);
    }

    /// <summary>Takes the next step as the stage page does (its form, through Operations); the outcome as the page shows it.</summary>
    public Task<HttpResponseMessage> AdvanceAsync(string code, string? documentNumber = null, string? opinion = null) =>
        StageActionAsync(code, StageAction.Advance, documentNumber, opinion);

    public Task<HttpResponseMessage> ReturnAsync(string code, string reason) => StageActionAsync(code, StageAction.Return, null, reason);

    public async Task<HttpResponseMessage> StageActionAsync(string code, StageAction action, string? documentNumber, string? opinion,
        DocumentUpload? attachment = null)
    {
        var details = await RunAsync<ProjectAreaQueries, ProjectDetails?>((queries, user) => queries.DetailsAsync(user, ProjectCode.Parse(code)));
        var form = new StageActionForm
        {
            Version = details?.Version ?? 0, Target = details?.NextStep?.To ?? details?.Stage ?? Stage.Survey,
            EffectiveOn = DateTime.Parse(Today, CultureInfo.InvariantCulture), DocumentNumber = documentNumber, Opinion = opinion,
        };
        return await PageOutcome.OfAsync(async () =>
        {
            try
            {
                await RunAsync<ProjectAreaService>((projects, user) => form.RecordAsync(projects, user, ProjectCode.Parse(code), action, attachment));
            }
            catch (DomainException e) when (e.IsAccessDenial)
            {
                // As the page does (InteractivePage): the refusal goes into the audit trail.
                await WithOperationsAsync(operations => InteractivePage.RecordRefusalAsync(operations,
                    $"/projects/{code}/stage/{StageActions.RouteOf(action)}", e.Code, e.Message));
                throw;
            }
        }, $"/projects/{code}");
    }

    /// <summary>The stage shown on the detail page (its number from the badge).</summary>
    public async Task<int> StageAsync(string code)
    {
        var page = await Client.GetDocumentAsync($"/projects/{code}");
        return int.Parse(page.QuerySelector("h1 + .mud-chip-container [data-stage]")!.GetAttribute("data-stage")!, CultureInfo.InvariantCulture);
    }
}
