using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// What the router keeps per transport: its participant, producers and consumers, the SSRC tables that
/// demultiplex its packets, its outgoing bandwidth estimate and the SSRC the SFU uses in RTCP towards it.
/// </summary>
internal sealed class RouterTransport(IMediaTransport transport, string participantId, uint rtcpSsrc, ulong initialBitrate)
{
    public IMediaTransport Transport { get; } = transport;

    public string ParticipantId { get; } = participantId;

    /// <summary>SSRC of the SFU's RTCP (RR, REMB, NACK, PLI, FIR) sent to this participant.</summary>
    public uint RtcpSsrc { get; } = rtcpSsrc;

    public List<Producer> Producers { get; } = [];

    public List<Consumer> Consumers { get; } = [];

    public Dictionary<uint, ProducerStream> MediaStreams { get; } = [];

    public Dictionary<uint, ProducerStream> RtxStreams { get; } = [];

    public Dictionary<uint, Consumer> ConsumersBySsrc { get; } = [];

    /// <summary>The extension ids of all its producers (BUNDLE uses one id space), to find mid and rid of an unknown SSRC.</summary>
    public RtpHeaderExtensionMap ExtensionMap { get; } = new();

    /// <summary>What the subscriber can take, bits per second (REMB, else loss-based).</summary>
    public ulong EstimatedBitrate { get; set; } = initialBitrate;

    public long LastRembMs { get; set; } = long.MinValue / 2;

    public long LastReceiverReportMs { get; set; } = long.MinValue / 2;

    /// <summary>Fan-out share of this transport's consumers (taken modulo the slots), so one thread sends to it at a time.</summary>
    public int FanOutSlot { get; init; }

    public EventHandler? ClosedHandler { get; set; }

    public int ActiveVideoConsumers()
    {
        var count = 0;
        foreach (var consumer in Consumers)
        {
            if (consumer.Kind == MediaKind.Video && !consumer.Paused && !consumer.Producer.Paused)
            {
                count++;
            }
        }

        return count;
    }

    public void RebuildExtensionMap()
    {
        foreach (var producer in Producers)
        {
            foreach (var extension in producer.RtpParameters.HeaderExtensions)
            {
                if (ExtensionMap.GetKind(extension.Id) == RtpHeaderExtensionKind.Unknown)
                {
                    ExtensionMap.TryAdd(extension.Id, extension.Uri);
                }
            }
        }
    }
}
