using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace AnHop.Media.Dtls;

/// <summary>Turns a <see cref="DtlsCertificate"/> into the signer BC uses for ServerKeyExchange / CertificateVerify.</summary>
internal static class DtlsCredentials
{
    public static TlsCredentialedSigner CreateSigner(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate)
    {
        var chain = new Certificate([crypto.CreateCertificate(certificate.CertificateDer.ToArray())]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.PrivateKey, chain,
            new SignatureAndHashAlgorithm(Org.BouncyCastle.Tls.HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /// <summary>The peer's end-entity certificate, or null when it sent an empty chain.</summary>
    public static byte[]? EndEntityDer(Certificate? chain) =>
        chain is null || chain.IsEmpty ? null : chain.GetCertificateAt(0).GetEncoded();
}
