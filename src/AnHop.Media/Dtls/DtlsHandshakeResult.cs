using AnHop.Media.Srtp;

namespace AnHop.Media.Dtls;

/// <summary>What a completed DTLS-SRTP handshake established.</summary>
/// <param name="Profile">The SRTP protection profile chosen through use_srtp (RFC 5764 §4.1.2).</param>
/// <param name="Keys">The SRTP master keys and salts, already split into this side's and the peer's.</param>
/// <param name="PeerFingerprint">SHA-256 of the peer's certificate; it matched the expected fingerprint.</param>
/// <param name="CipherSuite">The TLS cipher suite number, e.g. 0xC02B for ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.</param>
/// <param name="IsDtlsClient">Which DTLS role this side played (setup:active is client, setup:passive is server).</param>
public sealed record DtlsHandshakeResult(
    SrtpProfile Profile,
    SrtpKeyingMaterial Keys,
    DtlsFingerprint PeerFingerprint,
    int CipherSuite,
    bool IsDtlsClient);
