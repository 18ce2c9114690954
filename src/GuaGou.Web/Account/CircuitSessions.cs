using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GuaGou.Web.Account;

/// <summary>
/// What the server knows of one open circuit (one browser tab of an interactive page): its id for the logs and the
/// audit trail, the client's address when it connected, and when the user last did something — the 30-minute idle
/// limit of the cookie must also end a circuit that nobody touches, since circuit traffic renews no cookie.
/// </summary>
public sealed class CircuitSession(TimeProvider clock)
{
    private long lastActivityTicks = clock.GetUtcNow().UtcTicks;
    private int operations;

    /// <summary>Null while a page is prerendered over plain HTTP (no circuit yet).</summary>
    public string? Id { get; private set; }

    public string? ClientIp { get; private set; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref lastActivityTicks), TimeSpan.Zero);

    internal void Opened(string id, string? clientIp)
    {
        Id = id;
        ClientIp = clientIp;
        Touch();
    }

    internal void Touch() => Interlocked.Exchange(ref lastActivityTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>"&lt;circuit id&gt;/&lt;n&gt;": names one operation of this circuit in the log and the audit trail.</summary>
    public string NextOperationId() =>
        $"{Id}/{Interlocked.Increment(ref operations).ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Fills <see cref="CircuitSession"/>: its id when the circuit opens, the time of each message from the browser.</summary>
public sealed class CircuitSessionHandler(CircuitSession session, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The circuit's own connection: the only moment its HttpContext is the browser's.
        session.Opened(circuit.Id, http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            session.Touch();
            return next(context);
        };
}

/// <summary>
/// A circuit's user is checked again every <see cref="Interval"/>, as each HTTP request checks its cookie: the account
/// must still exist with the same security stamp, not be locked and not be made to change its password; the
/// circuit must have had activity within the idle timeout; and the sign-in must be less than 8 hours old. When any
/// fails the circuit's user becomes anonymous, and the page sends the browser to the sign-in page.
/// </summary>
public sealed class RevalidatingSessionStateProvider(
    ILoggerFactory loggers, IServiceScopeFactory scopes, CircuitSession circuit, TimeProvider clock, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>One minute; <c>GuaGou:Circuits:RevalidationSeconds</c> may shorten it (the browser tests do), never lengthen it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval { get; } =
        configuration.GetValue<int?>("GuaGou:Circuits:RevalidationSeconds") is > 0 and var seconds && TimeSpan.FromSeconds(seconds) < Interval
            ? TimeSpan.FromSeconds(seconds)
            : Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        if (now - circuit.LastActivity > SignInCookie.IdleTimeout
            || SignInCookie.SignedInAt(user) is not { } signedIn || now - signedIn > SignInCookie.AbsoluteLifetime)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var current = await scope.ServiceProvider.GetRequiredService<SessionPrincipals>().CurrentAsync(user);
        return current is not null && !current.HasClaim(Infrastructure.Identity.GuaGouClaims.MustChangePassword, "true");
    }
}
