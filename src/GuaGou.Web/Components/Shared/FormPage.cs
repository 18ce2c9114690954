using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Web.Account;
using GuaGou.Web.Audit;
using Microsoft.AspNetCore.Components;

namespace GuaGou.Web.Components.Shared;

/// <summary>
/// The one place where pages turn refusals into what the user sees: a rule's Chinese message above the form (the
/// user's input stays in the form), or a 404 for records that do not exist or lie outside the user's region.
/// </summary>
public abstract class FormPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected string? Error { get; set; }

    protected bool NotFound { get; private set; }

    protected CurrentUser CurrentUser => currentUser ??= CurrentUserAccessor.Require(HttpContext.User);

    private CurrentUser? currentUser;

    protected void ShowNotFound()
    {
        NotFound = true;
        RespondNotFound(HttpContext);
    }

    /// <summary>404 with the page's own message: the generic status page must not replace it.</summary>
    public static void RespondNotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
    }

    /// <summary>Runs a change; on success goes to the address it returns, otherwise shows why.</summary>
    protected async Task SubmitAsync(Func<Task<string>> change)
    {
        string target;
        try
        {
            target = await change();
        }
        catch (DomainException e)
        {
            if (e.IsAccessDenial)
            {
                await AuditWeb.RecordRefusalAsync(HttpContext, e.Code, e.Message);
            }

            Error = e.Message;
            HttpContext.Response.StatusCode = e.Code switch
            {
                "concurrency.conflict" => StatusCodes.Status409Conflict,
                // The user's role may not make this change at all (docs/security.md): forbidden, with the reason shown.
                _ when e.IsAccessDenial => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status422UnprocessableEntity,
            };
            return;
        }
        catch (DocumentRejectedException e)
        {
            // A refused upload: nothing was stored; say why, keep the rest of the form.
            Error = e.Message;
            HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }
        catch (NotFoundException e)
        {
            await AuditWeb.RecordRefusalAsync(HttpContext, "not_found", e.Message);
            ShowNotFound();
            return;
        }

        // An empty target: the page has shown its own outcome (e.g. a list of import errors) and stays.
        if (target.Length > 0)
        {
            Navigation.NavigateTo(target);
        }
    }
}
