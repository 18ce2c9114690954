using System.Security.Claims;
using GuaGou.Infrastructure.Identity;
using GuaGou.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace GuaGou.Web.Account;

public enum SignInOutcome { Succeeded, Failed, LockedOut, NotAllowed }

/// <summary>Sign-in, sign-out and password changes for the account pages.</summary>
public sealed class AccountService(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager, SignInAudit audit)
{
    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var result = await signInManager.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } => SignInOutcome.Succeeded,
            { IsLockedOut: true } => SignInOutcome.LockedOut,
            { IsNotAllowed: true } => SignInOutcome.NotAllowed,
            _ => SignInOutcome.Failed,
        };
        await audit.RecordAsync(userName, outcome);
        return outcome;
    }

    /// <summary>
    /// Signs out and gives the user a new security stamp: a copy of the old cookie is refused from the next request on
    /// (the stamp is checked on every request). This ends the user's sessions in other browsers too.
    /// </summary>
    public async Task SignOutAsync()
    {
        if (await userManager.GetUserAsync(signInManager.Context.User) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
    }

    /// <summary>Changes the password, clears "must change password", and renews the cookie (new security stamp).</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return ["登录状态已失效，请重新登录。"];
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return ["新密码不能与当前密码相同。"];
        }

        var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await userManager.UpdateAsync(user);
        }

        await signInManager.RefreshSignInAsync(user);
        return [];
    }
}
