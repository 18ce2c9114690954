using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;

namespace GuaGou.Web.Tests.Projects;

/// <summary>
/// The outcome of an interactive page's change, in the shape the older form-post tests read: a success is a redirect
/// to where the page navigates; a refusal the status the static pages answered (409 conflict, 403 for a role that may
/// not, 422 for a rule, 404 out of reach) with the page's message in [data-testid='error'] — as InteractivePage shows it.
/// </summary>
public static class PageOutcome
{
    public static async Task<HttpResponseMessage> OfAsync(Func<Task> change, string target)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
        }
        catch (DomainException e)
        {
            var status = e.Code == "concurrency.conflict" ? HttpStatusCode.Conflict
                : e.IsAccessDenial ? HttpStatusCode.Forbidden : HttpStatusCode.UnprocessableEntity;
            return Page(status, $"<div data-testid=\"error\">{WebUtility.HtmlEncode(e.Message)}</div>");
        }
        catch (DocumentRejectedException e)
        {
            return Page(HttpStatusCode.UnprocessableEntity, $"<div data-testid=\"error\">{WebUtility.HtmlEncode(e.Message)}</div>");
        }
        catch (NotFoundException)
        {
            return Page(HttpStatusCode.NotFound, "<div data-testid=\"not-found\"></div>");
        }

        var redirect = new HttpResponseMessage(HttpStatusCode.Redirect);
        redirect.Headers.Location = new Uri(target, UriKind.Relative);
        return redirect;
    }

    private static HttpResponseMessage Page(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent($"<!DOCTYPE html><html><body>{body}</body></html>", Encoding.UTF8, new MediaTypeHeaderValue("text/html")),
    };
}
