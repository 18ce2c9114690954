using Bunit;
using GuaGou.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GuaGou.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and our Chinese texts, as the app registers them.</summary>
public abstract class MudComponentContext : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor has services that only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected MudComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor's own JS calls (focus, popovers) answer nothing here
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        Services.AddLocalizationInterceptor(sp => new DefaultLocalizationInterceptor(
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(), sp.GetRequiredService<MudLocalizer>()) { IgnoreDefaultEnglish = true });
    }
}
