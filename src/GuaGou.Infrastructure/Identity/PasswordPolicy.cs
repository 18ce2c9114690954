using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Infrastructure.Identity;

/// <summary>How passwords are checked and stored, for the web app and the CLI alike.</summary>
public static class PasswordPolicy
{
    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations (OWASP 2023: 210 000). Identity's default is 100 000; a stored hash with fewer
    /// iterations still verifies and is rehashed with this count at the user's next successful sign-in.
    /// </summary>
    public const int HashIterations = 210_000;

    public static IdentityBuilder AddGuaGouPasswordPolicy(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = HashIterations;
        });
        return builder.AddPasswordValidator<CommonPasswordValidator>();
    }
}
