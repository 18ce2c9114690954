using GuaGou.Web.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace GuaGou.Web.Components.Layout;

/// <summary>
/// An unhandled error inside a circuit: logged with the circuit id and a reference, and shown as a Chinese message
/// with that reference (the same words as the error page) instead of the framework's yellow bar. The layout clears it
/// on the next navigation.
/// </summary>
public sealed class CircuitErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<CircuitErrorBoundary> Log { get; set; } = default!;
    [Inject] private CircuitSession Circuit { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string reference = "";

    protected override Task OnErrorAsync(Exception exception)
    {
        reference = Circuit.NextOperationId();
        Log.LogError(exception, "Unhandled error in circuit {CircuitId} on {Page}, reference {Reference}", Circuit.Id, Navigation.Uri, reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "gg-circuit-error");
        builder.AddAttribute(3, "role", "alert");
        builder.OpenElement(4, "h1");
        builder.AddContent(5, "系统暂时无法处理该请求");
        builder.CloseElement();
        builder.OpenElement(6, "p");
        builder.AddContent(7, "请稍后再试，或返回上一页。如问题持续，请将以下追踪编号告知系统管理员：");
        builder.CloseElement();
        builder.OpenElement(8, "code");
        builder.AddAttribute(9, "data-testid", "correlation-id");
        builder.AddContent(10, reference);
        builder.CloseElement();
        builder.CloseElement();
    }
}
