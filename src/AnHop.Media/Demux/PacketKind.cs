namespace AnHop.Media.Demux;

/// <summary>What a datagram on the shared ICE/DTLS/SRTP port carries (RFC 7983 §7).</summary>
public enum PacketKind
{
    /// <summary>Not one of ours: ZRTP, TURN channel data, QUIC, too short, or empty. Drop it.</summary>
    Unknown = 0,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}
