using GuaGou.Infrastructure;
using GuaGou.Web.Components;
using GuaGou.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
// Package files (MudBlazor's _content/…) are served from the build output too, not only from a published wwwroot:
// deploy/run.sh and the tests run the build. Does nothing where the manifest is absent (a publish).
builder.WebHost.UseStaticWebAssets();
builder.AddGuaGouLogging();
builder.Services.AddGuaGouInfrastructure();
builder.Services.AddGuaGouWeb(builder.Configuration);

var app = builder.Build();
app.UseGuaGouPipeline();
app.MapGuaGouEndpoints();
// The framework's own CSP header (frame-ancestors 'self') would replace ours, which forbids framing altogether.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
