using System.Buffers.Binary;
using AnHop.Media.Demux;
using AnHop.Media.Peer;

namespace AnHop.LoadGenerator;

/// <summary>A subscriber peer and the loss tracker of each consumer stream it receives, keyed by the consumer's SSRC.</summary>
internal sealed class SyntheticSubscriber
{
    private readonly Dictionary<uint, StreamLossTracker> _streams = [];
    private long _unknown;
    private long _rtcp;

    public SyntheticSubscriber(WebRtcPeer peer) => Peer = peer;

    public WebRtcPeer Peer { get; }

    public IReadOnlyCollection<StreamLossTracker> Streams => _streams.Values;

    /// <summary>RTP with an SSRC no consumer of this subscriber has.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    public long Rtcp => Interlocked.Read(ref _rtcp);

    /// <summary>Adds a consumer stream to watch; all before <see cref="Start"/>, so the receive thread only reads the table.</summary>
    public void Watch(uint ssrc) => _streams.Add(ssrc, new StreamLossTracker());

    public void Start() => Peer.PacketReceived = OnPacket;

    private void OnPacket(PacketKind kind, Span<byte> packet)
    {
        if (kind != PacketKind.Rtp)
        {
            Interlocked.Increment(ref _rtcp);
            return;
        }

        if (packet.Length >= 12 && _streams.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(packet[8..]), out var stream))
        {
            stream.OnPacket(BinaryPrimitives.ReadUInt16BigEndian(packet[2..]));
        }
        else
        {
            Interlocked.Increment(ref _unknown);
        }
    }
}
