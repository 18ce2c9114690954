using System.Security.Claims;
using GuaGou.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Account;

/// <summary>
/// Who a request's user is <em>now</em>, from the database — never from the cookie's own claims. A cookie names a user
/// and the security stamp it was issued with; that user's row decides whether the session still stands (same stamp,
/// not locked) and what the principal holds (role, region, name, must-change-password). Whoever could mint a cookie
/// with another role or region therefore gains nothing: those claims are thrown away.
/// </summary>
/// <remarks>
/// The user row is read on every request (stamp and lock state). The rest of the principal (roles, region) is cached
/// per user and stamp, which is sound because every change to them renews the stamp
/// (<see cref="UserAdministration.ChangeAccessAsync"/>, locking, password changes and resets).
/// </remarks>
public sealed class SessionPrincipals(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SessionPrincipalCache cache, IOptions<IdentityOptions> identity)
{
    public async Task<ClaimsPrincipal?> CurrentAsync(ClaimsPrincipal fromCookie)
    {
        var claimTypes = identity.Value.ClaimsIdentity;
        if (fromCookie.FindFirstValue(claimTypes.UserIdClaimType) is not { } userId || !Guid.TryParse(userId, out var id)
            || fromCookie.FindFirstValue(claimTypes.SecurityStampClaimType) is not { Length: > 0 } stamp)
        {
            return null;
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || !string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        var principal = await cache.Entries.GetOrCreateAsync((id, stamp), async entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = SessionPrincipalCache.Lifetime;
            return await signIn.CreateUserPrincipalAsync(user);
        });
        // A copy per request: nothing a request adds to its principal reaches another request.
        return new ClaimsPrincipal(principal!.Identities.Select(i => i.Clone()));
    }
}

/// <summary>
/// The principals built from the database, by user and security stamp. A few minutes at most, so that what is not
/// guarded by the stamp (a region's renamed name) is not shown stale for long.
/// </summary>
public sealed class SessionPrincipalCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public void Dispose() => Entries.Dispose();
}
