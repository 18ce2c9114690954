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
/// reach shows the "not found" message (404 while prerendering), refusals of access are recorded in the audit trail
/// as they are for posted forms, and a success is a snackbar and a navigation.
/// </summary>
public abstract class InteractivePage : ComponentBase
{
    /// <summary>Only while prerendering (plain HTTP): to answer 404 for a record out of reach.</summary>
    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    [Inject] protected Operations Operations { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    /// <summary>A rule's Chinese message for the form's alert (the inputs stay as they are).</summary>
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

    /// <summary>Shows the record again (a new route parameter in the same circuit).</summary>
    protected void ClearNotFound() => NotFound = false;

    /// <summary>Asks before an irreversible step; true only for an explicit yes.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes = "确定") =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "取消") == true;

    /// <summary>Runs a change; on success says so and goes to the address it returns (stays for an empty one), otherwise shows why.</summary>
    protected async Task<bool> SubmitAsync(Func<Task<string>> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Busy)
        {
            return false;
        }

        var target = "";
        Busy = true;
        try
        {
            if (!await ChangeAsync(async () => target = await change()))
            {
                return false;
            }
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

    /// <summary>Runs a change through the application; true when it was made, otherwise the reason is shown.</summary>
    protected Task<bool> SubmitAsync(Func<Task> change) => ChangeAsync(change);

    /// <summary>
    /// Runs a change; true when it was made. Otherwise <see cref="Error"/> says why (a refusal of the user's role is also
    /// recorded in the audit trail; a refused upload stored nothing) or, out of the user's reach, "not found" shows.
    /// </summary>
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
        catch (DocumentRejectedException e)
        {
            Error = e.Message;
        }
        catch (NotFoundException e)
        {
            await RecordRefusalAsync("not_found", e.Message);
            ShowNotFound();
        }

        return false;
    }

    private Task RecordRefusalAsync(string reason, string message) =>
        RecordRefusalAsync(Operations, new Uri(Navigation.Uri).PathAndQuery, reason, message);

    /// <summary>A refusal on an interactive page, in the audit trail as "CIRCUIT &lt;path&gt;" (static pages record "POST &lt;path&gt;").</summary>
    public static Task RecordRefusalAsync(Operations operations, string path, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(path);
        return operations.RunAsync<AuditLog>((audit, _) => audit.RecordAsync(AuditActions.AccessDenied, "Request", "CIRCUIT " + path.Split('?')[0],
            after: new { Reason = reason, Message = message, Path = path }, ct: CancellationToken.None));
    }
}
