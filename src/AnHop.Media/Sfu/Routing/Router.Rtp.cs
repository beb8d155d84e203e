using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

public sealed partial class Router
{
    /// <summary>
    /// A plain RTP packet from a transport: demultiplexed to its producer stream, stored for retransmission,
    /// checked for gaps, and forwarded to every consumer. Allocates nothing once the stream is known; never throws
    /// on hostile bytes (the packet may be rewritten in place when it is an RTX packet).
    /// </summary>
    public void OnRtp(IMediaTransport transport, Span<byte> packet)
    {
        lock (_sync)
        {
            ReceiveRtp(transport, packet, NowMs);
        }
    }

    private void ReceiveRtp(IMediaTransport transport, Span<byte> packet, long now)
    {
        if (!_transports.TryGetValue(transport, out var state) || !RtpPacketView.TryParse(packet, out var view))
        {
            Interlocked.Increment(ref _packetsDropped);
            return;
        }

        var ssrc = view.Ssrc;
        var retransmission = false;
        if (!state.MediaStreams.TryGetValue(ssrc, out var stream))
        {
            if (state.RtxStreams.TryGetValue(ssrc, out stream))
            {
                retransmission = true;
            }
            else if (!TryBindStream(state, view.Packet, out stream, out retransmission))
            {
                Interlocked.Increment(ref _packetsDropped);
                return;
            }
        }

        var producer = stream.Producer;
        var codec = producer.RtpParameters.Codec;
        if (retransmission)
        {
            // RFC 4588 §4: restore the original packet (OSN, SSRC, payload type); padding-only RTX (probing) ends here.
            if (stream.Ssrc is not { } mediaSsrc || view.PayloadType != codec.RtxPayloadType
                || !RtxPacket.TryUnwrapInPlace(packet, mediaSsrc, codec.PayloadType, out var length)
                || !RtpPacketView.TryParse(packet[..length], out view))
            {
                producer.Metrics.OnDrop();
                return;
            }

            packet = packet[..length];
        }
        else if (view.PayloadType != codec.PayloadType)
        {
            producer.Metrics.OnDrop();
            return;
        }

        var sequenceNumber = view.SequenceNumber;
        if (stream.Buffer is { } buffer)
        {
            if (buffer.Contains(sequenceNumber, now))
            {
                return; // A duplicate, or a retransmission of what arrived after all.
            }

            buffer.Store(sequenceNumber, packet, now);
        }

        producer.Metrics.OnPacket(packet.Length, retransmission);
        stream.OnPacket(packet.Length, now);
        stream.Statistics.OnPacket(sequenceNumber, view.Timestamp, now, retransmission);
        if (stream.Nack is { } nack)
        {
            if (nack.OnPacket(sequenceNumber, now))
            {
                RequestKeyframe(stream, now);
            }
            else if (nack.MissingCount > 0)
            {
                SendNacks(state, stream, nack, now);
            }
        }

        if (producer.AudioLevelId != 0
            && view.Packet.Extensions.TryFind(producer.AudioLevelId, out ReadOnlySpan<byte> levelValue)
            && AudioLevelExtension.TryParse(levelValue, out var level))
        {
            ActiveSpeakerObserver.OnAudioLevel(producer, level, now);
        }

        if (producer.Paused || producer.IsClosed)
        {
            return;
        }

        var consumers = producer.Consumers;
        if (consumers.Length == 0)
        {
            return;
        }

        var payload = view.Packet.Payload;
        var keyframe = producer.Kind == MediaKind.Video
            && (producer.Codec == VideoCodec.Unknown || KeyframeDetector.IsKeyframeStart(producer.Codec, payload));
        if (consumers.Length >= _options.FanOutThreshold && _options.FanOutWorkers > 0 && packet.Length <= ScratchSize)
        {
            _fanOut ??= new FanOut(Math.Min(_options.FanOutWorkers, 64), $"router {Id}");
            _fanOut.Forward(stream, packet, consumers, payload.Length, keyframe, now, _rtpScratch);
            return;
        }

        foreach (var consumer in consumers)
        {
            consumer.Forward(stream, packet, payload.Length, keyframe, now, _rtpScratch);
        }
    }

