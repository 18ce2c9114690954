using System.Net;
using GuaGou.Testing;
using GuaGou.Web.Account;

namespace GuaGou.Web.Tests.Account;

public sealed class SignInRateLimitTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task MoreThanTenSignInAttemptsAMinuteFromOneAddress_Get429WithAChinesePage_OtherAddressesDoNot()
    {
        var address = IPAddress.Parse("192.0.2.10");
        using var guesser = app.CreateBrowserlikeClient(address);
        for (var i = 0; i < SignInRateLimit.PermitsPerMinute; i++)
        {
            var allowed = await guesser.SignInAsync($"nobody-{i}", "a-guessed-password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var refused = await guesser.SignInAsync("nobody-else", "a-guessed-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After");
        var page = await Html.ParseAsync(refused);
        Assert.Equal("操作过于频繁", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Body!.TextContent, StringComparison.Ordinal);

        // Reading the login page is not limited; another computer may still sign in.
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/account/login")).StatusCode);
        using var colleague = app.CreateBrowserlikeClient(IPAddress.Parse("192.0.2.11"));
        Assert.Equal(HttpStatusCode.OK, (await colleague.SignInAsync("nobody", "a-guessed-password")).StatusCode);
    }
}
