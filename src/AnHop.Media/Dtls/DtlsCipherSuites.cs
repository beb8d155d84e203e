using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace AnHop.Media.Dtls;

/// <summary>
/// The TLS cipher suites both roles offer: ECDHE with ECDSA only, because our only credential is an ECDSA
/// certificate; offering BC's default list made it pick ECDHE_RSA and fail (../shared/DTLS.md §1).
/// </summary>
internal static class DtlsCipherSuites
{
    private static readonly int[] Preferred =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>The preferred suites this crypto provider can run.</summary>
    public static int[] Supported(TlsCrypto crypto) => TlsUtilities.GetSupportedCipherSuites(crypto, Preferred);
}
