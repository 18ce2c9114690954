using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;

namespace GuaGou.Web.Hosting;

/// <summary>
/// The data-protection keys sign and encrypt the sign-in cookie and the form tokens; whoever reads one can mint a
/// cookie. Where keys are kept on disk (an installation with <c>GuaGou:DataDirectory</c>) they are stored encrypted
/// with a certificate that deploy/run.sh creates outside the data and upload directories (mode 0600), and the app
/// refuses to start without it. A key file found unencrypted (written before this) is removed at startup: it may
/// have been read, so the cookies and tokens it made must stop working. Without a data directory (tests, a bare
/// <c>dotnet run</c>) keys live in memory only and a restart signs everyone out.
/// </summary>
public sealed class KeyProtection
{
    public const string CertificateSetting = "GuaGou:DataProtection:Certificate";
    public const string CertificatePasswordSetting = "GuaGou:DataProtection:CertificatePassword";

    private KeyProtection(IReadOnlyList<string> removedPlaintextKeys) => RemovedPlaintextKeys = removedPlaintextKeys;

    /// <summary>Unencrypted key files that were deleted at this startup (logged by <see cref="StartupWarnings"/>).</summary>
    public IReadOnlyList<string> RemovedPlaintextKeys { get; }

    public static void AddGuaGouDataProtection(IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("GuaGou");
        if (configuration["GuaGou:DataDirectory"] is not { Length: > 0 } dataDirectory)
        {
            // Not the framework's default (unencrypted files under $HOME), which would outlive the process.
            builder.UseEphemeralDataProtectionProvider();
            services.AddSingleton(new KeyProtection([]));
            return;
        }

        var certificate = LoadCertificate(configuration);
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        keys.Create();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddSingleton(new KeyProtection(RemovePlaintextKeys(keys)));
        builder.PersistKeysToFileSystem(keys)
            .ProtectKeysWithCertificate(certificate)
            // Decrypt with this certificate itself: on Linux there is no machine store the framework would look in.
            .UnprotectKeysWithAnyCertificate(certificate);
    }

    private static X509Certificate2 LoadCertificate(IConfiguration configuration)
    {
        if (configuration[CertificateSetting] is not { Length: > 0 } path)
        {
            throw new InvalidOperationException(
                $"Data-protection keys are kept in GuaGou:DataDirectory, so they must be encrypted: set {CertificateSetting} to a PKCS#12 file " +
                "with a private key (deploy/run.sh creates one), kept outside the data and upload directories with mode 0600.");
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificateSetting}: the file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"{CertificateSetting}: {path} may be read by other users; chmod 600 it.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting],
            X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{CertificateSetting}: {path} holds no private key.");
    }

    /// <summary>A key file with a plain <c>masterKey</c> element (no <c>encryptedSecret</c>) was written unencrypted.</summary>
    private static List<string> RemovePlaintextKeys(DirectoryInfo keys)
    {
        var removed = new List<string>();
        foreach (var file in keys.EnumerateFiles("key-*.xml"))
        {
            bool plaintext;
            try
            {
                plaintext = XDocument.Load(file.FullName).Descendants("masterKey").Any();
            }
            catch (System.Xml.XmlException)
            {
                plaintext = false; // not a key the framework could read either; left for the operator to look at
            }

            if (plaintext)
            {
                file.Delete();
                removed.Add(file.Name);
            }
        }

        return removed;
    }
}
