using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;

namespace GuaGou.Web.Tests.Account;

public sealed class SignInTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task ProtectedPage_WhenAnonymous_RedirectsToLoginWithReturnUrl()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2F", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_WhenAnonymous_RendersTheChineseForm()
    {
        using var client = app.CreateBrowserlikeClient();

        var page = await client.GetDocumentAsync("/account/login");

        Assert.Equal("登录 - 挂钩", page.Title);
        Assert.NotNull(page.QuerySelector("input[name='Input.UserName']"));
        Assert.NotNull(page.QuerySelector("input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task SignIn_WithCorrectPassword_RedirectsToReturnUrlAndHomeShowsTheUser()
    {
        await app.CreateUserAsync("clerk-ok", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync("clerk-ok", GuaGouAppFactory.Password, "/account/login?ReturnUrl=%2F");

        Assert.Equal("/", response.RedirectTarget());
        var home = await client.GetDocumentAsync("/");
        Assert.Equal("城乡建设用地增减挂钩管理系统", home.QuerySelector("main h1")!.TextContent);
        var user = home.QuerySelector("[data-testid='current-user']")!.TextContent;
        Assert.Contains("测试用户clerk-ok", user, StringComparison.Ordinal);
        Assert.Contains("县局经办人", user, StringComparison.Ordinal);
        Assert.Contains("阿鲁科尔沁旗", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_StaysOnLoginWithChineseMessageAndNoCookie()
    {
        await app.CreateUserAsync("clerk-wrong", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync("clerk-wrong", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("用户名或密码不正确。", page.QuerySelector(".alert-danger")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_ShowsPerFieldMessages()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync("", "");

        var page = await Html.ParseAsync(response);
        var messages = page.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("请输入用户名。", messages);
        Assert.Contains("请输入密码。", messages);
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%2F%2Fevil.example%2F")]
    [InlineData("%2F%5Cevil.example")]
    public async Task SignIn_WithReturnUrlToAnotherHost_GoesHomeInstead(string returnUrl)
    {
        var userName = $"clerk-{Guid.NewGuid():N}"[..20];
        await app.CreateUserAsync(userName, Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();

        var response = await client.SignInAsync(userName, GuaGouAppFactory.Password, $"/account/login?ReturnUrl={returnUrl}");

        Assert.Equal("/", response.RedirectTarget());
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_IsLockedOutEvenWithTheRightOne()
    {
        await app.CreateUserAsync("clerk-locked", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("clerk-locked", "wrong-password-" + i);
        }

        var response = await client.SignInAsync("clerk-locked", GuaGouAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("账户已锁定 15 分钟", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithToken_EndsTheSessionAndWithoutToken_IsRefused()
    {
        await app.CreateUserAsync("clerk-out", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("clerk-out", GuaGouAppFactory.Password);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector("form[action='/account/logout'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var logout = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UserWhoMustChangePassword_IsSentToChangePasswordUntilDone()
    {
        await app.CreateUserAsync("admin-first", Roles.SystemAdmin, "150421", mustChangePassword: true);
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("admin-first", GuaGouAppFactory.Password);

        var blocked = await client.GetAsync("/");
        Assert.Equal("/account/change-password", blocked.RedirectTarget());

        const string newPassword = "a long sentence nobody guesses";
        var mismatch = await client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = GuaGouAppFactory.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword + "x",
        });
        Assert.Contains("两次输入的新密码不一致。", (await Html.ParseAsync(mismatch)).QuerySelectorAll(".validation-message").Select(m => m.TextContent));

        var changed = await client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = GuaGouAppFactory.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal("/account/change-password?done=1", changed.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        using var fresh = app.CreateBrowserlikeClient();
        var again = await fresh.SignInAsync("admin-first", newPassword);
        Assert.Equal("/", again.RedirectTarget());
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrentPassword_ShowsChineseErrorAndKeepsTheOldPassword()
    {
        await app.CreateUserAsync("clerk-pw", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("clerk-pw", GuaGouAppFactory.Password);

        var response = await client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "definitely not it",
            ["Input.NewPassword"] = "another long passphrase",
            ["Input.ConfirmPassword"] = "another long passphrase",
        });

        Assert.Contains("当前密码不正确。", (await Html.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        using var fresh = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync("clerk-pw", GuaGouAppFactory.Password)).StatusCode);
    }
}
