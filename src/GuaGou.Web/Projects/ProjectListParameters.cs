using System.Globalization;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;
using Microsoft.AspNetCore.WebUtilities;

namespace GuaGou.Web.Projects;

/// <summary>
/// The project list's query string ⇄ <see cref="ProjectListQuery"/>, shared by the page, the .xlsx export and the
/// JSON API so that a bookmarked list, its export and a script all mean the same rows. Unknown values are ignored.
/// </summary>
public static class ProjectListParameters
{
    /// <summary>The list's state from a whole URL (an interactive page reads NavigationManager.Uri).</summary>
    public static ProjectListQuery Parse(string uri) =>
        Parse(new QueryCollection(QueryHelpers.ParseQuery(new Uri(uri, UriKind.Absolute).Query)));

    public static ProjectListQuery Parse(IQueryCollection query) => new(
        CountyId: Int(query, "county"),
        TownshipId: Int(query, "township"),
        Stage: Enum<Stage>(query, "stage"),
        Year: Int(query, "year"),
        Kind: Enum<ProjectKind>(query, "kind"),
        OverdueOnly: query["overdue"] is var o && (o == "1" || o == "true"),
        Search: query["q"].ToString() is { Length: > 0 } q ? q : null,
        Sort: Enum<ProjectSort>(query, "sort") ?? ProjectSort.Code,
        Descending: query["desc"] == "1",
        Page: Int(query, "page") ?? 1,
        PageSize: Int(query, "size") ?? 20);

    /// <summary>The query string of <paramref name="query"/>, leaving out defaults so URLs stay short.</summary>
    public static string ToQueryString(ProjectListQuery query)
    {
        var values = new Dictionary<string, string?>
        {
            ["county"] = query.CountyId?.ToString(CultureInfo.InvariantCulture),
            ["township"] = query.TownshipId?.ToString(CultureInfo.InvariantCulture),
            ["stage"] = query.Stage?.ToString(),
            ["year"] = query.Year?.ToString(CultureInfo.InvariantCulture),
            ["kind"] = query.Kind?.ToString(),
            ["overdue"] = query.OverdueOnly ? "1" : null,
            ["q"] = query.Search,
            ["sort"] = query.Sort == ProjectSort.Code ? null : query.Sort.ToString(),
            ["desc"] = query.Descending ? "1" : null,
            ["page"] = query.Page > 1 ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
            ["size"] = query.PageSize != 20 ? query.PageSize.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("", values.Where(v => v.Value is not null));
    }

    private static int? Int(IQueryCollection query, string name) =>
        int.TryParse(query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static T? Enum<T>(IQueryCollection query, string name) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(query[name], ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null;
}
