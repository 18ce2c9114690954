using System.Globalization;
using GuaGou.Infrastructure.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace GuaGou.Web.Components.Pages.Audit;

/// <summary>
/// The audit search as a URL: <c>/audit?type=&amp;id=&amp;user=&amp;from=yyyy-MM-dd&amp;to=&amp;action=&amp;page=</c>. Parsing is
/// forgiving (a malformed date or page is ignored), so a hand-edited link still opens a search.
/// </summary>
public static class AuditFilterParameters
{
    public static AuditFilter Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;
        var page = int.TryParse(Text("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return new AuditFilter(Text("type"), Text("id"), Text("user"), ParseDate(Text("from")), ParseDate(Text("to")), Text("action"), page);
    }

    public static string ToQueryString(AuditFilter f)
    {
        var query = new Dictionary<string, string?>
        {
            ["type"] = f.EntityType, ["id"] = f.EntityId, ["user"] = f.User, ["from"] = Date(f.From), ["to"] = Date(f.To), ["action"] = f.Action,
            ["page"] = f.Page > 1 ? f.Page.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("", query.Where(q => q.Value is not null));
    }

    public static string Href(AuditFilter f) => "/audit" + ToQueryString(f);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