    /// <summary>Bytes the fan-out worker threads allocated while forwarding (0 without fan-out); for tests.</summary>
    internal long FanOutWorkerAllocatedBytes => Volatile.Read(ref _fanOut)?.WorkerAllocatedBytes ?? 0;

    /// <summary>Fan-out worker threads alive now; for tests.</summary>
    internal int FanOutRunningWorkers => Volatile.Read(ref _fanOut)?.RunningWorkers ?? 0;

    /// <summary>
    /// Finds the stream of an SSRC not seen before (RFC 8843 §9.2, RFC 8852): by the mid extension (or, without it,
    /// by a payload type only one producer of the transport uses), then by rid, or repaired-rid for RTX. The SSRC is
    /// then bound to the stream; a stream whose SSRC was learnt this way and changes it (encoder restart) is rebound.
    /// </summary>
    private static bool TryBindStream(RouterTransport state, RtpPacket packet, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProducerStream? stream,
        out bool retransmission)
    {
        stream = null;
        retransmission = false;
        var producer = FindProducer(state, packet);
        if (producer is null || producer.IsClosed)
        {
            return false;
        }

        var codec = producer.RtpParameters.Codec;
        retransmission = codec.RtxPayloadType == packet.PayloadType && codec.PayloadType != packet.PayloadType;
        if (!retransmission && codec.PayloadType != packet.PayloadType)
        {
            return false;
        }

        if (producer.Streams.Count == 1 && producer.Streams[0].RidBytes is null)
        {
            stream = producer.Streams[0];
        }
        else
        {
            var kind = retransmission ? RtpHeaderExtensionKind.RepairedRtpStreamId : RtpHeaderExtensionKind.RtpStreamId;
            if (!state.ExtensionMap.TryFind(packet.Extensions, kind, out var ridValue)
                || !RtpStreamIdExtension.TryParse(ridValue, out var rid))
            {
                return false;
            }

            foreach (var candidate in producer.Streams)
            {
                if (candidate.RidBytes is { } bytes && rid.SequenceEqual(bytes))
                {
                    stream = candidate;
                    break;
                }
            }

            if (stream is null)
            {
                return false;
            }
        }

        // An SSRC from SDP is final: another SSRC (a refused producer's, or a hostile one) never takes its stream over.
        var ssrc = packet.Ssrc;
        if (state.MediaStreams.ContainsKey(ssrc) || state.RtxStreams.ContainsKey(ssrc)
            || (retransmission ? stream.RtxSsrcSignalled : stream.SsrcSignalled))
        {
            stream = null;
            return false;
        }

        if (retransmission)
        {
            if (stream.RtxSsrc is { } previous)
            {
                state.RtxStreams.Remove(previous);
            }

            stream.RtxSsrc = ssrc;
            state.RtxStreams[ssrc] = stream;
        }
        else
        {
            if (stream.Ssrc is { } previous)
            {
                state.MediaStreams.Remove(previous);
                stream.Nack?.Reset();
            }

            stream.Ssrc = ssrc;
            state.MediaStreams[ssrc] = stream;
        }

        return true;
    }

    private static Producer? FindProducer(RouterTransport state, RtpPacket packet)
    {
        if (state.ExtensionMap.TryFind(packet.Extensions, RtpHeaderExtensionKind.Mid, out var midValue)
            && SdesMidExtension.TryParse(midValue, out var mid))
        {
            foreach (var producer in state.Producers)
            {
                if (mid.SequenceEqual(producer.MidBytes))
                {
                    return producer;
                }
            }

            return null;
        }

        Producer? found = null;
        foreach (var producer in state.Producers)
        {
            var codec = producer.RtpParameters.Codec;
            if (codec.PayloadType == packet.PayloadType || codec.RtxPayloadType == packet.PayloadType)
            {
                if (found is not null)
                {
                    return null;
                }

                found = producer;
            }
        }

        return found;
    }
}
