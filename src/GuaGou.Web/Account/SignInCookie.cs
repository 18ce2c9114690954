using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticAssets;

namespace GuaGou.Web.Account;

/// <summary>
/// The sign-in cookie (ASVS 3.2–3.4): <c>__Host-</c> prefixed, Secure, HttpOnly, SameSite=Lax; it ends after
/// <see cref="IdleTimeout"/> without a request and <see cref="AbsoluteLifetime"/> after the password was entered,
/// whatever the activity. Its security stamp is checked on every request, so a sign-out, a password change or a
/// change of role or region ends every session of that user at once (the old cookie no longer works).
/// </summary>
public static class SignInCookie
{
    public const string Name = "__Host-GuaGou.Auth";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>Kept in the ticket's properties, which survive renewals and <c>RefreshSignInAsync</c> (claims are rebuilt).</summary>
    private const string SignedInAtKey = "guagou.signed_in_at";

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.Name = Name;
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always; // also behind a TLS-terminating proxy, and on http://127.0.0.1 (a secure context)
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.ExpireTimeSpan = IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.Events.OnSigningIn = RecordSignInTime;
        cookie.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>A fresh sign-in starts the 8 hours; a refresh (new password) keeps the original start.</summary>
    private static Task RecordSignInTime(CookieSigningInContext context)
    {
        if (!context.Properties.Items.ContainsKey(SignedInAtKey))
        {
            context.Properties.Items[SignedInAtKey] = Now(context.HttpContext).ToString("O", CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
        {
            return; // public files need no session: no check, and no renewed cookie that would make them uncacheable
        }

        var started = context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
            && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : (DateTimeOffset?)null;
        if (started is null || Now(context.HttpContext) - started.Value > AbsoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Identity's check: the stamp in the cookie must still be the user's (SecurityStampValidatorOptions.ValidationInterval).
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
