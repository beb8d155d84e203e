using System.Buffers.Binary;
using AnHop.Media.Rtcp;
using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// A copy of a producer sent to one subscriber (mediasoup's Consumer). It picks the simulcast layer, rewrites each
/// forwarded packet in a scratch buffer (SSRC, payload type, continuous sequence numbers and timestamps), answers the
/// subscriber's NACKs from the producer's retransmission buffer (as RTX where negotiated) and forwards the
/// producer's Sender Reports in its own terms. Created by <see cref="Router.Consume"/>; used under the router's lock.
/// </summary>
public sealed class Consumer
{
    /// <summary>A packet is not resent twice within this time, whatever the subscriber NACKs.</summary>
    internal const long ResendGuardMs = 40;

    private const int SenderReportHistory = 8;

    private readonly Router _router;
    private readonly RtpStreamRewriter _rewriter;
    private readonly SentPacketMap _sent;
    private readonly byte[] _cname;
    private readonly (uint CompactNtp, long SentMs)[] _senderReports = new (uint, long)[SenderReportHistory];
    private int _senderReportNext;
    private ushort _rtxSequence;
    private bool _waitingForKeyframe;

    internal Consumer(Router router, Producer producer, IMediaTransport transport, string participantId,
        RtpParameters rtpParameters, bool paused, int fanOutSlot = 0)
    {
        if (rtpParameters.Encodings.Count == 0 || rtpParameters.Encodings[0].Ssrc is null)
        {
            throw new ArgumentException("a consumer needs one encoding with its SSRC", nameof(rtpParameters));
        }

        if (rtpParameters.Codec.PayloadType > 127 || rtpParameters.Codec.RtxPayloadType > 127)
        {
            throw new ArgumentException("payload types are 7 bits", nameof(rtpParameters));
        }

        _router = router;
        FanOutSlot = fanOutSlot;
        Id = Guid.NewGuid().ToString("N");
        Producer = producer;
        Transport = transport;
        ParticipantId = participantId;
        RtpParameters = rtpParameters;
        Ssrc = rtpParameters.Encodings[0].Ssrc!.Value;
        PayloadType = rtpParameters.Codec.PayloadType;
        if (rtpParameters.Codec.RtxPayloadType is { } rtxPayloadType && rtpParameters.Encodings[0].RtxSsrc is { } rtxSsrc)
        {
            RtxPayloadType = rtxPayloadType;
            RtxSsrc = rtxSsrc;
        }

        var cname = System.Text.Encoding.UTF8.GetBytes(rtpParameters.Cname);
        _cname = cname.Length > 255 ? cname[..255] : cname;
        _rewriter = new RtpStreamRewriter(rtpParameters.Codec.ClockRate, (ushort)Random.Shared.Next(), (uint)Random.Shared.NextInt64(0, 1L << 32));
        _rtxSequence = (ushort)Random.Shared.Next();
        _sent = new SentPacketMap(producer.Kind == MediaKind.Video ? 1024 : 64);
        Paused = paused;
        PreferredLayer = producer.Streams.Count - 1;
        _waitingForKeyframe = producer.Kind == MediaKind.Video;
        Array.Fill(_senderReports, (0u, long.MinValue));
    }

    public string Id { get; }

    public Producer Producer { get; }

    public IMediaTransport Transport { get; }

    public string ParticipantId { get; }

    public MediaKind Kind => Producer.Kind;

    public RtpParameters RtpParameters { get; }

    public uint Ssrc { get; }

    public uint? RtxSsrc { get; }

    public byte PayloadType { get; }

    public byte? RtxPayloadType { get; }

    /// <summary>Paused by the meeting layer or the subscriber (its producer may be paused independently).</summary>
    public bool Paused { get; internal set; }

    public bool IsClosed { get; internal set; }

    /// <summary>Highest spatial layer the subscriber wants (from the size it shows the video at).</summary>
    public int PreferredLayer { get; internal set; }

    /// <summary>The layer being forwarded; -1 before the first keyframe.</summary>
    public int CurrentLayer { get; private set; } = -1;

    /// <summary>The layer wanted now (by preference and bandwidth); forwarding moves to it at its next keyframe.</summary>
    public int TargetLayer { get; internal set; }

    public ConsumerMetrics Metrics { get; } = new();

    /// <summary>The rewriting state (outgoing sequence numbers and timestamps), for diagnostics and tests.</summary>
    public RtpStreamRewriter Rewriter => _rewriter;

