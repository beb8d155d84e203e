using AnHop.Media.Rtcp;

namespace AnHop.Media.Sfu.Routing;

public sealed partial class Router
{
    /// <summary>
    /// A plain RTCP compound from a transport. From a publisher: Sender Reports (kept for RR, forwarded per consumer).
    /// From a subscriber: NACK (retransmit), PLI/FIR (keyframe from the producer, throttled), REMB and report blocks
    /// (bandwidth estimate, RTT). Unknown or malformed packets are counted and skipped; never throws on hostile bytes.
    /// </summary>
    public void OnRtcp(IMediaTransport transport, Span<byte> packet)
    {
        lock (_sync)
        {
            ReceiveRtcp(transport, packet, NowMs);
        }
    }

    private void ReceiveRtcp(IMediaTransport transport, ReadOnlySpan<byte> compound, long now)
    {
        if (!_transports.TryGetValue(transport, out var state))
        {
            Interlocked.Increment(ref _rtcpDropped);
            return;
        }

        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            var handled = packet.PacketType switch
            {
                RtcpPacketType.SenderReport => OnSenderReport(state, packet.Data, now),
                RtcpPacketType.ReceiverReport => OnReceiverReport(state, packet.Data, now),
                RtcpPacketType.TransportFeedback => OnTransportFeedback(state, packet, now),
                RtcpPacketType.PayloadFeedback => OnPayloadFeedback(state, packet, now),
                _ => true,
            };
            if (!handled)
            {
                Interlocked.Increment(ref _rtcpDropped);
            }
        }

