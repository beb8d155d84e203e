namespace AnHop.Media.Demux;

/// <summary>
/// Sorts datagrams arriving on one UDP port into STUN, DTLS, RTP and RTCP by their first byte
/// (RFC 7983 §7, as updated by RFC 9443), and RTCP from RTP by the second byte (RFC 5761 §4).
/// </summary>
public static class PacketClassifier
{
    // The smallest datagram each protocol can be: a STUN header (RFC 8489 §5), a DTLS record header
    // (RFC 6347 §4.1), an RTP fixed header (RFC 3550 §5.1) and an RTCP header with its SSRC (RFC 3550 §6.4).
    private const int StunHeaderLength = 20;
    private const int DtlsRecordHeaderLength = 13;
    private const int RtpHeaderLength = 12;
    private const int RtcpHeaderLength = 8;

    /// <summary>Classifies a datagram. Never throws; a datagram too short for its kind is <see cref="PacketKind.Unknown"/>.</summary>
    /// <remarks>
    /// RFC 7983 §7 (with RFC 9443 §3):
    /// <code>
    ///                  +----------------+
    ///                  |        [0..3] -+--> forward to STUN
    ///                  |                |
    ///                  |      [16..19] -+--> forward to ZRTP
    ///                  |                |
    ///      packet -->  |      [20..63] -+--> forward to DTLS
    ///                  |                |
    ///                  |      [64..79] -+--> forward to TURN Channel
    ///                  |                |
    ///                  |    [128..191] -+--> forward to RTP/RTCP
    ///                  +----------------+
    /// </code>
    /// RFC 5761 §4: an RTCP packet type 192..223 occupies the whole second byte, which for RTP would be
    /// the marker bit plus payload type 64..95; those payload types are kept free so the two never collide.
    /// </remarks>
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        var first = datagram[0];
        if (first <= 3)
        {
            return datagram.Length >= StunHeaderLength ? PacketKind.Stun : PacketKind.Unknown;
        }

        if (first is >= 20 and <= 63)
        {
            return datagram.Length >= DtlsRecordHeaderLength ? PacketKind.Dtls : PacketKind.Unknown;
        }

        if (first is >= 128 and <= 191 && datagram.Length >= 2)
        {
            if (datagram[1] is >= 192 and <= 223)
            {
                return datagram.Length >= RtcpHeaderLength ? PacketKind.Rtcp : PacketKind.Unknown;
            }

            return datagram.Length >= RtpHeaderLength ? PacketKind.Rtp : PacketKind.Unknown;
        }

        return PacketKind.Unknown;
    }
}
