using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Web.Account;
using GuaGou.Web.Audit;
using GuaGou.Web.Health;
using GuaGou.Web.Households;
using GuaGou.Web.Projects;
using Microsoft.AspNetCore.Authorization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;

namespace GuaGou.Web.Hosting;

/// <summary>The web host's services, middleware order and non-page endpoints, in one readable place.</summary>
public static class WebSetup
{
    public const long MaxRequestBytes = 210L * 1024 * 1024;

    public static IServiceCollection AddGuaGouWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
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
        app.UseRequestLogging();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();
        app.UseAntiforgery();
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
