using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>
/// What a <see cref="DtlsServer"/> or <see cref="DtlsClient"/> learned during its connection, shared with the
/// <see cref="DtlsSession"/> that drives it. Written on the DTLS thread; read by others only after the handshake
/// returned or through the volatile close flags.
/// </summary>
internal sealed class DtlsPeerStatus(Action<DtlsAlertEvent>? alertLogger)
{
    private volatile bool _closeNotifyReceived;
    private volatile bool _fatalAlertReceived;

    /// <summary>Why our own check refused the peer, in words for the handshake exception.</summary>
    public string? RefusalReason { get; private set; }

    public DtlsHandshakeResult? Result { get; set; }

    public bool CloseNotifyReceived => _closeNotifyReceived;

    public bool FatalAlertReceived => _fatalAlertReceived;

    /// <summary>Records the reason and returns the alert to throw (RFC 5246 §7.2.2).</summary>
    public TlsFatalAlert Refuse(short alertDescription, string reason)
    {
        RefusalReason ??= reason;
        return new TlsFatalAlert(alertDescription, reason);
    }

    public void OnAlertRaised(short level, short description, string? message, Exception? cause) =>
        alertLogger?.Invoke(new DtlsAlertEvent(true, (byte)level, (byte)description, message, cause));

    public void OnAlertReceived(short level, short description)
    {
        if (level == AlertLevel.fatal)
        {
            _fatalAlertReceived = true;
        }
        else if (description == AlertDescription.close_notify)
        {
            _closeNotifyReceived = true;
        }

        alertLogger?.Invoke(new DtlsAlertEvent(false, (byte)level, (byte)description, null, null));
    }
}
