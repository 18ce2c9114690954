using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Account;

/// <summary>
/// The demo accounts' password is published (README, deploy/run.sh). In the demo run (<c>GuaGou:DemoMode</c>, set by
/// deploy/run.sh) that is the point; anywhere else an account signing in with it must choose its own password before
/// anything else. While any account still has it, every page shows a 演示环境 banner and the log warns at startup.
/// </summary>
public sealed class DemoAccounts(IConfiguration configuration)
{
    private volatile string[] withPublishedPassword = [];

    public bool DemoMode { get; } = configuration.GetValue<bool>("GuaGou:DemoMode");

    /// <summary>User names of the seeded demo accounts whose password is still the published one (as of the last check).</summary>
    public IReadOnlyList<string> WithPublishedPassword => withPublishedPassword;

    public bool ShowBanner => DemoMode || withPublishedPassword.Length > 0;

    public static bool IsPublishedPassword(string password) => string.Equals(password, DemoDataSeeder.DemoPassword, StringComparison.Ordinal);

    /// <summary>
    /// Checks the seeded demo user names against the published password. Verifies the hash directly: Identity's
    /// CheckPasswordAsync would rehash an old hash, which renews the security stamp and ends the user's sessions.
    /// </summary>
    public async Task RefreshAsync(UserManager<AppUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var names = DemoDataSeeder.Accounts.Select(a => users.NormalizeName(a.UserName)).ToList();
        var candidates = await users.Users.Where(u => names.Contains(u.NormalizedUserName!)).ToListAsync();
        var found = candidates
            .Where(u => u.PasswordHash is { } hash
                && users.PasswordHasher.VerifyHashedPassword(u, hash, DemoDataSeeder.DemoPassword) != PasswordVerificationResult.Failed)
            .Select(u => u.UserName!)
            .Order(StringComparer.Ordinal)
            .ToList();
        withPublishedPassword = [.. found];
    }

    /// <summary>The user has chosen a password of their own.</summary>
    public void PasswordChanged(string? userName) =>
        withPublishedPassword = [.. withPublishedPassword.Where(n => !string.Equals(n, userName, StringComparison.OrdinalIgnoreCase))];
}
