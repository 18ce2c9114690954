using Microsoft.AspNetCore.StaticAssets;

namespace GuaGou.Web.Hosting;

/// <summary>
/// Headers every response carries (ASVS 14.4). Set when the response starts, so error pages — whose handler clears
/// the response — get them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from our own files: pages have no inline script or event-handler attributes, and must not get any.
    /// Inline style attributes are used, so styles allow 'unsafe-inline'. Images: our own, plus data: (Bootstrap's
    /// form icons) and blob:. An endpoint that sets its own policy (stored documents: a sandbox) keeps it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY"; // for browsers without frame-ancestors; antiforgery would say SAMEORIGIN
                headers["Referrer-Policy"] = "same-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                // Pages, exports and downloads show personal and unpublished data: never stored by the browser or a proxy.
                // Only our static files (fingerprinted, public) keep their cache headers.
                if (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
