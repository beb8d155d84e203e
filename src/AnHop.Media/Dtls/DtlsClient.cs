using AnHop.Media.Srtp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace AnHop.Media.Dtls;

/// <summary>
/// A DTLS 1.2 client (SDP <c>a=setup:active</c>) for tests and the load generator: it offers use_srtp with
/// <see cref="DtlsSessionOptions.SrtpProfiles"/> in order, presents its own certificate and checks the server's
/// against the SDP fingerprint. One instance serves one connection.
/// </summary>
public sealed class DtlsClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedServerFingerprint;
    private readonly DtlsSessionOptions _options;
    private SrtpProfile _profile;
    private DtlsFingerprint? _serverFingerprint;

    public DtlsClient(DtlsCertificate certificate, DtlsFingerprint expectedServerFingerprint, DtlsSessionOptions? options = null)
        : base(new BcTlsCrypto(new SecureRandom()))
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(expectedServerFingerprint);
        _certificate = certificate;
        _expectedServerFingerprint = expectedServerFingerprint;
        _options = options ?? DtlsSessionOptions.Default;
        _options.Validate();
        Status = new DtlsPeerStatus(_options.AlertLogger);
    }

    /// <summary>Set once the handshake completed.</summary>
    public DtlsHandshakeResult? Result => Status.Result;

    internal DtlsPeerStatus Status { get; }

    public override int GetHandshakeTimeoutMillis() => _options.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => _options.InitialRetransmissionMillis;

    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsCipherSuites.Supported(Crypto);

    /// <summary>Adds use_srtp with our profiles and an empty MKI (RFC 5764 §4.1.1); none when the list is empty.</summary>
    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        if (_options.SrtpProfiles.Count > 0)
        {
            TlsSrtpUtilities.AddUseSrtpExtension(extensions,
                new UseSrtpData(DtlsSrtpNegotiation.ToProtectionProfiles(_options.SrtpProfiles), TlsUtilities.EmptyBytes));
        }

        return extensions;
    }

    /// <summary>RFC 5764 §4.1.1: the server returns exactly one profile, one we offered, and our (empty) MKI.</summary>
    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var chosen = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions)
            ?? throw Status.Refuse(AlertDescription.handshake_failure, "the server did not accept use_srtp");
        if (chosen.ProtectionProfiles.Length != 1 || chosen.Mki.Length != 0)
        {
            throw Status.Refuse(AlertDescription.illegal_parameter, "the server's use_srtp must name one profile and no MKI");
        }

        _profile = (SrtpProfile)chosen.ProtectionProfiles[0];
        if (!_options.SrtpProfiles.Contains(_profile))
        {
            throw Status.Refuse(AlertDescription.illegal_parameter,
                $"the server chose SRTP profile 0x{chosen.ProtectionProfiles[0]:X4}, which we did not offer");
        }
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var fingerprint = _serverFingerprint
            ?? throw Status.Refuse(AlertDescription.handshake_failure, "the server did not authenticate with a certificate");
        var keys = DtlsSrtpNegotiation.ExportKeys(m_context, _profile, isDtlsClient: true);
        Status.Result = new DtlsHandshakeResult(_profile, keys, fingerprint, m_context.SecurityParameters.CipherSuite, IsDtlsClient: true);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        Status.OnAlertRaised(alertLevel, alertDescription, message, cause);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        Status.OnAlertReceived(alertLevel, alertDescription);

    /// <summary>Checks the server certificate against SDP and answers the CertificateRequest with our certificate.</summary>
    private sealed class Authentication(DtlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var der = DtlsCredentials.EndEntityDer(serverCertificate?.Certificate)
                ?? throw client.Status.Refuse(AlertDescription.handshake_failure, "the server sent no certificate");
            if (!client._expectedServerFingerprint.Matches(der))
            {
                throw client.Status.Refuse(AlertDescription.bad_certificate,
                    "the server certificate does not match the fingerprint signalled in SDP");
            }

            client._serverFingerprint = DtlsFingerprint.FromCertificate(der);
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            DtlsCredentials.CreateSigner(client.m_context, (BcTlsCrypto)client.Crypto, client._certificate);
    }
}
