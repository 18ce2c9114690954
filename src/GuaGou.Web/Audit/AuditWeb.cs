using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Identity;
using GuaGou.Web.Account;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace GuaGou.Web.Audit;

/// <summary>The web app's part of the audit trail: who acts, and the events only the web layer sees.</summary>
public static class AuditWeb
{
    public static IServiceCollection AddGuaGouAudit(this IServiceCollection services)
    {
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddScoped<SignInAudit>();
        // Wraps whatever the cookie setup does on "forbidden" (WebSetup), so that refusal is recorded first.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var respond = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToAccessDenied = async context =>
            {
                await RecordForbiddenAsync(context.HttpContext);
                await respond(context);
            };
        });
        return services;
    }

    /// <summary>A refused request: a role that may not do this, or a record that does not exist or lies outside the user's scope.</summary>
    public static Task RecordRefusalAsync(HttpContext http, string reason, string message)
    {
        var target = $"{http.Request.Method} {http.Request.Path}";
        return http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(AuditActions.AccessDenied, "Request", target,
            after: new { Reason = reason, Message = message, Path = http.Request.Path.Value + http.Request.QueryString.Value },
            ct: CancellationToken.None);
    }

    /// <summary>The cookie handler's "forbidden" (a page's [Authorize(Roles = …)] refused the signed-in user).</summary>
    public static Task RecordForbiddenAsync(HttpContext http) =>
        RecordRefusalAsync(http, "forbidden", "当前角色无权访问该页面。");
}

/// <summary>
/// Sign-in attempts: success, failure and lockout. On failure the name that was typed is recorded as the user name (and
/// the account, if one has that name), so an administrator can search the attempts against an account.
/// </summary>
public sealed class SignInAudit(AuditLog audit, SignInManager<AppUser> signIn)
{
    public async Task RecordAsync(string userName, SignInOutcome outcome)
    {
        var name = userName.Trim();
        var user = name.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(name);
        var actor = audit.Actor with { UserId = user?.Id, UserName = name, DisplayName = user?.DisplayName, RoleCode = null, RegionCode = null };
        if (user is not null && CurrentUserAccessor.From(await signIn.CreateUserPrincipalAsync(user)) is { } account)
        {
            actor = actor with { RoleCode = account.RoleCode, RegionCode = account.Region.Value };
        }

        var action = outcome switch
        {
            SignInOutcome.Succeeded => AuditActions.SignIn,
            SignInOutcome.LockedOut => AuditActions.LockedOut,
            _ => AuditActions.SignInFailed,
        };
        await audit.RecordAsync(action, "AppUser", user?.Id.ToString(), after: new { UserName = name, Outcome = outcome.ToString() },
            actor: actor);
    }
}
