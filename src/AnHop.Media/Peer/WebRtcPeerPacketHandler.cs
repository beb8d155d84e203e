using AnHop.Media.Demux;

namespace AnHop.Media.Peer;

/// <summary>Receives one plain RTP or RTCP packet on the peer's receive thread; the span is valid only during the call.</summary>
public delegate void WebRtcPeerPacketHandler(PacketKind kind, Span<byte> packet);
