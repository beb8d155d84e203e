using AnHop.Media.Rtcp;

namespace AnHop.Media.Sfu.Routing;

public sealed partial class Router
{
    /// <summary>Most report blocks (and REMB SSRCs) in one RTCP packet: the 5-bit count (RFC 3550 §6.4.2).</summary>
    private const int MaxReportBlocks = RtcpHeader.MaxCount;

    /// <summary>The periodic work on the router's clock; call every 20–100 ms (or use <see cref="StartTicking"/>).</summary>
    public void Tick() => Tick(NowMs);

    /// <summary>
    /// The periodic work at <paramref name="nowMs"/>: NACK retries and give-ups, keyframe requests held back by the
    /// throttle, per-layer bitrates, Receiver Reports and REMB to publishers, simulcast layer choice per consumer,
    /// and the active speaker.
    /// </summary>
    public void Tick(long nowMs)
    {
        lock (_sync)
        {
            foreach (var state in _transports.Values)
            {
                foreach (var producer in state.Producers)
                {
                    foreach (var stream in producer.StreamArray)
                    {
                        stream.UpdateBitrate(nowMs, _options.BitrateWindowMs);
                        if (stream.Nack is { MissingCount: > 0 } nack)
                        {
                            SendNacks(state, stream, nack, nowMs);
                        }

                        if (stream.KeyframeRequestPending && nowMs - stream.LastKeyframeRequestMs >= _options.KeyframeRequestIntervalMs)
                        {
                            SendKeyframeRequest(stream, nowMs);
                        }
                    }
                }

                if (state.Producers.Count > 0 && nowMs - state.LastReceiverReportMs >= _options.ReceiverReportIntervalMs)
                {
                    state.LastReceiverReportMs = nowMs;
                    SendReceiverReports(state, nowMs);
                }
            }

            foreach (var state in _transports.Values)
            {
                var budget = BudgetOf(state);
                foreach (var consumer in state.Consumers)
                {
                    if (consumer.Kind == MediaKind.Video && consumer.ChooseTargetLayer(budget, nowMs, _options.LayerInactivityMs) && !consumer.Paused)
                    {
                        RequestKeyframe(consumer, nowMs);
                    }
                }
            }

            ActiveSpeakerObserver.Tick(nowMs);
        }

        RaisePendingEvents();
    }

    /// <summary>A subscriber's estimate shared evenly among its active video consumers.</summary>
    private static long BudgetOf(RouterTransport state) =>
        (long)Math.Min(long.MaxValue, state.EstimatedBitrate / (ulong)Math.Max(1, state.ActiveVideoConsumers()));

    /// <summary>
    /// RR (RFC 3550 §6.4.2) with one block per received stream, then REMB (draft-alvestrand-rmcat-remb-03) over the
    /// video streams: what the SFU can take from this publisher, between the configured minimum and maximum and
    /// no more than the best estimate among the subscribers of each producer (an unwatched producer counts the maximum).
    /// </summary>
    private void SendReceiverReports(RouterTransport state, long nowMs)
    {
        Span<ReportBlock> blocks = stackalloc ReportBlock[MaxReportBlocks];
        Span<uint> videoSsrcs = stackalloc uint[MaxReportBlocks];
        var blockCount = 0;
        var videoCount = 0;
        ulong wanted = 0;
        foreach (var producer in state.Producers)
        {
            var streamsReported = false;
            foreach (var stream in producer.StreamArray)
            {
                if (stream.Ssrc is not { } ssrc || !stream.Statistics.HasStarted || blockCount == MaxReportBlocks)
                {
                    continue;
                }

                blocks[blockCount++] = stream.Statistics.CreateReportBlock(ssrc, nowMs);
                streamsReported = true;
                if (producer.Kind == MediaKind.Video && videoCount < MaxReportBlocks)
                {
                    videoSsrcs[videoCount++] = ssrc;
                }
            }

            if (streamsReported && producer.Kind == MediaKind.Video)
            {
                wanted += WantedBitrate(producer);
            }
        }

        if (blockCount == 0)
        {
            return;
        }

        var writer = new RtcpCompoundWriter(_rtcpScratch.AsSpan(0, _rtcpScratch.Length - IMediaTransport.MaxProtectionOverhead));
        if (!writer.TryAddReceiverReport(state.RtcpSsrc, blocks[..blockCount]))
        {
            return;
        }

        if (videoCount > 0)
        {
            var bitrate = Math.Clamp(wanted, _options.MinIncomingBitrate, _options.MaxIncomingBitrate);
            writer.TryAddReceiverEstimatedMaxBitrate(state.RtcpSsrc, bitrate, videoSsrcs[..videoCount]);
        }

        state.Transport.SendRtcp(_rtcpScratch, writer.Length);
    }

    private ulong WantedBitrate(Producer producer)
    {
        if (producer.Consumers.Length == 0)
        {
            return _options.MaxIncomingBitrate;
        }

        ulong best = 0;
        foreach (var consumer in producer.Consumers)
        {
            if (_transports.TryGetValue(consumer.Transport, out var subscriber))
            {
                best = Math.Max(best, subscriber.EstimatedBitrate);
            }
        }

        return best;
    }
}
