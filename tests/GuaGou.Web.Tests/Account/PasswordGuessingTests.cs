using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Infrastructure.Identity;
using GuaGou.Testing;
using GuaGou.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Account;

/// <summary>Guessing a password through the change-password form is as limited as at sign-in; rate limits answer 429.</summary>
public sealed class PasswordGuessingTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task FiveWrongCurrentPasswords_OnChangePassword_LockTheAccountAndEndTheSession()
    {
        var userName = await NewUserAsync();
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await Html.ParseAsync(await ChangeAsync(client, "not-my-password-" + i));
            Assert.Contains("当前密码不正确", wrong.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(i, (await FindUserAsync(userName)).AccessFailedCount);
        }

        var fifth = await Html.ParseAsync(await ChangeAsync(client, "not-my-password-5"));

        Assert.Contains("账户已锁定 15 分钟", fifth.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.True((await FindUserAsync(userName)).LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.StartsWith("/account/login", (await client.GetAsync("/")).RedirectTarget(), StringComparison.Ordinal);
        using var other = app.CreateBrowserlikeClient();
        var signIn = await Html.ParseAsync(await other.SignInAsync(userName, GuaGouAppFactory.Password));
        Assert.Contains("账户已锁定", signIn.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectCurrentPassword_ClearsTheCountOfWrongOnes()
    {
        var userName = await NewUserAsync();
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        await ChangeAsync(client, "not-my-password");
        Assert.Equal(1, (await FindUserAsync(userName)).AccessFailedCount);

        var changed = await ChangeAsync(client, GuaGouAppFactory.Password, "a brand new long passphrase");

        Assert.Equal("/account/change-password?done=1", changed.RedirectTarget());
        Assert.Equal(0, (await FindUserAsync(userName)).AccessFailedCount);
    }

    [Fact]
    public async Task MoreThanTenChangePasswordPostsAMinuteFromOneAddress_Get429()
    {
        var userName = await NewUserAsync();
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        for (var i = 0; i < SignInRateLimit.PermitsPerMinute; i++)
        {
            // The same wrong-new-password mismatch each time: refused by validation, counts towards the limit only.
            Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(client, GuaGouAppFactory.Password, "one long new passphrase", "another")).StatusCode);
        }

        var refused = await ChangeAsync(client, GuaGouAppFactory.Password, "one long new passphrase", "another");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("操作过于频繁", (await Html.ParseAsync(refused)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task RateLimitedSignIn_WithoutAFormToken_Is429Too()
    {
        using var guesser = app.CreateBrowserlikeClient(IPAddress.Parse("192.0.2.50"));
        HttpResponseMessage last = null!;
        for (var i = 0; i <= SignInRateLimit.PermitsPerMinute; i++)
        {
            last = await guesser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["Input.UserName"] = "admin", ["Input.Password"] = "guess-" + i,
            }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("操作过于频繁", (await Html.ParseAsync(last)).QuerySelector("h1")!.TextContent);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next = "some long new passphrase",
        string? confirm = null) =>
        client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm ?? next,
        });

    private async Task<string> NewUserAsync()
    {
        var userName = $"g{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(userName, Roles.CountyClerk, "150421");
        return userName;
    }

    private async Task<AppUser> FindUserAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }
}
