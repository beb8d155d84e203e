using AnHop.Media.Srtp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace AnHop.Media.Dtls;

/// <summary>
/// AnHop as DTLS 1.2 server (SDP <c>a=setup:passive</c>, RFC 5763 §5) for one DTLS-SRTP association, run by
/// <see cref="DtlsServerProtocol"/>. Each override below is one that Chromium 156 needs (../shared/DTLS.md §4).
/// One instance serves one connection.
/// </summary>
public sealed class DtlsServer : DefaultTlsServer
{
    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedClientFingerprint;
    private readonly DtlsSessionOptions _options;
    private SrtpProfile _profile;
    private DtlsFingerprint? _clientFingerprint;

    public DtlsServer(DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint, DtlsSessionOptions? options = null)
        : base(new BcTlsCrypto(new SecureRandom()))
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(expectedClientFingerprint);
        _certificate = certificate;
        _expectedClientFingerprint = expectedClientFingerprint;
        _options = options ?? DtlsSessionOptions.Default;
        _options.Validate();
        Status = new DtlsPeerStatus(_options.AlertLogger);
    }

    /// <summary>Set once the handshake completed.</summary>
    public DtlsHandshakeResult? Result => Status.Result;

    internal DtlsPeerStatus Status { get; }

    public override int GetHandshakeTimeoutMillis() => _options.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => _options.InitialRetransmissionMillis;

    /// <summary>RFC 6347 §4.1.2.7: invalid records SHOULD be discarded silently rather than end the association.</summary>
    public override bool IgnoreCorruptDtlsRecords => true;

    /// <summary>DTLS 1.2 only: BC's default list is TLS, and its DTLS server cannot negotiate 1.3.</summary>
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsCipherSuites.Supported(Crypto);

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        DtlsCredentials.CreateSigner(m_context, (BcTlsCrypto)Crypto, _certificate);

    /*
     * RFC 5764 §4.1.1: the client lists its SRTP protection profiles; the server selects one and returns exactly
     * that one in its own use_srtp extension. A client that offers none cannot do DTLS-SRTP, so it is refused.
     *
     *   SRTPProtectionProfile SRTPProtectionProfiles<2..2^16-1>;
     *   struct { SRTPProtectionProfiles SRTPProtectionProfiles; opaque srtp_mki<0..255>; } UseSRTPData;
     */
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)
            ?? throw Status.Refuse(AlertDescription.handshake_failure, "the client offered no use_srtp extension (RFC 5764 §4.1.1)");
        _profile = DtlsSrtpNegotiation.Choose(_options.SrtpProfiles, offered.ProtectionProfiles);
        if (_profile == SrtpProfile.Unknown)
        {
            throw Status.Refuse(AlertDescription.handshake_failure,
                $"no common SRTP profile: the client offered [{string.Join(", ", offered.ProtectionProfiles.Select(p => $"0x{p:X4}"))}]");
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        // We use no MKI, so the server's srtp_mki is empty (RFC 5764 §4.1.1).
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    /// <summary>
    /// Asks for the client's certificate: without a CertificateRequest Chromium sends none, and nothing would tie
    /// the DTLS peer to the SDP fingerprint (RFC 5763 §5, ../shared/DTLS.md §2).
    /// </summary>
    public override CertificateRequest GetCertificateRequest() => new(
        [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
        TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context),
        null);

    /// <summary>RFC 5763 §5: the certificate must hash to the fingerprint the client signalled in SDP.</summary>
    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        var der = DtlsCredentials.EndEntityDer(clientCertificate)
            ?? throw Status.Refuse(AlertDescription.handshake_failure, "the client sent no certificate");
        if (!_expectedClientFingerprint.Matches(der))
        {
            throw Status.Refuse(AlertDescription.bad_certificate,
                "the client certificate does not match the fingerprint signalled in SDP");
        }

        _clientFingerprint = DtlsFingerprint.FromCertificate(der);
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var fingerprint = _clientFingerprint
            ?? throw Status.Refuse(AlertDescription.handshake_failure, "the client did not authenticate with a certificate");
        var keys = DtlsSrtpNegotiation.ExportKeys(m_context, _profile, isDtlsClient: false);
        Status.Result = new DtlsHandshakeResult(_profile, keys, fingerprint, m_context.SecurityParameters.CipherSuite, IsDtlsClient: false);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        Status.OnAlertRaised(alertLevel, alertDescription, message, cause);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        Status.OnAlertReceived(alertLevel, alertDescription);
}
