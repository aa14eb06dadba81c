using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Service.Hosting;

namespace Appliance.Service.Web;

/// <summary>
/// The box's HTTPS certificate: self-signed ECDSA P-256, made on first start and kept in the data
/// folder as a password-less PFX readable only by the service user (0600), then reused. Its
/// subject alternative names are the hostname, localhost and the addresses the box had then.
/// </summary>
internal sealed class TlsCertificate(ApplianceOptions options, TimeProvider time, ILogger<TlsCertificate> logger)
{
    public const string FileName = "https-certificate.pfx";
    public static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;

    public string FilePath => Path.Combine(Path.GetFullPath(options.Data), FileName);

    /// <summary>The certificate, loaded or made at the first HTTPS endpoint Kestrel binds.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            lock (_gate)
            {
                return _certificate ??= LoadOrCreate();
            }
        }
    }

    private X509Certificate2 LoadOrCreate()
    {
        if (File.Exists(FilePath))
        {
            try
            {
                var stored = X509CertificateLoader.LoadPkcs12FromFile(FilePath, password: null);
                if (stored.HasPrivateKey && stored.NotAfter > time.GetUtcNow().UtcDateTime)
                {
                    logger.LogInformation("HTTPS certificate {Thumbprint} loaded from {Path}, valid until {NotAfter:yyyy-MM-dd}", stored.Thumbprint, FilePath, stored.NotAfter);
                    return stored;
                }
                stored.Dispose();
                logger.LogWarning("The HTTPS certificate in {Path} has expired or has no key; making a new one", FilePath);
            }
            catch (CryptographicException e)
            {
                logger.LogWarning("The HTTPS certificate in {Path} cannot be read ({Reason}); making a new one", FilePath, e.Message);
            }
        }
        var made = Create();
        Save(made.Export(X509ContentType.Pkcs12));
        logger.LogInformation("Made a self-signed HTTPS certificate {Thumbprint} for {Host}, saved in {Path}", made.Thumbprint, Dns.GetHostName(), FilePath);
        // Reloaded from the PFX bytes so Kestrel gets the same persisted key it will find next start.
        return X509CertificateLoader.LoadPkcs12FromFile(FilePath, password: null);
    }

    private X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var host = Dns.GetHostName();
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + host), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddDnsName("localhost");
        foreach (var address in Addresses())
        {
            names.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // Back-dated a day so a box whose clock is slightly behind the browser's still works.
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now + Validity);
    }

    /// <summary>Loopback plus every unicast address of the interfaces that are up (link-local IPv6 has no use in a URL).</summary>
    private static List<IPAddress> Addresses()
    {
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up)
                {
                    continue;
                }
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    if (!address.IsIPv6LinkLocal && !addresses.Contains(address))
                    {
                        addresses.Add(address);
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No interface list (a sandbox): loopback and the hostname still cover the page.
        }
        return addresses;
    }

    /// <summary>Written to a 0600 temp file then renamed, so the key is never readable by others nor half-written.</summary>
    private void Save(byte[] pfx)
    {
        // Kestrel may ask before anything else has made the data folder.
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        File.Delete(temporary);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, fileOptions))
        {
            file.Write(pfx);
        }
        File.Move(temporary, FilePath, overwrite: true);
        CryptographicOperations.ZeroMemory(pfx);
    }
}
