using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Documents;
using GuaGou.Web.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GuaGou.Web.Components.Shared;

/// <summary>
/// The interactive pages' counterpart of <see cref="FormPage"/>: every call goes through <see cref="Operations"/> (its
/// own scope and audit actor); a rule's Chinese message is shown next to the form with the input kept, a record out of
/// reach shows the "not found" message (404 while prerendering), a success is a snackbar and a navigation.
/// </summary>
public abstract class InteractivePage : ComponentBase
{
    /// <summary>Only while prerendering (plain HTTP): to answer 404 for a record out of reach.</summary>
    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    [Inject] protected Operations Operations { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    protected string? Error { get; set; }

    protected bool NotFound { get; private set; }

    protected bool Busy { get; private set; }

    protected void ShowNotFound()
    {
        NotFound = true;
        if (HttpContext is { Response.HasStarted: false } http)
        {
            FormPage.RespondNotFound(http);
        }
    }

    /// <summary>Asks before an irreversible step; true only for an explicit yes.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "取消") == true;

    /// <summary>Runs a change; on success says so and goes to the address it returns (stays for an empty one), otherwise shows why.</summary>
    protected async Task<bool> SubmitAsync(Func<Task<string>> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Busy)
        {
            return false;
        }

        Busy = true;
        Error = null;
        string target;
        try
        {
            target = await change();
        }
        catch (DomainException e)
        {
            if (e.IsAccessDenial)
            {
                await RecordRefusalAsync(e.Code, e.Message);
            }

            Error = e.Message;
            return false;
        }
        catch (DocumentRejectedException e)
        {
            Error = e.Message; // a refused upload: nothing was stored
            return false;
        }
        catch (NotFoundException e)
        {
            await RecordRefusalAsync("not_found", e.Message);
            ShowNotFound();
            return false;
        }
        finally
        {
            Busy = false;
        }

        Snackbar.Add(done, Severity.Success);
        if (target.Length > 0)
        {
            Navigation.NavigateTo(target);
        }

        return true;
    }

    private Task RecordRefusalAsync(string reason, string message) =>
        RecordRefusalAsync(Operations, new Uri(Navigation.Uri).PathAndQuery, reason, message);

    /// <summary>A refusal on an interactive page, in the audit trail as "CIRCUIT &lt;path&gt;" (static pages record "POST &lt;path&gt;").</summary>
    public static Task RecordRefusalAsync(Operations operations, string path, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return operations.RunAsync<AuditLog>((audit, _) => audit.RecordAsync(AuditActions.AccessDenied, "Request", $"CIRCUIT {path}",
            after: new { Reason = reason, Message = message, Path = path }, ct: CancellationToken.None));
    }
}
