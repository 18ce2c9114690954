using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace GuaGou.Web.Account;

/// <summary>
/// At most <see cref="PermitsPerMinute"/> password attempts per client IP address and minute — POSTs to the sign-in
/// page, and separately to the change-password page (whose wrong current passwords also count towards the lockout) —
/// more answer 429 with the Chinese status page, with or without a valid form token. Together with the per-account
/// lockout this slows password guessing across many accounts. Behind a reverse proxy the proxy must pass the client address (forwarded headers), or all
/// users share one budget.
/// </summary>
public static class SignInRateLimit
{
    public const int PermitsPerMinute = 10;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PasswordForm(context) is { } form
                    ? RateLimitPartition.GetSlidingWindowLimiter(
                        form + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new SlidingWindowRateLimiterOptions
                        {
                            PermitLimit = PermitsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            SegmentsPerWindow = 6,
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter =
                    ((int)(context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait.TotalSeconds : 60)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask; // the empty 429 gets the Chinese status page ("操作过于频繁")
            };
        });

    private static string? PasswordForm(HttpContext context) =>
        !HttpMethods.IsPost(context.Request.Method) ? null
        : context.Request.Path.StartsWithSegments(AccountEndpoints.LoginPath) ? "login"
        : context.Request.Path.StartsWithSegments(AccountEndpoints.ChangePasswordPath) ? "change-password"
        : null;
}