    /// <summary>Raised once when the consumer closes (by itself, its producer, or a transport going away).</summary>
    public event EventHandler? Closed;

    public void Pause() => _router.PauseConsumer(this);

    /// <summary>Forwards again from the next keyframe (requested), continuing the sequence numbers.</summary>
    public void Resume() => _router.ResumeConsumer(this);

    public void Close() => _router.CloseConsumer(this);

    /// <summary>Caps the simulcast layer (0 = lowest); e.g. layer 0 for a thumbnail.</summary>
    public void SetPreferredLayer(int layer) => _router.SetPreferredLayer(this, layer);

    internal void RaiseClosed() => Closed?.Invoke(this, EventArgs.Empty);

    /// <summary>After a pause of either side: rebase on the next packet, and for video wait for a keyframe.</summary>
    internal void Restart()
    {
        _rewriter.Resync();
        _waitingForKeyframe = Kind == MediaKind.Video;
    }

    /// <summary>
    /// Picks the highest layer up to the preferred one that is active and fits <paramref name="budget"/> bits per
    /// second (the lowest active layer when none fits). Returns true when the target changed.
    /// </summary>
    internal bool ChooseTargetLayer(long budget, long nowMs, long inactivityMs)
    {
        var streams = Producer.Streams;
        if (streams.Count == 1)
        {
            TargetLayer = 0;
            return false;
        }

        var best = -1;
        var lowestActive = -1;
        var highest = Math.Min(PreferredLayer, streams.Count - 1);
        for (var layer = 0; layer <= highest; layer++)
        {
            var stream = streams[layer];
            if (!stream.IsActive(nowMs, inactivityMs))
            {
                continue;
            }

            if (lowestActive < 0)
            {
                lowestActive = layer;
            }

            if (stream.EffectiveBitrate <= budget)
            {
                best = layer;
            }
        }

        if (best < 0)
        {
            best = lowestActive;
        }

        if (best < 0)
        {
            // Nothing received yet within the preference: start low, where the first keyframe comes soonest.
            best = CurrentLayer >= 0 ? Math.Min(CurrentLayer, highest) : 0;
        }

        if (best == TargetLayer)
        {
            return false;
        }

        TargetLayer = best;
        return true;
    }

    /// <summary>Which fan-out thread forwards to this consumer (its transport's slot; see <see cref="FanOut"/>).</summary>
    internal int FanOutSlot { get; }

    /// <summary>The stream a keyframe request of this consumer is for.</summary>
    internal ProducerStream KeyframeStream => Producer.Streams[Math.Clamp(TargetLayer, 0, Producer.Streams.Count - 1)];

    /// <summary>
    /// Forwards one producer packet (plain RTP in <paramref name="packet"/>) if this consumer takes it now.
    /// <paramref name="scratch"/> must hold the packet plus <see cref="IMediaTransport.MaxProtectionOverhead"/>.
    /// </summary>
    internal void Forward(ProducerStream stream, ReadOnlySpan<byte> packet, int payloadLength, bool keyframe, long nowMs, Span<byte> scratch)
    {
        if (Paused || IsClosed)
        {
            return;
        }

        var layer = stream.Layer;
        if (layer != CurrentLayer)
        {
            // Start, or switch layer, only where the receiver's decoder can: the first packet of a keyframe.
            if (layer != TargetLayer || (!keyframe && Kind == MediaKind.Video))
            {
                return;
            }

            if (CurrentLayer >= 0)
            {
                Metrics.OnLayerSwitch();
            }

            CurrentLayer = layer;
            _rewriter.Resync();
            _waitingForKeyframe = false;
        }
        else if (_waitingForKeyframe)
        {
            if (!keyframe)
            {
                return;
            }

            _waitingForKeyframe = false;
        }

        if (packet.Length + IMediaTransport.MaxProtectionOverhead > scratch.Length)
        {
            Metrics.OnSendFailure();
            return;
        }

        var inSequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var inTimestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        if (!_rewriter.TryRewrite(inSequence, inTimestamp, nowMs, out var outSequence, out var outTimestamp))
        {
            return;
        }

        packet.CopyTo(scratch);
        Rewrite(scratch, PayloadType, outSequence, outTimestamp, Ssrc);
        _sent.Record(outSequence, layer, inSequence, outTimestamp);
        if (Transport.SendRtp(scratch, packet.Length))
        {
            Metrics.OnSent(packet.Length, payloadLength);
            ForwardingDelayProbe.RecordForwarded();
        }
        else
        {
            Metrics.OnSendFailure();
        }
    }

