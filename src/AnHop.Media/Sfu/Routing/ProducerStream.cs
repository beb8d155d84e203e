namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// One received RTP stream of a producer: its single encoding, or one simulcast layer. It knows its SSRCs
/// (given by SDP or learnt from the rid header extensions), keeps the packets for retransmission, tracks gaps
/// for NACKs, reception statistics for Receiver Reports, the publisher's last Sender Report, its bitrate and
/// the keyframe-request throttle. Owned by the router and used under its lock.
/// </summary>
public sealed class ProducerStream
{
    internal ProducerStream(Producer producer, int layer, RtpEncoding encoding, RouterOptions options)
    {
        Producer = producer;
        Layer = layer;
        Rid = encoding.Rid;
        RidBytes = encoding.Rid is null ? null : System.Text.Encoding.ASCII.GetBytes(encoding.Rid);
        Ssrc = encoding.Ssrc;
        RtxSsrc = encoding.RtxSsrc;
        SsrcSignalled = encoding.Ssrc is not null;
        RtxSsrcSignalled = encoding.RtxSsrc is not null;
        ScaleResolutionDownBy = encoding.ScaleResolutionDownBy;
        Statistics = new RtpReceiveStatistics(producer.RtpParameters.Codec.ClockRate);
        var scale = Math.Max(1, encoding.ScaleResolutionDownBy);
        NominalBitrate = (long)(options.MaxIncomingBitrate / (scale * scale));
        if (producer.Kind == MediaKind.Video)
        {
            Buffer = new RetransmissionBuffer(options.VideoRetransmissionPackets, options.RetransmissionMaxAgeMs);
            if (producer.NegotiatedNack)
            {
                Nack = new NackGenerator(options.Nack);
            }
        }
    }

    public Producer Producer { get; }

    /// <summary>Spatial layer: 0 is the lowest resolution (largest scaleResolutionDownBy).</summary>
    public int Layer { get; }

    public string? Rid { get; }

    internal byte[]? RidBytes { get; }

    /// <summary>The media SSRC; null until learnt for an rid-only simulcast layer.</summary>
    public uint? Ssrc { get; internal set; }

    /// <summary>The RTX SSRC (RFC 4588); null until given or learnt from repaired-rtp-stream-id.</summary>
    public uint? RtxSsrc { get; internal set; }

    public double ScaleResolutionDownBy { get; }

    /// <summary>The media SSRC came from SDP: packets of another SSRC never take this stream over.</summary>
    internal bool SsrcSignalled { get; }

    internal bool RtxSsrcSignalled { get; }

    /// <summary>Kept packets for answering NACKs; video only.</summary>
    public RetransmissionBuffer? Buffer { get; }

    /// <summary>Gap tracking towards the publisher; video with "nack" negotiated only.</summary>
    public NackGenerator? Nack { get; }

    public RtpReceiveStatistics Statistics { get; }

    /// <summary>Bits per second measured over the last window; 0 before the first window ends.</summary>
    public long Bitrate { get; private set; }

    /// <summary>
    /// What the layer is assumed to need before it is measured: the publisher's allowance shrunk by the pixel
    /// count (e.g. 2.5 Mbit/s, 625 kbit/s, 156 kbit/s for scales 1, 2, 4), so a new consumer does not start on a
    /// layer it then has to leave a second later.
    /// </summary>
    public long NominalBitrate { get; }

    /// <summary>The measured bitrate once there is one, else <see cref="NominalBitrate"/>.</summary>
    public long EffectiveBitrate => _measured ? Bitrate : NominalBitrate;

    private bool _measured;

    internal long LastPacketMs { get; private set; } = long.MinValue;

    internal bool HasSenderReport { get; private set; }

    internal ulong LastSenderReportNtp { get; private set; }

    internal uint LastSenderReportRtpTimestamp { get; private set; }

    internal long LastKeyframeRequestMs { get; set; } = long.MinValue / 2;

    internal bool KeyframeRequestPending { get; set; }

    internal byte FirSequenceNumber { get; set; }

    private long _windowStartMs = long.MinValue;
    private long _windowBytes;

    public bool IsActive(long nowMs, long inactivityMs) => LastPacketMs != long.MinValue && nowMs - LastPacketMs <= inactivityMs;

    internal void OnPacket(int bytes, long nowMs)
    {
        LastPacketMs = nowMs;
        if (_windowStartMs == long.MinValue)
        {
            _windowStartMs = nowMs;
        }

        _windowBytes += bytes;
    }

    internal void UpdateBitrate(long nowMs, long windowMs)
    {
        if (_windowStartMs == long.MinValue)
        {
            return;
        }

        var elapsed = nowMs - _windowStartMs;
        if (elapsed >= windowMs && elapsed > 0)
        {
            Bitrate = _windowBytes * 8 * 1000 / elapsed;
            _measured = true;
            _windowBytes = 0;
            _windowStartMs = nowMs;
        }
    }

    internal void OnSenderReport(ulong ntpTimestamp, uint rtpTimestamp, long nowMs)
    {
        HasSenderReport = true;
        LastSenderReportNtp = ntpTimestamp;
        LastSenderReportRtpTimestamp = rtpTimestamp;
        Statistics.OnSenderReport(ntpTimestamp, nowMs);
    }
}
