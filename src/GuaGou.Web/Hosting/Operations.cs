using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Web.Account;
using GuaGou.Web.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Serilog.Context;

namespace GuaGou.Web.Hosting;

/// <summary>
/// How an interactive page calls the application: each call gets its own service scope — so its own DbContext, never
/// one that lives as long as the circuit — with the signed-in user as <see cref="CurrentUser"/> and, for the audit
/// trail and the log, that user's actor with the client address and "&lt;circuit id&gt;/&lt;n&gt;" as its request id.
/// While a page is prerendered (plain HTTP, no circuit yet) the request's own actor and id are used.
/// </summary>
public sealed class Operations(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitSession circuit,
    IHttpContextAccessor http)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, CurrentUser, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        var user = CurrentUserAccessor.Require(principal);
        var actor = circuit.Id is null && http.HttpContext is { } request
            ? HttpAuditContext.ActorOf(request)
            : HttpAuditContext.ActorOf(principal, circuit.ClientIp, circuit.NextOperationId());
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OperationActor>().Actor = actor;
        using var _ = LogContext.PushProperty("RequestId", actor.RequestId);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>(), user);
    }

    public Task RunAsync<TService>(Func<TService, CurrentUser, Task> operation) where TService : notnull =>
        RunAsync<TService, bool>(async (service, user) =>
        {
            await operation(service, user);
            return true;
        });
}

/// <summary>The actor of one operation of a circuit, set by <see cref="Operations"/> in the operation's own scope.</summary>
public sealed class OperationActor
{
    public AuditActor? Actor { get; set; }
}
