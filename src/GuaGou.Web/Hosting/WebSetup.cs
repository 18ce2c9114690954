using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Web.Account;
using GuaGou.Web.Audit;
using GuaGou.Web.Health;
using GuaGou.Web.Households;
using GuaGou.Web.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;

namespace GuaGou.Web.Hosting;

/// <summary>The web host's services, middleware order and non-page endpoints, in one readable place.</summary>
public static class WebSetup
{
    public const long MaxRequestBytes = 210L * 1024 * 1024;

    /// <summary>
    /// The largest message a browser may send over a circuit (SignalR's default is 32 KB). Events and form values are
    /// small; file contents stream in chunks of at most this size.
    /// </summary>
    public const long CircuitMessageBytes = 64 * 1024;

    public static IServiceCollection AddGuaGouWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Pages are static SSR unless they opt into the interactive server render mode (docs/adr/0005): the migration to
        // interactive MudBlazor pages goes area by area. Circuit limits are set on purpose, not left to defaults.
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                options.DetailedErrors = false;
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
            })
            .AddHubOptions(hub =>
            {
                hub.MaximumReceiveMessageSize = CircuitMessageBytes;
                hub.EnableDetailedErrors = false;
            });
        services.AddMudServices();
        // Chinese for MudBlazor's own texts, also when the server's or browser's culture is English (MudBlazor's default
        // interceptor would then skip a custom localizer).
        services.AddTransient<MudBlazor.MudLocalizer, GuaGou.Web.Components.Layout.ChineseMudLocalizer>();
        services.AddLocalizationInterceptor(sp => new MudBlazor.DefaultLocalizationInterceptor(
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<MudBlazor.MudLocalizer>()) { IgnoreDefaultEnglish = true });
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, CircuitSessionHandler>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddScoped<Operations>();
        services.AddScoped<OperationActor>();
        // A demolition record may carry several photos of up to 50 MB each (GuaGou:Documents:MaxBytes); each
        // feature still checks its own per-file limit.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBytes);
        // Write Chinese as characters, not &#x…; entities: smaller pages, readable source, simpler tests.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Keys that sign cookies and form tokens: kept encrypted in the data directory, or in memory (KeyProtection).
        KeyProtection.AddGuaGouDataProtection(services, configuration);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        new IdentityBuilder(typeof(AppUser), typeof(AppRole), services)
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            SignInCookie.Configure(cookie); // name, flags, idle and absolute expiry, security stamp check
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            // Scripts calling the JSON API get a status code, not a login page.
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            // A signed-in user whose role may not open a page gets 403 in place (the status page explains), not a
            // redirect: the address stays, and scripts and tests see the real status.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Everything requires sign-in unless it says [AllowAnonymous]: a new page cannot be public by accident.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddHealthChecks().AddDbContextCheck<GuaGouDbContext>("database");
        services.AddScoped<AccountService>();
        services.AddSingleton<DemoAccounts>();
        services.AddHostedService<StartupWarnings>();
        // Every request's principal comes from the user's row (SignInCookie, SessionPrincipals), not from the cookie.
        services.AddScoped<SessionPrincipals>();
        services.AddSingleton<SessionPrincipalCache>();
        services.AddSignInRateLimit();
        services.AddGuaGouAudit();
        services.AddHostedService<DocumentSweeper>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "GuaGou 挂钩 API";
            document.Info.Description = "城乡建设用地增减挂钩管理系统的只读接口。需要登录（Cookie）。";
            return Task.CompletedTask;
        }));
        return services;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    public static WebApplication UseGuaGouPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Empty 4xx/5xx responses get a Chinese page that keeps the status code.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        // The error and status pages are rendered as a GET whatever the failed request was: a re-executed POST would be
        // taken for a form post to the page (400 without a form token, 500 without a form body).
        app.Use((context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        app.UseRequestLogging();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseSameOriginCircuits();
        return app;
    }

    public static WebApplication MapGuaGouEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoint();
        app.MapAccountEndpoints();
        app.MapProjectEndpoints();
        app.MapParcelEndpoints();
        app.MapDocumentEndpoints();
        app.MapHouseholdEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
