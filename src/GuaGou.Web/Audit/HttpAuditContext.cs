using GuaGou.Infrastructure.Audit;
using GuaGou.Web.Account;
using GuaGou.Web.Hosting;

namespace GuaGou.Web.Audit;

/// <summary>
/// The audit actor of a web request: the signed-in user (id, sign-in name, display name, role, region) or "anonymous",
/// with the client's IP address and the request id that the logs and the error page show. Outside a request (the
/// document sweeper) the system acts. An operation of an interactive page (<see cref="Operations"/>) brings its own
/// actor, which comes first: in a circuit the HttpContext is the connection's, not the user's current request.
/// </summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor, OperationActor operation) : IAuditContext
{
    public AuditActor Actor => operation.Actor ?? (accessor.HttpContext is { } http ? ActorOf(http) : AuditActor.System);

    public static AuditActor ActorOf(HttpContext http) =>
        ActorOf(http.User, http.Connection.RemoteIpAddress?.ToString(), http.TraceIdentifier);

    public static AuditActor ActorOf(System.Security.Claims.ClaimsPrincipal principal, string? clientIp, string? requestId) =>
        CurrentUserAccessor.From(principal) is { } user
            ? new AuditActor(user.Id, principal.Identity?.Name ?? user.Name, user.Name, user.RoleCode, user.Region.Value, clientIp, requestId)
            : AuditActor.Anonymous(clientIp, requestId);
}
