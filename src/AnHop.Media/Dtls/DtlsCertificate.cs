using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace AnHop.Media.Dtls;

/// <summary>
/// A self-signed ECDSA P-256 certificate for DTLS-SRTP. WebRTC authenticates it only by the SDP
/// fingerprint (RFC 5763 §5), so the subject and validity carry no meaning beyond being well formed.
/// P-256 with SHA256withECDSA is what Chromium's own certificates use and what every browser accepts.
/// </summary>
public sealed class DtlsCertificate
{
    private readonly byte[] _certificateDer;

    private DtlsCertificate(ECPrivateKeyParameters privateKey, X509Certificate certificate)
    {
        PrivateKey = privateKey;
        Certificate = certificate;
        _certificateDer = certificate.GetEncoded();
        Fingerprint = DtlsFingerprint.FromCertificate(_certificateDer);
    }

    /// <summary>SHA-256 of the DER certificate, for <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    public DateTime NotAfterUtc => Certificate.NotAfter.ToUniversalTime();

    internal ECPrivateKeyParameters PrivateKey { get; }

    internal X509Certificate Certificate { get; }

    internal ReadOnlySpan<byte> CertificateDer => _certificateDer;

    /// <summary>Generates a fresh key pair and certificate (a few milliseconds).</summary>
    public static DtlsCertificate Generate(string commonName = "AnHop", TimeSpan? validity = null)
    {
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keyPair = keyGenerator.GenerateKeyPair();

        var name = new X509Name("CN=" + commonName);
        var now = DateTime.UtcNow;
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(64, random).Add(BigInteger.One));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        // Back-dated a day so that peers with a slow clock do not see a not-yet-valid certificate.
        generator.SetNotBefore(now.AddDays(-1));
        generator.SetNotAfter(now + (validity ?? TimeSpan.FromDays(365)));
        generator.SetPublicKey(keyPair.Public);
        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private, random));
        return new DtlsCertificate((ECPrivateKeyParameters)keyPair.Private, certificate);
    }

    /// <summary>The certificate as DER, for saving.</summary>
    public byte[] ExportCertificateDer() => (byte[])_certificateDer.Clone();

    /// <summary>The private key as PKCS#8 DER (unencrypted: store it with owner-only permissions).</summary>
    public byte[] ExportPrivateKeyPkcs8() => PrivateKeyInfoFactory.CreatePrivateKeyInfo(PrivateKey).GetEncoded();

    /// <summary>Loads what <see cref="ExportCertificateDer"/> and <see cref="ExportPrivateKeyPkcs8"/> wrote.</summary>
    /// <exception cref="ArgumentException">The bytes are not a P-256 key and the certificate of that key.</exception>
    public static DtlsCertificate Load(ReadOnlySpan<byte> certificateDer, ReadOnlySpan<byte> privateKeyPkcs8)
    {
        X509Certificate certificate;
        AsymmetricKeyParameter key;
        try
        {
            certificate = new X509Certificate(certificateDer.ToArray());
            key = PrivateKeyFactory.CreateKey(privateKeyPkcs8.ToArray());
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or CertificateException or SecurityUtilityException)
        {
            throw new ArgumentException("not a DER certificate and PKCS#8 private key", ex);
        }

        if (key is not ECPrivateKeyParameters privateKey || certificate.GetPublicKey() is not ECPublicKeyParameters publicKey
            || privateKey.Parameters.Curve.FieldSize != 256)
        {
            throw new ArgumentException("the DTLS certificate must be ECDSA P-256");
        }

        var derivedPublic = privateKey.Parameters.G.Multiply(privateKey.D).Normalize();
        if (!derivedPublic.Equals(publicKey.Q.Normalize()))
        {
            throw new ArgumentException("the private key does not belong to the certificate");
        }

        return new DtlsCertificate(privateKey, certificate);
    }
}