    /// <summary>Answers a subscriber's Generic NACK (RFC 4585 §6.2.1) in this consumer's numbering.</summary>
    internal void OnNack(GenericNack nack, long nowMs, Span<byte> scratch)
    {
        var count = 0;
        foreach (var outSequence in nack.LostSequences)
        {
            count++;
            Retransmit(outSequence, nowMs, scratch);
        }

        Metrics.OnNack(count);
    }

    private void Retransmit(ushort outSequence, long nowMs, Span<byte> scratch)
    {
        if (!_sent.TryGet(outSequence, out var entry) || entry.Layer >= Producer.Streams.Count)
        {
            Metrics.OnRetransmissionMiss();
            return;
        }

        if (entry.LastResentMs != long.MinValue && nowMs - entry.LastResentMs < ResendGuardMs)
        {
            return;
        }

        var buffer = Producer.Streams[entry.Layer].Buffer;
        if (buffer is null || !buffer.TryGet(entry.InSequence, nowMs, out var stored)
            || stored.Length + RtxPayload.OriginalSequenceNumberLength + IMediaTransport.MaxProtectionOverhead > scratch.Length)
        {
            Metrics.OnRetransmissionMiss();
            return;
        }

        stored.CopyTo(scratch);
        Rewrite(scratch, PayloadType, outSequence, entry.OutTimestamp, Ssrc);
        var length = stored.Length;
        if (RtxSsrc is { } rtxSsrc && RtxPayloadType is { } rtxPayloadType)
        {
            // RFC 4588 §4: RTX header with its own SSRC, payload type and sequence number; the OSN leads the payload.
            if (!RtxPacket.TryWrapInPlace(scratch, length, _rtxSequence, rtxSsrc, rtxPayloadType, out length))
            {
                Metrics.OnRetransmissionMiss();
                return;
            }

            _rtxSequence++;
        }

        _sent.MarkResent(outSequence, nowMs);
        if (Transport.SendRtp(scratch, length))
        {
            Metrics.OnRetransmission();
        }
        else
        {
            Metrics.OnSendFailure();
        }
    }

    /// <summary>
    /// Sends the producer's Sender Report as this consumer's: its SSRC, the RTP time mapped through its timestamp
    /// offset, its own counts, the publisher's NTP time (so lip sync with the audio of the same CNAME holds), and a CNAME.
    /// Only the SR of the layer being forwarded is meaningful.
    /// </summary>
    internal void OnProducerSenderReport(ProducerStream stream, ulong ntpTimestamp, uint rtpTimestamp, long nowMs, Span<byte> scratch)
    {
        if (IsClosed || stream.Layer != CurrentLayer || _rewriter.ResyncPending)
        {
            return;
        }

        var writer = new RtcpCompoundWriter(scratch[..^IMediaTransport.MaxProtectionOverhead]);
        var sender = new SenderInfo(Ssrc, ntpTimestamp, rtpTimestamp + _rewriter.TimestampOffset,
            (uint)Metrics.PacketsOut, (uint)Metrics.PayloadBytesOut);
        if (!writer.TryAddSenderReport(sender, []) || !writer.TryAddCname(Ssrc, _cname))
        {
            return;
        }

        _senderReports[_senderReportNext] = (sender.CompactNtp, nowMs);
        _senderReportNext = (_senderReportNext + 1) % SenderReportHistory;
        if (!Transport.SendRtcp(scratch, writer.Length))
        {
            Metrics.OnSendFailure();
        }
    }

    /// <summary>RTT from a report block about this consumer (RFC 3550 §6.4.1: A − LSR − DLSR, with A our send time).</summary>
    internal void OnReportBlock(in ReportBlock block, long nowMs)
    {
        if (block.LastSenderReport == 0)
        {
            return;
        }

        foreach (var (compactNtp, sentMs) in _senderReports)
        {
            if (sentMs != long.MinValue && compactNtp == block.LastSenderReport)
            {
                var micros = ((nowMs - sentMs) * 1000) - ((long)block.DelaySinceLastSenderReport * 1_000_000 / 65536);
                if (micros >= 0)
                {
                    Metrics.OnRoundTripTime(micros);
                }

                return;
            }
        }
    }

    private static void Rewrite(Span<byte> packet, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        packet[1] = (byte)((packet[1] & 0x80) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }
}
