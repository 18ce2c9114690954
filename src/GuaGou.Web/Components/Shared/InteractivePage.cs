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
}
