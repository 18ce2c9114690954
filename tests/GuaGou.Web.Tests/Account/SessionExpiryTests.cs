using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Account;

/// <summary>The app with a clock the test can move forward.</summary>
public sealed class ClockedAppFactory : GuaGouAppFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class MovableClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>A session ends after 30 idle minutes, and 8 hours after sign-in however busy the user is.</summary>
public sealed class SessionExpiryTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    [Fact]
    public async Task ThirtyMinutesWithoutARequest_EndTheSession()
    {
        await app.CreateUserAsync("idle-user", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("idle-user", GuaGouAppFactory.Password);

        app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(25)); // 50 minutes after sign-in, 25 after the last request
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.StartsWith("/account/login", (await client.GetAsync("/")).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeepAliveOfAnInteractivePage_RenewsTheCookie_SoWorkInsideACircuitDoesNotSignTheUserOut()
    {
        await app.CreateUserAsync("circuit-user", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("circuit-user", GuaGouAppFactory.Password);

        app.Clock.Advance(TimeSpan.FromMinutes(20)); // working in a circuit: no page requests
        var ping = await client.GetAsync(GuaGou.Web.Account.AccountEndpoints.KeepAlivePath);
        Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
        Assert.NotNull(Sessions.SetCookieHeader(ping)); // renewed (more than half of the 30 minutes had passed)
        app.Clock.Advance(TimeSpan.FromMinutes(25)); // 45 minutes after sign-in, 25 after the ping

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task EightHoursAfterSignIn_TheSessionEndsEvenIfTheUserKeptWorking()
    {
        await app.CreateUserAsync("busy-user", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("busy-user", GuaGouAppFactory.Password);

        for (var request = 1; request <= 23; request++) // a request every 20 minutes, the last 7 h 40 min after sign-in
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(25)); // 8 h 5 min after sign-in, but only 25 idle minutes

        Assert.StartsWith("/account/login", (await client.GetAsync("/")).RedirectTarget(), StringComparison.Ordinal);
        var again = await client.SignInAsync("busy-user", GuaGouAppFactory.Password);
        Assert.Equal("/", again.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
