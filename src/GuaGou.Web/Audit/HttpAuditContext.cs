using GuaGou.Infrastructure.Audit;
using GuaGou.Web.Account;

namespace GuaGou.Web.Audit;

/// <summary>
/// The audit actor of a web request: the signed-in user (id, sign-in name, display name, role, region) or "anonymous",
/// with the client's IP address and the request id that the logs and the error page show. Outside a request (the
/// document sweeper) the system acts.
/// </summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    public AuditActor Actor => accessor.HttpContext is { } http ? ActorOf(http) : AuditActor.System;

    public static AuditActor ActorOf(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString();
        return CurrentUserAccessor.From(http.User) is { } user
            ? new AuditActor(user.Id, http.User.Identity?.Name ?? user.Name, user.Name, user.RoleCode, user.Region.Value, ip, http.TraceIdentifier)
            : AuditActor.Anonymous(ip, http.TraceIdentifier);
    }
}
