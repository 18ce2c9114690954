using System.Diagnostics;
using System.Net;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using GuaGou.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;

namespace GuaGou.Web.Tests.Account;

/// <summary>An installation with a data directory, as deploy/run.sh starts it: keys on disk, a certificate from deploy/.</summary>
public sealed class InstalledAppFactory(string dataDirectory, string? certificate, string? connectionString = null) : GuaGouAppFactory
{
    public override async Task InitializeAsync()
    {
        if (connectionString is null)
        {
            await base.InitializeAsync();
        }
        else
        {
            ConnectionString = connectionString;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuaGou:DataDirectory", dataDirectory);
        builder.UseSetting(KeyProtection.CertificateSetting, certificate ?? "");
    }
}

/// <summary>The keys that sign cookies are encrypted at rest with the certificate deploy/ creates (a Linux installation).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyProtectionTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("guagou-keys-").FullName;

    private string DataDirectory => Path.Combine(root, "data");

    private string KeyDirectory => Path.Combine(DataDirectory, "keys");

    [Fact]
    public async Task KeysOnDisk_HoldOnlyAnEncryptedSecret_AndSurviveARestart()
    {
        var certificate = await DeployCertificateAsync();
        string cookie, connectionString;
        await using (var first = new InstalledAppFactory(DataDirectory, certificate))
        {
            await first.InitializeAsync();
            connectionString = first.ConnectionString;
            await first.CreateUserAsync("keyed-clerk", Roles.CountyClerk, "150421");
            using var client = first.CreateBrowserlikeClient();
            cookie = Sessions.CookieValue(await client.SignInAsync("keyed-clerk", GuaGouAppFactory.Password));
        }

        var keys = Directory.GetFiles(KeyDirectory, "key-*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));

        // A restart decrypts the stored key with the certificate: the session goes on.
        await using var second = new InstalledAppFactory(DataDirectory, certificate, connectionString);
        await second.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await Sessions.GetWithCookieAsync(second, "/", cookie)).StatusCode);
    }

    [Fact]
    public async Task AnUnencryptedKeyFromBefore_IsRemovedAtStartup_AndItsCookiesNoLongerWork()
    {
        Directory.CreateDirectory(KeyDirectory);
        // What the app wrote before: the framework's default, a plain masterKey.
        var old = DataProtectionProvider.Create(new DirectoryInfo(KeyDirectory), b => b.SetApplicationName("GuaGou"));
        old.CreateProtector("probe").Protect("x");
        var plain = Assert.Single(Directory.GetFiles(KeyDirectory, "key-*.xml"));
        Assert.Contains("<masterKey", await File.ReadAllTextAsync(plain), StringComparison.Ordinal);

        await using var app = new InstalledAppFactory(DataDirectory, await DeployCertificateAsync());
        await app.InitializeAsync();
        using var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);

        Assert.False(File.Exists(plain));
        Assert.All(Directory.GetFiles(KeyDirectory, "key-*.xml"),
            key => Assert.Contains("<encryptedSecret", File.ReadAllText(key), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADataDirectoryWithoutACertificate_RefusesToStart()
    {
        await using var app = new InstalledAppFactory(DataDirectory, certificate: null);
        await app.InitializeAsync();

        var refused = Assert.Throws<InvalidOperationException>(() => app.Services);

        Assert.Contains(KeyProtection.CertificateSetting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACertificateOthersMayRead_RefusesToStart()
    {
        var certificate = await DeployCertificateAsync();
        File.SetUnixFileMode(certificate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        await using var app = new InstalledAppFactory(DataDirectory, certificate);
        await app.InitializeAsync();

        var refused = Assert.Throws<InvalidOperationException>(() => app.Services);

        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The certificate exactly as deploy/run.sh makes it (deploy/lib.sh, ensure_key_certificate).</summary>
    private async Task<string> DeployCertificateAsync()
    {
        var lib = Path.Combine(GuaGouAppFactory.RepositoryRoot(), "deploy", "lib.sh");
        var start = new ProcessStartInfo("bash", ["-c", "source \"$0\" && ensure_key_certificate \"$1\"", lib, Path.Combine(root, "secrets")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var path = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
