using AnHop.Media.Dtls;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace AnHop.Media.Tests.Dtls;

public class DtlsCertificateTests
{
    [Fact]
    public void Generated_certificate_is_self_signed_ECDSA_P256_and_fingerprinted_over_its_DER()
    {
        var certificate = DtlsTestPeers.ServerCertificate;
        var der = certificate.ExportCertificateDer();
        var parsed = new X509Certificate(der);

        parsed.Verify(parsed.GetPublicKey());
        Assert.Equal(X9ObjectIdentifiers.ECDsaWithSha256.Id, parsed.SigAlgOid);
        var key = Assert.IsType<ECPublicKeyParameters>(parsed.GetPublicKey());
        Assert.Equal(X9ObjectIdentifiers.Prime256v1, key.PublicKeyParamSet);
        Assert.True(certificate.Fingerprint.Matches(der));
        Assert.StartsWith("sha-256 ", certificate.Fingerprint.ToSdpValue(), StringComparison.Ordinal);
        Assert.True(certificate.NotAfterUtc > DateTime.UtcNow.AddDays(300));
    }

    [Fact]
    public void Saved_certificate_and_PKCS8_key_load_back_to_the_same_fingerprint()
    {
        var original = DtlsTestPeers.ServerCertificate;

        var loaded = DtlsCertificate.Load(original.ExportCertificateDer(), original.ExportPrivateKeyPkcs8());

        Assert.Equal(original.Fingerprint, loaded.Fingerprint);
        Assert.Equal(original.ExportPrivateKeyPkcs8(), loaded.ExportPrivateKeyPkcs8());
    }

    [Fact]
    public void Loading_a_key_that_does_not_belong_to_the_certificate_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DtlsCertificate.Load(
            DtlsTestPeers.ServerCertificate.ExportCertificateDer(), DtlsTestPeers.ClientCertificate.ExportPrivateKeyPkcs8()));

        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_garbage_is_refused_with_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => DtlsCertificate.Load([0x30, 0x03, 0x02, 0x01, 0x01], [0x01, 0x02]));
    }
}
