namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// An incoming track (mediasoup's Producer): one m-line of a publisher, with one stream or three simulcast layers.
/// Created by <see cref="Router.Produce"/>; its consumers get every packet it receives unless it is paused.
/// Control methods take the router's lock, so they act at once with respect to forwarding.
/// </summary>
public sealed class Producer
{
    private readonly Router _router;

    internal Producer(Router router, IMediaTransport transport, string participantId, ProducerSource source,
        RtpParameters rtpParameters, RouterOptions options)
    {
        _router = router;
        Id = Guid.NewGuid().ToString("N");
        Transport = transport;
        ParticipantId = participantId;
        Source = source;
        RtpParameters = rtpParameters;
        Codec = KeyframeDetector.CodecOf(rtpParameters.Codec.MimeType);
        MidBytes = System.Text.Encoding.ASCII.GetBytes(rtpParameters.Mid);
        var feedback = rtpParameters.Codec.RtcpFeedback;
        NegotiatedNack = feedback is null || Contains(feedback, "nack");
        UsesFir = feedback is not null && !Contains(feedback, "nack pli") && Contains(feedback, "ccm fir");
        ExtensionMap = new Rtp.RtpHeaderExtensionMap();
        foreach (var extension in rtpParameters.HeaderExtensions)
        {
            ExtensionMap.TryAdd(extension.Id, extension.Uri);
        }

        AudioLevelId = ExtensionMap.GetId(Rtp.RtpHeaderExtensionKind.AudioLevel);

        // Layer 0 is the smallest picture: sort the encodings by scaleResolutionDownBy, largest first.
        var order = Enumerable.Range(0, rtpParameters.Encodings.Count)
            .OrderByDescending(i => rtpParameters.Encodings[i].ScaleResolutionDownBy)
            .ThenBy(i => i)
            .ToArray();
        var streams = new ProducerStream[order.Length];
        for (var layer = 0; layer < order.Length; layer++)
        {
            streams[layer] = new ProducerStream(this, layer, rtpParameters.Encodings[order[layer]], options);
        }

        StreamArray = streams;
    }

    public string Id { get; }

    public string ParticipantId { get; }

    public ProducerSource Source { get; }

    public MediaKind Kind => RtpParameters.Kind;

    public RtpParameters RtpParameters { get; }

    public IMediaTransport Transport { get; }

    /// <summary>The streams, by spatial layer (0 = lowest).</summary>
    public IReadOnlyList<ProducerStream> Streams => StreamArray;

    public bool IsSimulcast => Streams.Count > 1;

    /// <summary>Force-muted: nothing it receives is forwarded.</summary>
    public bool Paused { get; internal set; }

    public bool IsClosed { get; internal set; }

    public ProducerMetrics Metrics { get; } = new();

    /// <summary>Raised once when the producer closes (by itself, its transport or its participant leaving).</summary>
    public event EventHandler? Closed;

    internal VideoCodec Codec { get; }

    /// <summary>The streams as an array, so that the periodic work enumerates them without allocating.</summary>
    internal ProducerStream[] StreamArray { get; }

    internal byte[] MidBytes { get; }

    internal bool NegotiatedNack { get; }

    /// <summary>The publisher negotiated "ccm fir" but not "nack pli": keyframes are asked for with FIR (RFC 5104).</summary>
    internal bool UsesFir { get; }

    internal Rtp.RtpHeaderExtensionMap ExtensionMap { get; }

    internal byte AudioLevelId { get; }

    /// <summary>Its consumers; replaced as a whole on change, read on every packet.</summary>
    internal Consumer[] Consumers { get; set; } = [];

    /// <summary>Stops forwarding at once (force-mute); the streams keep being received and repaired.</summary>
    public void Pause() => _router.PauseProducer(this);

    /// <summary>Forwards again; consumers restart at the next keyframe, which is requested.</summary>
    public void Resume() => _router.ResumeProducer(this);

    /// <summary>Closes the producer and its consumers at once.</summary>
    public void Close() => _router.CloseProducer(this);

    /// <summary>Asks the publisher for a keyframe on every stream (throttled).</summary>
    public void RequestKeyframe() => _router.RequestKeyframe(this);

    internal void RaiseClosed() => Closed?.Invoke(this, EventArgs.Empty);

    private static bool Contains(IReadOnlyList<string> feedback, string value)
    {
        foreach (var item in feedback)
        {
            if (string.Equals(item.Trim(), value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
