using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Documents;
using GuaGou.Web.Hosting;
using Microsoft.AspNetCore.Components;

namespace GuaGou.Web.Components.Shared;

/// <summary>
/// The base of an interactive page: it calls the application through <see cref="Operations"/> (one scope per call) and
/// shows the "not found" message for records that do not exist or lie outside the user's region — with status 404 while
/// the page is prerendered (a plain GET), where there is still an HTTP response to set.
/// </summary>
public abstract class InteractivePage : ComponentBase
{
    /// <summary>Set only while the page is prerendered over HTTP; null inside the circuit.</summary>
    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    [Inject] protected Operations Operations { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected bool NotFound { get; private set; }

    protected void ShowNotFound()
    {
        NotFound = true;
        if (HttpContext is { Response.HasStarted: false } http)
        {
            FormPage.RespondNotFound(http);
        }
    }

    /// <summary>Shows the record again (a new route parameter in the same circuit).</summary>
    protected void ClearNotFound() => NotFound = false;

    /// <summary>A rule's Chinese message for the form's MudAlert (the inputs stay as they are).</summary>
    protected string? Error { get; set; }

    /// <summary>
    /// Runs a change through the application. True when it was made; otherwise <see cref="Error"/> says why (a refusal
    /// of the user's role is also recorded in the audit trail) or, out of the user's reach, the "not found" message shows.
    /// </summary>
    protected async Task<bool> SubmitAsync(Func<Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Error = null;
        try
        {
            await change();
            return true;
        }
        catch (DomainException e)
        {
            if (e.IsAccessDenial)
            {
                await RecordRefusalAsync(e.Code, e.Message);
            }

            Error = e.Message;
        }
        catch (DocumentRejectedException e)
        {
            // A refused upload: nothing was stored; say why, keep the rest of the form.
            Error = e.Message;
        }
        catch (NotFoundException e)
        {
            await RecordRefusalAsync("not_found", e.Message);
            ShowNotFound();
        }

        return false;
    }

    private Task RecordRefusalAsync(string reason, string message)
    {
        var path = new Uri(Navigation.Uri).PathAndQuery;
        return Operations.RunAsync<AuditLog>((audit, _) => audit.RecordAsync(AuditActions.AccessDenied, "Request", "CIRCUIT " + path,
            after: new { Reason = reason, Message = message, Path = path }, ct: CancellationToken.None));
    }
}
