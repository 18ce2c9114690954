using GuaGou.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace GuaGou.Web.Account;

public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string ChangePasswordPath = "/account/change-password";

    public static void MapAccountEndpoints(this WebApplication app)
    {
        // Sign-out is a POST with an antiforgery token, so another site cannot sign our users out.
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, AccountService accounts) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await accounts.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        }).AllowAnonymous();

        // Pinged by wwwroot/js/keepalive.js while a user works inside a circuit: the request renews the sliding cookie.
        app.MapGet(KeepAlivePath, () => Results.NoContent());
    }

    public const string KeepAlivePath = "/account/keepalive";

    /// <summary>A user with a password chosen by someone else may only reach the change-password page until they change it.</summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var mustChange = context.User.Identity?.IsAuthenticated == true
                && context.User.HasClaim(GuaGouClaims.MustChangePassword, "true");
            var allowed = path.StartsWithSegments(ChangePasswordPath) || path.StartsWithSegments("/account/logout")
                || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
                || path.StartsWithSegments("/healthz") || path.StartsWithSegments(KeepAlivePath) || path.StartsWithSegments("/status") || path.StartsWithSegments("/error");
            if (mustChange && !allowed)
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }

            await next(context);
        });

    /// <summary>
    /// Only same-site paths are followed after sign-in ("/x", not "//host" or "/\host", nor "/\t/host", which browsers
    /// read as "//host" once they drop the control character).
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
