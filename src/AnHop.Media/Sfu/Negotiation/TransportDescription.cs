using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Dtls;
using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// The SFU side of one WebRtcTransport as SDP shows it: ICE-lite credentials, the DTLS certificate's SHA-256
/// fingerprint and the host candidates. The candidate addresses are the announced addresses from configuration
/// (a public or 1:1-NAT address may differ from the listen address); nothing here guesses them.
/// </summary>
/// <param name="IceUfrag">ice-ufrag: 4 to 256 ice-chars (RFC 8839 §5.4).</param>
/// <param name="IcePwd">ice-pwd: 22 to 256 ice-chars.</param>
/// <param name="Fingerprint">The SHA-256 fingerprint of the certificate the SFU presents as DTLS server.</param>
/// <param name="UdpCandidates">Announced UDP host candidates, most preferred first.</param>
/// <param name="TcpCandidates">Announced ICE-TCP passive host candidates (RFC 6544), when ICE-TCP is on.</param>
public sealed record TransportDescription(
    string IceUfrag,
    string IcePwd,
    DtlsFingerprint Fingerprint,
    IReadOnlyList<IPEndPoint> UdpCandidates,
    IReadOnlyList<IPEndPoint>? TcpCandidates = null)
{
    // RFC 8445 §5.1.2.2 recommends 126 for host candidates; TCP ones rank below every UDP one (Chromium uses 90),
    // so a browser that can reach the UDP port never settles on TCP.
    private const int UdpTypePreference = 126;
    private const int TcpTypePreference = 90;

    // RFC 6544 §4.2: local preference = 2^13 · direction-pref + other-pref; passive host candidates have direction-pref 4.
    private const int TcpPassiveLocalPreference = (1 << 13) * 4 + 8191;

    /// <summary>Throws <see cref="ArgumentException"/> when this description cannot be written as valid SDP.</summary>
    public void Validate()
    {
        if (IceUfrag is null || !TransportAttributes.IsIceChars(IceUfrag, 4))
        {
            throw new ArgumentException("ice-ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4)", nameof(IceUfrag));
        }

        if (IcePwd is null || !TransportAttributes.IsIceChars(IcePwd, 22))
        {
            throw new ArgumentException("ice-pwd must be 22 to 256 ice-chars (RFC 8839 §5.4)", nameof(IcePwd));
        }

        ArgumentNullException.ThrowIfNull(Fingerprint);
        ArgumentNullException.ThrowIfNull(UdpCandidates);
        if (UdpCandidates.Count + (TcpCandidates?.Count ?? 0) == 0)
        {
            throw new ArgumentException("an ICE-lite transport needs at least one host candidate", nameof(UdpCandidates));
        }
    }

    /// <summary>The a=candidate values: UDP candidates first, then TCP passive ones (RFC 6544 §4.5 tcptype).</summary>
    public IReadOnlyList<IceCandidate> ToCandidates()
    {
        var candidates = new List<IceCandidate>();
        for (var i = 0; i < UdpCandidates.Count; i++)
        {
            var endPoint = UdpCandidates[i];
            candidates.Add(IceCandidate.Host("udp" + i.ToString(CultureInfo.InvariantCulture), "udp",
                IceCandidate.ComputePriority(UdpTypePreference, 65535 - i, 1), endPoint.Address.ToString(), endPoint.Port));
        }

        var tcp = TcpCandidates ?? [];
        for (var i = 0; i < tcp.Count; i++)
        {
            var endPoint = tcp[i];
            candidates.Add(IceCandidate.Host("tcp" + i.ToString(CultureInfo.InvariantCulture), "tcp",
                IceCandidate.ComputePriority(TcpTypePreference, TcpPassiveLocalPreference - i, 1), endPoint.Address.ToString(),
                endPoint.Port, new KeyValuePair<string, string>("tcptype", "passive")));
        }

        return candidates;
    }

    /// <summary>The address and port of the m= and c= lines: the most preferred candidate (RFC 8839 §4.2.1.1 default).</summary>
    internal (SdpConnection Connection, int Port) DefaultDestination()
    {
        var endPoint = UdpCandidates.Count > 0 ? UdpCandidates[0] : TcpCandidates![0];
        var connection = endPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? new SdpConnection("IN", "IP6", endPoint.Address.ToString())
            : SdpConnection.Ip4(endPoint.Address.ToString());
        return (connection, endPoint.Port);
    }
}
