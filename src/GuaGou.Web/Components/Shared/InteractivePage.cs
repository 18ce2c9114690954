using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Web.Account;
using GuaGou.Web.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GuaGou.Web.Components.Shared;

/// <summary>
/// The interactive counterpart of <see cref="FormPage"/>: pages call services through <see cref="Operations"/> and turn
/// refusals into what the user sees — a rule's Chinese message next to the form (the inputs stay as they were), or the
/// "not found" message for records that do not exist or lie outside the user's region. Refusals of access are recorded
/// in the audit trail, as they are for posted forms.
/// </summary>
public abstract class InteractivePage : ComponentBase
{
    /// <summary>While prerendering (a plain GET, no circuit yet) the request, so a missing record answers 404.</summary>
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    [Inject] private CircuitSession Circuit { get; set; } = default!;

    [Inject] protected Operations Operations { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    protected string? Error { get; set; }

    protected bool NotFound { get; private set; }

    protected void ShowNotFound()
    {
        NotFound = true;
        if (Circuit.Id is null && HttpContextAccessor.HttpContext is { Response.HasStarted: false } http)
        {
            FormPage.RespondNotFound(http);
        }
    }

    /// <summary>Asks before an action that cannot be taken back; true when the user confirmed.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes = "确定") =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "取消") == true;

    /// <summary>Runs a change; true when it was made, otherwise the reason is shown (<see cref="Error"/> or not found).</summary>
    protected async Task<bool> ChangeAsync(Func<Task> change)
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
        catch (NotFoundException e)
        {
            await RecordRefusalAsync("not_found", e.Message);
            ShowNotFound();
        }

        return false;
    }

    private Task RecordRefusalAsync(string reason, string message)
    {
        var path = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        var target = "CIRCUIT " + path.Split('?')[0];
        return Operations.RunAsync<AuditLog>((log, _) => log.RecordAsync(AuditActions.AccessDenied, "Request", target,
            after: new { Reason = reason, Message = message, Path = path }, ct: CancellationToken.None));
    }
}