        if (reader.Error is not null)
        {
            Interlocked.Increment(ref _rtcpDropped);
        }
    }

    private bool OnSenderReport(RouterTransport state, ReadOnlySpan<byte> data, long now)
    {
        if (!SenderReport.TryParse(data, out var report))
        {
            return false;
        }

        if (state.MediaStreams.TryGetValue(report.Ssrc, out var stream))
        {
            stream.OnSenderReport(report.NtpTimestamp, report.RtpTimestamp, now);
            if (!stream.Producer.Paused)
            {
                foreach (var consumer in stream.Producer.Consumers)
                {
                    consumer.OnProducerSenderReport(stream, report.NtpTimestamp, report.RtpTimestamp, now, _rtcpScratch);
                }
            }
        }

        // A participant that also subscribes reports on what it receives in its SRs' blocks.
        var worstLoss = -1;
        for (var i = 0; i < report.ReportCount; i++)
        {
            worstLoss = Math.Max(worstLoss, OnReportBlock(state, report.GetReportBlock(i), now));
        }

        ApplyLoss(state, worstLoss, now);
        return true;
    }

    private bool OnReceiverReport(RouterTransport state, ReadOnlySpan<byte> data, long now)
    {
        if (!ReceiverReport.TryParse(data, out var report))
        {
            return false;
        }

        var worstLoss = -1;
        for (var i = 0; i < report.ReportCount; i++)
        {
            worstLoss = Math.Max(worstLoss, OnReportBlock(state, report.GetReportBlock(i), now));
        }

        ApplyLoss(state, worstLoss, now);
        return true;
    }

    /// <summary>Returns the block's fraction lost when it is about a video consumer, else -1.</summary>
    private static int OnReportBlock(RouterTransport state, in ReportBlock block, long now)
    {
        if (!state.ConsumersBySsrc.TryGetValue(block.Ssrc, out var consumer) || consumer.Ssrc != block.Ssrc)
        {
            return -1;
        }

        consumer.OnReportBlock(block, now);
        return consumer.Kind == MediaKind.Video ? block.FractionLost : -1;
    }

    /// <summary>
    /// Loss-based estimate, used while no REMB is fresh (libwebrtc's classic rule): above 10 % loss cut by half the
    /// loss, below 2 % grow by 5 %, in between hold.
    /// </summary>
    private void ApplyLoss(RouterTransport state, int fractionLost, long now)
    {
        if (fractionLost < 0 || now - state.LastRembMs < _options.RembValidityMs)
        {
            return;
        }

        var loss = fractionLost / 256.0;
        var estimate = (double)state.EstimatedBitrate;
        if (loss > 0.10)
        {
            estimate *= 1 - (0.5 * loss);
        }
        else if (loss < 0.02)
        {
            estimate *= 1.05;
        }

        state.EstimatedBitrate = (ulong)Math.Clamp(estimate, _options.MinOutgoingBitrate, _options.MaxOutgoingBitrate);
    }

    private bool OnTransportFeedback(RouterTransport state, RtcpPacket packet, long now)
    {
        if (packet.Header.Format != (byte)RtpFeedbackFormat.GenericNack)
        {
            // Transport-wide CC feedback is accepted and not used: the estimate comes from REMB and loss.
            return true;
        }

        if (!GenericNack.TryParse(packet.Data, out var nack))
        {
            return false;
        }

        if (state.ConsumersBySsrc.TryGetValue(nack.MediaSsrc, out var consumer) && consumer.Ssrc == nack.MediaSsrc)
        {
            consumer.OnNack(nack, now, _rtpScratch);
        }

        return true;
    }

    private bool OnPayloadFeedback(RouterTransport state, RtcpPacket packet, long now)
    {
        switch ((PayloadFeedbackFormat)packet.Header.Format)
        {
            case PayloadFeedbackFormat.PictureLossIndication:
                if (!PictureLossIndication.TryParse(packet.Data, out var pli))
                {
                    return false;
                }

                if (state.ConsumersBySsrc.TryGetValue(pli.MediaSsrc, out var consumer) && !consumer.IsClosed)
                {
                    consumer.Metrics.OnPli();
                    RequestKeyframe(consumer, now);
                }

                return true;
            case PayloadFeedbackFormat.FullIntraRequest:
                if (!FullIntraRequest.TryParse(packet.Data, out var fir))
                {
                    return false;
                }

                for (var i = 0; i < fir.EntryCount; i++)
                {
                    if (state.ConsumersBySsrc.TryGetValue(fir.GetEntry(i).Ssrc, out var target) && !target.IsClosed)
                    {
                        target.Metrics.OnFir();
                        RequestKeyframe(target, now);
                    }
                }

                return true;
            case PayloadFeedbackFormat.ApplicationLayer:
                if (!ReceiverEstimatedMaxBitrate.TryParse(packet.Data, out var remb))
                {
                    // Application layer feedback other than REMB is not ours to read.
                    return true;
                }

                state.EstimatedBitrate = Math.Clamp(remb.Bitrate, _options.MinOutgoingBitrate, _options.MaxOutgoingBitrate);
                state.LastRembMs = now;
                return true;
            default:
                return true;
        }
    }

    private void RequestKeyframe(Consumer consumer, long now)
    {
        if (consumer.Kind != MediaKind.Video || consumer.IsClosed)
        {
            return;
        }

        consumer.Metrics.OnKeyframeRequest();
        RequestKeyframe(consumer.KeyframeStream, now);
    }

    /// <summary>Asks the publisher for a keyframe on one stream, at most once per <see cref="RouterOptions.KeyframeRequestIntervalMs"/>; later asks wait for the tick.</summary>
    private void RequestKeyframe(ProducerStream stream, long now)
    {
        var producer = stream.Producer;
        if (producer.Kind != MediaKind.Video || producer.IsClosed)
        {
            return;
        }

        producer.Metrics.OnKeyframeRequest();
        if (stream.Ssrc is null || now - stream.LastKeyframeRequestMs < _options.KeyframeRequestIntervalMs)
        {
            producer.Metrics.OnKeyframeRequestThrottled();
            stream.KeyframeRequestPending = true;
            return;
        }

        SendKeyframeRequest(stream, now);
    }

    private void SendKeyframeRequest(ProducerStream stream, long now)
    {
        var producer = stream.Producer;
        if (stream.Ssrc is not { } ssrc || !_transports.TryGetValue(producer.Transport, out var state))
        {
            return;
        }

        stream.KeyframeRequestPending = false;
        stream.LastKeyframeRequestMs = now;
        var buffer = _rtcpScratch.AsSpan(0, _rtcpScratch.Length - IMediaTransport.MaxProtectionOverhead);
        int length;
        if (producer.UsesFir)
        {
            // RFC 5104 §4.3.1: the sequence number grows with each new request, so the publisher can tell repeats.
            Span<FirEntry> entries = stackalloc FirEntry[1];
            entries[0] = new FirEntry(ssrc, stream.FirSequenceNumber++);
            if (!FullIntraRequest.TryWrite(buffer, state.RtcpSsrc, entries, out length))
            {
                return;
            }

            producer.Metrics.OnFirSent();
        }
        else
        {
            if (!new PictureLossIndication(state.RtcpSsrc, ssrc).TryWrite(buffer, out length))
            {
                return;
            }

            producer.Metrics.OnPliSent();
        }

        state.Transport.SendRtcp(_rtcpScratch, length);
    }

    private void SendNacks(RouterTransport state, ProducerStream stream, NackGenerator nack, long now)
    {
        if (stream.Ssrc is not { } ssrc)
        {
            return;
        }

        var count = nack.CollectDue(now, _nackScratch);
        if (count == 0)
        {
            return;
        }

        var writer = new RtcpCompoundWriter(_rtcpScratch.AsSpan(0, _rtcpScratch.Length - IMediaTransport.MaxProtectionOverhead));
        if (writer.TryAddGenericNack(state.RtcpSsrc, ssrc, _nackScratch.AsSpan(0, count)))
        {
            stream.Producer.Metrics.OnNackSent(count);
            state.Transport.SendRtcp(_rtcpScratch, writer.Length);
        }
    }
}
