using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticAssets;

namespace GuaGou.Web.Account;

/// <summary>
/// The sign-in cookie (ASVS 3.2–3.4): <c>__Host-</c> prefixed, Secure, HttpOnly, SameSite=Lax; it ends after
/// <see cref="IdleTimeout"/> without a request and <see cref="AbsoluteLifetime"/> after the password was entered,
/// whatever the activity. On every request the user's row is read: the stamp in the cookie must still be the user's
/// and the account not locked, so a sign-out, a password change, a lock or a change of role or region ends every
/// session of that user at once; and the principal is rebuilt from the database (<see cref="SessionPrincipals"/>).
/// </summary>
public static class SignInCookie
{
    public const string Name = "__Host-GuaGou.Auth";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>Kept in the ticket's properties, which survive renewals and <c>RefreshSignInAsync</c> (claims are rebuilt).</summary>
    public const string SignedInAtKey = "guagou.signed_in_at";

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

    /// <summary>
    /// How far ahead of this server's clock a ticket's times may be: none of ours ever are (we issue them), so this only
    /// absorbs the clock difference between two servers behind one address.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
        {
            return; // public files need no session: no check, and no renewed cookie that would make them uncacheable
        }

        if (!IsPlausible(context.Properties, Now(context.HttpContext)))
        {
            await RejectAsync(context);
            return;
        }

        // Role, region and lock state from the database: a cookie never carries more than the account has now.
        var current = await context.HttpContext.RequestServices.GetRequiredService<SessionPrincipals>().CurrentAsync(context.Principal!);
        if (current is null)
        {
            await RejectAsync(context);
            return;
        }

        // The sign-in time travels with the principal, so that an open circuit can end at the same 8 hours.
        ((ClaimsIdentity)current.Identity!).AddClaim(new Claim(SignedInAtClaim, context.Properties.Items[SignedInAtKey]!));
        context.ReplacePrincipal(current);
    }

    /// <summary>The claim that carries the sign-in time into a circuit (set from the ticket, never read from a cookie's claims).</summary>
    public const string SignedInAtClaim = "guagou:signed_in_at";

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(SignedInAtClaim)?.Value is { } value
            && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : null;
    }

    /// <summary>
    /// A ticket this server could have issued: issued (and signed in) not in the future, valid no longer than the idle
    /// timeout from its issue, and signed in less than <see cref="AbsoluteLifetime"/> ago. A ticket "issued" in the
    /// future is how a forged cookie once slipped past the stamp check; missing times are refused, never assumed.
    /// </summary>
    public static bool IsPlausible(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var started = properties.Items.TryGetValue(SignedInAtKey, out var value)
            && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : (DateTimeOffset?)null;
        return properties.IssuedUtc is { } issued && issued <= now + ClockSkew
            && properties.ExpiresUtc is { } expires && expires - issued <= IdleTimeout + ClockSkew
            && started is { } signedIn && signedIn <= now + ClockSkew && signedIn <= issued + ClockSkew
            && now - signedIn <= AbsoluteLifetime;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
