using GuaGou.Infrastructure;
using GuaGou.Web.Components;
using GuaGou.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGuaGouLogging();
builder.Services.AddGuaGouInfrastructure();
builder.Services.AddGuaGouWeb(builder.Configuration);

var app = builder.Build();
app.UseGuaGouPipeline();
app.MapGuaGouEndpoints();
app.MapRazorComponents<App>();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
