using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AnHop.Server.Hosting;

/// <summary>
/// The HTTPS certificate of a fresh installation: ECDSA P-256, self-signed, for localhost and this
/// machine's names and addresses, generated on first start and kept (mode 0600) in the data folder.
/// </summary>
public static class SelfSignedCertificate
{
    public const string FileName = "https-certificate.pfx";

    /// <summary>Loads the kept certificate, or makes and keeps a new one when it is missing or expires within 30 days.</summary>
    public static X509Certificate2 LoadOrCreate(string dataDirectory, IEnumerable<string> extraHosts, out bool created)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(30))
            {
                created = false;
                return existing;
            }

            existing.Dispose();
        }

        var hosts = DefaultHosts().Concat(extraHosts).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        using var generated = Create(hosts);
        var pfx = generated.Export(X509ContentType.Pkcs12);
        DataDirectory.WritePrivateFile(path, pfx);
        created = true;
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
    }

    public static X509Certificate2 Create(IReadOnlyCollection<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AnHop", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(397));
    }

    /// <summary>localhost, this machine's name and its unicast addresses, read locally (never from an outside service).</summary>
    private static IEnumerable<string> DefaultHosts()
    {
        yield return "localhost";
        yield return "127.0.0.1";
        yield return "::1";
        var hostName = Dns.GetHostName();
        if (!string.IsNullOrWhiteSpace(hostName))
        {
            yield return hostName;
        }

        foreach (var address in LocalAddresses.All())
        {
            yield return address.ToString();
        }
    }
}
