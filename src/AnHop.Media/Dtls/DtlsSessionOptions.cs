using AnHop.Media.Srtp;

namespace AnHop.Media.Dtls;

/// <summary>Settings of one DTLS-SRTP session; the defaults suit a browser peer.</summary>
public sealed class DtlsSessionOptions
{
    /// <summary>The whole handshake must finish within this time, or it fails with a timeout (BC's default is never).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// First retransmission timer, doubled after each resend (RFC 6347 §4.2.4.1). RFC 6347 suggests 1 s; half of
    /// that recovers a lost flight sooner and still stays well above the ~60–100 ms a cold process needs to answer.
    /// </summary>
    public TimeSpan InitialRetransmission { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>SRTP profiles in order of preference: the server picks the first the client offers, the client offers them in this order.</summary>
    public IReadOnlyList<SrtpProfile> SrtpProfiles { get; init; } = [SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80];

    /// <summary>Largest datagram accepted; at least 1200 for Chromium's first ClientHello datagram.</summary>
    public int ReceiveLimit { get; init; } = 1500;

    /// <summary>Largest datagram sent; BC fragments handshake messages to fit (1200 stays under any path MTU WebRTC meets).</summary>
    public int SendLimit { get; init; } = 1200;

    /// <summary>Queue bound in datagrams; a full handshake flight is under ten.</summary>
    public int MaxQueuedDatagrams { get; init; } = 64;

    /// <summary>Queue bound in bytes.</summary>
    public int MaxQueuedBytes { get; init; } = 64 * 1024;

    /// <summary>Receives every alert sent or received; called on the session's thread, so it must be quick.</summary>
    public Action<DtlsAlertEvent>? AlertLogger { get; init; }

    internal static DtlsSessionOptions Default { get; } = new();

    internal int HandshakeTimeoutMillis => checked((int)HandshakeTimeout.TotalMilliseconds);

    internal int InitialRetransmissionMillis => Math.Max(1, checked((int)InitialRetransmission.TotalMilliseconds));

    internal void Validate()
    {
        // BC takes whole milliseconds as int, and reads 0 as "never".
        var longest = TimeSpan.FromMilliseconds(int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(HandshakeTimeout, TimeSpan.FromMilliseconds(1), nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HandshakeTimeout, longest, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialRetransmission, TimeSpan.FromMilliseconds(1), nameof(InitialRetransmission));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialRetransmission, longest, nameof(InitialRetransmission));
        ArgumentNullException.ThrowIfNull(SrtpProfiles, nameof(SrtpProfiles));
        foreach (var profile in SrtpProfiles)
        {
            if (profile is not (SrtpProfile.AeadAes128Gcm or SrtpProfile.Aes128CmHmacSha1_80))
            {
                throw new ArgumentException($"unsupported SRTP profile {profile}", nameof(SrtpProfiles));
            }
        }
    }
}
