using System.Globalization;
using System.Net;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Projects;

/// <summary>A person at the browser: signs in with a role and uses the project-area pages' forms.</summary>
public sealed class ProjectPages(HttpClient client, string userName)
{
    public HttpClient Client { get; } = client;

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
        return new ProjectPages(client, userName);
    }

    public static string Today => ChinaTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<string> CreateProjectAsync(string name, string county = "阿鲁科尔沁旗", string kind = "InCounty")
    {
        var form = await Client.GetDocumentAsync("/projects/new");
        var countyId = form.QuerySelectorAll("#county option").First(o => o.TextContent.StartsWith(county, StringComparison.Ordinal)).GetAttribute("value")!;
        var response = await Client.SubmitFormAsync("/projects/new", "project", new Dictionary<string, string>
        {
            ["Input.CountyId"] = countyId,
            ["Input.Name"] = name,
            ["Input.Year"] = "2026",
            ["Input.Kind"] = kind,
            ["Input.PlanType"] = "ProjectArea",
            ["Input.ResponsibleUnits"] = "旗自然资源局",
        });
        var target = response.RedirectTarget();
        Assert.StartsWith("/projects/", target, StringComparison.Ordinal);
        return target["/projects/".Length..];
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

    public Task<HttpResponseMessage> AdvanceAsync(string code, string? documentNumber = null, string? opinion = null) =>
        Client.SubmitFormAsync($"/projects/{code}/stage/advance", "stage", new Dictionary<string, string>
        {
            ["Input.EffectiveOn"] = Today,
            ["Input.DocumentNumber"] = documentNumber ?? "",
            ["Input.Opinion"] = opinion ?? "",
            ["Input.Confirmed"] = "true",
        });

    public Task<HttpResponseMessage> ReturnAsync(string code, string reason) =>
        Client.SubmitFormAsync($"/projects/{code}/stage/return", "stage", new Dictionary<string, string>
        {
            ["Input.EffectiveOn"] = Today,
            ["Input.Opinion"] = reason,
            ["Input.Confirmed"] = "true",
        });

    /// <summary>The stage shown on the detail page (its number from the badge).</summary>
    public async Task<int> StageAsync(string code)
    {
        var page = await Client.GetDocumentAsync($"/projects/{code}");
        return int.Parse(page.QuerySelector("h1 + .mud-chip-container [data-stage]")!.GetAttribute("data-stage")!, CultureInfo.InvariantCulture);
    }
}
