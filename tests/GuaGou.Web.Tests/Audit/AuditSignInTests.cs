using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Testing;
using GuaGou.Web.Tests.Households;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Audit;

/// <summary>Sign-in success, failure (with the name typed) and lockout each leave a row.</summary>
public sealed class AuditSignInTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task SignIn_Success_IsRecordedAsTheUserWithRoleRegionIpAndRequestId()
    {
        var user = await app.CreateUserAsync("audit-ok", Roles.CountyClerk, Places.County);
        using var client = app.CreateBrowserlikeClient();

        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("audit-ok", GuaGouAppFactory.Password)).StatusCode);

        var row = Assert.Single(await RowsAsync("audit-ok"));
        Assert.Equal((AuditActions.SignIn, "AppUser", user.Id.ToString()), (row.Action, row.EntityType, row.EntityId));
        AuditTrailTests.AssertActor(row, "audit-ok", user.Id, Roles.CountyClerk, Places.County);
    }

    [Fact]
    public async Task SignIn_Failure_RecordsTheNameTyped_AndTheAccountWhenItExists()
    {
        var user = await app.CreateUserAsync("audit-bad", Roles.TownshipClerk, Places.TownshipA);
        using var client = app.CreateBrowserlikeClient();

        await client.SignInAsync("audit-bad", "not-the-password-at-all");
        await client.SignInAsync("nobody-by-this-name", "whatever-password");

        var known = Assert.Single(await RowsAsync("audit-bad"));
        Assert.Equal((AuditActions.SignInFailed, user.Id.ToString()), (known.Action, known.EntityId));
        AuditTrailTests.AssertActor(known, "audit-bad", user.Id, Roles.TownshipClerk, Places.TownshipA);
        var unknown = Assert.Single(await RowsAsync("nobody-by-this-name"));
        Assert.Equal(AuditActions.SignInFailed, unknown.Action);
        Assert.Null(unknown.UserId);
        Assert.Null(unknown.RegionCode);
        Assert.NotNull(unknown.ClientIp);
        Assert.NotNull(unknown.RequestId);
        Assert.DoesNotContain("whatever-password", unknown.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FifthFailure_IsRecordedAsTheLockout()
    {
        await app.CreateUserAsync("audit-lock", Roles.CountyClerk, Places.County);
        using var client = app.CreateBrowserlikeClient();

        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("audit-lock", "not-the-password-at-all");
        }

        var rows = await RowsAsync("audit-lock");
        Assert.Equal([AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.LockedOut],
            rows.Select(r => r.Action));
    }

    /// <summary>The sign-in rows of a name (the interceptor's updates of the account, e.g. its failure count, are left out).</summary>
    private async Task<List<AuditEntry>> RowsAsync(string userName)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.AuditLog.Where(e => e.UserName == userName && e.EntityType == "AppUser" && e.Action.StartsWith("sign_in")
                || e.UserName == userName && e.Action == AuditActions.LockedOut)
            .OrderBy(e => e.Id).ToListAsync();
    }
}
