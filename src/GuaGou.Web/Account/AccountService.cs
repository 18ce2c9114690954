using System.Security.Claims;
using GuaGou.Infrastructure.Identity;
using GuaGou.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace GuaGou.Web.Account;

public enum SignInOutcome { Succeeded, Failed, LockedOut, NotAllowed }

/// <summary>Sign-in, sign-out and password changes for the account pages.</summary>
public sealed class AccountService(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager, SignInAudit audit,
    DemoAccounts demo)
{
    public const string LockedOutMessage = "连续输错密码次数过多，账户已锁定 15 分钟，请稍后再试或联系系统管理员。";

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        await RequireNewPasswordIfPublishedAsync(userName.Trim(), password);
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

    /// <summary>
    /// Outside the demo run, the published demo password is never one to keep: an account signing in with it must
    /// choose a new one first. Checked before the sign-in so the cookie already carries the flag; the hash is verified
    /// directly, so a wrong password sets nothing. A new stamp, because the session principal is cached per stamp.
    /// </summary>
    private async Task RequireNewPasswordIfPublishedAsync(string userName, string password)
    {
        if (demo.DemoMode || !DemoAccounts.IsPublishedPassword(password)
            || await userManager.FindByNameAsync(userName) is not { MustChangePassword: false, PasswordHash: { } hash } user
            || userManager.PasswordHasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed)
        {
            return;
        }

        user.MustChangePassword = true;
        await userManager.UpdateSecurityStampAsync(user); // also saves the flag
    }

    /// <summary>
    /// Changes the password, clears "must change password", and renews the cookie (new security stamp). A wrong current
    /// password counts towards the lockout like a wrong password at sign-in (whoever holds an open session cannot guess
    /// the password there without limit); the fifth locks the account and ends the session.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return ["登录状态已失效，请重新登录。"];
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            await signInManager.SignOutAsync();
            return [LockedOutMessage];
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return ["新密码不能与当前密码相同。"];
        }

        if (DemoAccounts.IsPublishedPassword(newPassword))
        {
            return ["不能使用公开的演示密码，请设置您自己的密码。"];
        }

        if (!await userManager.CheckPasswordAsync(user, currentPassword))
        {
            await userManager.AccessFailedAsync(user);
            if (await userManager.IsLockedOutAsync(user))
            {
                await signInManager.SignOutAsync();
                return [LockedOutMessage];
            }

            return ["当前密码不正确。"];
        }

        await userManager.ResetAccessFailedCountAsync(user);

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

        demo.PasswordChanged(user.UserName);
        await signInManager.RefreshSignInAsync(user);
        return [];
    }
}
