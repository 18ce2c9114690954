using System.Buffers.Binary;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Identity;
using GuaGou.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Tests.Account;

/// <summary>Which passwords are accepted, and how they are stored.</summary>
public sealed class PasswordPolicyTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Theory]
    [InlineData("123456789012")]
    [InlineData("1234567890123456")]
    [InlineData("098765432109")]
    [InlineData("000000000000")]
    [InlineData("qwertyuiop12")]
    [InlineData("QWERTYUIOP!@")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("woaini1314520")]
    [InlineData("woaini5201314")]
    [InlineData("Woaini1314!!")]
    [InlineData("iloveyou1314")]
    [InlineData("password1234")]
    [InlineData("Password-2026")]
    [InlineData("p@ssw0rd12345")]
    [InlineData("admin1234567")]
    [InlineData("abcdefghijkl")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("147258369147")]
    [InlineData("zhongguo1949")]
    public void CommonPasswords_AreRefused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password, "somebody"), password);

    [Theory]
    [InlineData("wang-jingban", "wang-jingban")]
    [InlineData("Wang-Jingban", "wang-jingban")]
    [InlineData("wang-jingban2026", "wang-jingban")]
    [InlineData("wang-jingban123!", "wang-jingban")]
    public void TheUserNameWithLittleAdded_IsRefused(string password, string userName) =>
        Assert.True(CommonPasswordValidator.IsCommon(password, userName), password);

    [Theory]
    [InlineData("correct-horse-battery-staple")]
    [InlineData("GuaGou-Demo-2026")]
    [InlineData("a long sentence nobody guesses")]
    [InlineData("我家门前有两棵枣树一棵是枣树")]
    [InlineData("738201946573")]
    [InlineData("woaini-the-tall-poplar-by-the-river")]
    [InlineData("tianshan zhen 2026 huanxin")]
    public void UncommonPasswords_AreAccepted(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password, "wang-jingban"), password);

    [Fact]
    public async Task ChangePassword_ToACommonOne_ShowsTheChineseReasonAndKeepsTheOldPassword()
    {
        await app.CreateUserAsync("pw-common", Roles.CountyClerk, "150421");
        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pw-common", GuaGouAppFactory.Password);

        var response = await client.SubmitFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = GuaGouAppFactory.Password,
            ["Input.NewPassword"] = "woaini1314520",
            ["Input.ConfirmPassword"] = "woaini1314520",
        });

        Assert.Contains("密码过于常见或容易被猜到", (await Html.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        using var fresh = app.CreateBrowserlikeClient();
        Assert.Equal("/", (await fresh.SignInAsync("pw-common", GuaGouAppFactory.Password)).RedirectTarget());
    }

    [Fact]
    public async Task CreatingAnAccount_WithTheUserNameAsPassword_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            users.AddAsync(new NewUser("zhang-san-2026", "张三", "zhang-san-2026", Roles.CountyClerk, "150421", MustChangePassword: true)));

        Assert.Contains("密码过于常见或容易被猜到", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewPasswords_AreHashedWith210000Iterations()
    {
        var user = await app.CreateUserAsync("pw-iter", Roles.CountyClerk, "150421");

        Assert.Equal(210_000, IterationsOf(await StoredHashAsync(user.Id)));
    }

    [Fact]
    public async Task AnOldHashWith100000Iterations_StillSignsIn_AndIsRehashedWith210000()
    {
        var user = await app.CreateUserAsync("pw-old", Roles.CountyClerk, "150421");
        var oldHasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var oldHash = oldHasher.HashPassword(user, GuaGouAppFactory.Password);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, oldHash));
        }

        Assert.Equal(100_000, IterationsOf(oldHash));
        using var client = app.CreateBrowserlikeClient();
        Assert.Equal("/", (await client.SignInAsync("pw-old", GuaGouAppFactory.Password)).RedirectTarget());

        var rehashed = await StoredHashAsync(user.Id);
        Assert.NotEqual(oldHash, rehashed);
        Assert.Equal(210_000, IterationsOf(rehashed));
        using var again = app.CreateBrowserlikeClient();
        Assert.Equal("/", (await again.SignInAsync("pw-old", GuaGouAppFactory.Password)).RedirectTarget());
    }

    [Fact]
    public async Task AWrongPassword_DoesNotRehash()
    {
        var user = await app.CreateUserAsync("pw-old-wrong", Roles.CountyClerk, "150421");
        var oldHash = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(user, GuaGouAppFactory.Password);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, oldHash));
        }

        using var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pw-old-wrong", "not the password at all");

        Assert.Equal(oldHash, await StoredHashAsync(user.Id));
    }

    private async Task<string> StoredHashAsync(Guid userId)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash!).SingleAsync();
    }

    /// <summary>Identity's v3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
