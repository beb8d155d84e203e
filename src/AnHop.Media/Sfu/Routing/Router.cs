using System.Diagnostics.CodeAnalysis;
using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// The forwarding brain of one meeting (mediasoup's Router). Transports are added with their participant; the
/// router becomes their <see cref="IMediaTransportSink"/>, demultiplexes their RTP to producers by SSRC (learning
/// simulcast SSRCs from mid and rid), fans each packet out to the producer's consumers, and handles RTCP both ways.
/// <para>
/// Concurrency: one lock per router. Every receive (<see cref="OnRtp"/>, <see cref="OnRtcp"/>), every control call
/// and <see cref="Tick()"/> runs under it, so the per-packet path needs no other synchronisation, and a pause or
/// close returns only when no packet of that producer is being forwarded any more. Meetings are independent
/// routers, so different meetings forward in parallel. Events are raised after the lock is released.
/// A stream with many consumers has the copies of each packet shared with fan-out worker threads before the lock
/// is released (<see cref="RouterOptions.FanOutWorkers"/>), so the same holds with fan-out on.
/// </para>
/// </summary>
public sealed partial class Router : IMediaTransportSink
{
    /// <summary>Scratch buffer size: the largest stored packet, an RTX OSN and the transport's protection overhead.</summary>
    public const int ScratchSize = RetransmissionBuffer.SlotSize + RtxPayload.OriginalSequenceNumberLength + IMediaTransport.MaxProtectionOverhead;

    private readonly Lock _sync = new();
    private readonly RouterOptions _options;
    private readonly IProducerGate _gate;
    private readonly long _ticksPerMs;
    private readonly Dictionary<IMediaTransport, RouterTransport> _transports = [];
    private readonly Dictionary<string, Producer> _producers = [];
    private readonly HashSet<uint> _ssrcs = [];
    private readonly List<Action> _pendingEvents = [];
    private readonly byte[] _rtpScratch = new byte[ScratchSize];
    private readonly byte[] _rtcpScratch = new byte[RetransmissionBuffer.SlotSize];
    private readonly ushort[] _nackScratch = new ushort[64];
    private FanOut? _fanOut;
    private int _nextFanOutSlot;
    private long _packetsDropped;
    private long _rtcpDropped;

    public Router(IProducerGate gate, RouterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
        _options = options ?? new RouterOptions();
        _ticksPerMs = Math.Max(1, _options.TimeProvider.TimestampFrequency / 1000);
        ActiveSpeakerObserver = new ActiveSpeakerObserver(_options.ActiveSpeaker);
        ActiveSpeakerObserver.DominantSpeakerChanged += (_, producer) => _pendingEvents.Add(() => DominantSpeakerChanged?.Invoke(this, producer));
    }

    public Router(Func<string, ProducerSource, bool> allows, RouterOptions? options = null)
        : this(new DelegateProducerGate(allows), options)
    {
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public RouterOptions Options => _options;

    /// <summary>Fed from the audio producers' ssrc-audio-level; ticks with the router.</summary>
    public ActiveSpeakerObserver ActiveSpeakerObserver { get; }

    /// <summary>Milliseconds on the router's clock (<see cref="RouterOptions.TimeProvider"/>).</summary>
    public long NowMs => _options.TimeProvider.GetTimestamp() / _ticksPerMs;

    /// <summary>RTP packets refused before reaching a producer (unknown transport or stream, malformed).</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>RTCP compounds that were malformed, or packets in them that were.</summary>
    public long RtcpDropped => Interlocked.Read(ref _rtcpDropped);

    /// <summary>A producer was created; signalling offers it to the other participants.</summary>
    public event EventHandler<Producer>? ProducerAdded;

    /// <summary>The dominant speaker changed (null: the dominant speaker's producer went away).</summary>
    public event EventHandler<Producer?>? DominantSpeakerChanged;

    public IReadOnlyList<Producer> GetProducers()
    {
        lock (_sync)
        {
            return [.. _producers.Values];
        }
    }

    /// <summary>Takes over the transport's receive path (sets <see cref="IMediaTransport.Sink"/>) for a participant.</summary>
    public void AddTransport(IMediaTransport transport, string participantId)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(participantId);
        lock (_sync)
        {
            if (_transports.ContainsKey(transport))
            {
                throw new InvalidOperationException($"transport {transport.Id} is already in router {Id}");
            }

            var state = new RouterTransport(transport, participantId, NewSsrc(), _options.InitialOutgoingBitrate)
            {
                FanOutSlot = _nextFanOutSlot++ & int.MaxValue,
            };
            state.ClosedHandler = (_, _) => RemoveTransport(transport);
            _transports.Add(transport, state);
            transport.Closed += state.ClosedHandler;
            transport.Sink = this;
        }
    }

    /// <summary>Detaches a transport and closes its producers (with their consumers) and its consumers at once.</summary>
    public void RemoveTransport(IMediaTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        lock (_sync)
        {
            RemoveTransportLocked(transport);
        }

        RaisePendingEvents();
    }

    /// <summary>A participant leaves or is removed: all its transports are detached and closed, with everything on them.</summary>
    public void RemoveParticipant(string participantId)
    {
        List<IMediaTransport> removed = [];
        lock (_sync)
        {
            foreach (var state in _transports.Values)
            {
                if (state.ParticipantId == participantId)
                {
                    removed.Add(state.Transport);
                }
            }

            foreach (var transport in removed)
            {
                RemoveTransportLocked(transport);
            }
        }

        foreach (var transport in removed)
        {
            transport.Close();
        }

        RaisePendingEvents();
    }

    /// <summary>Creates a producer, if the gate allows it; <see cref="ProducerRefusedException"/> otherwise.</summary>
    public Producer Produce(IMediaTransport transport, ProducerSource source, RtpParameters rtpParameters)
    {
        if (!TryProduce(transport, source, rtpParameters, out var producer))
        {
            throw new ProducerRefusedException(ParticipantOf(transport), source);
        }

        return producer;
    }

    /// <summary>Creates a producer, if the gate allows it. Invalid parameters still throw <see cref="ArgumentException"/>.</summary>
    public bool TryProduce(IMediaTransport transport, ProducerSource source, RtpParameters rtpParameters,
        [NotNullWhen(true)] out Producer? producer)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(rtpParameters);
        Validate(source, rtpParameters);
        lock (_sync)
        {
            var state = StateOf(transport);
            if (!_gate.Allows(state.ParticipantId, source))
            {
                producer = null;
                return false;
            }

            foreach (var existing in state.Producers)
            {
                if (existing.RtpParameters.Mid == rtpParameters.Mid)
                {
                    throw new ArgumentException($"mid {rtpParameters.Mid} is already produced on transport {transport.Id}", nameof(rtpParameters));
                }
            }

            foreach (var encoding in rtpParameters.Encodings)
            {
                if ((encoding.Ssrc is { } ssrc && (state.MediaStreams.ContainsKey(ssrc) || state.RtxStreams.ContainsKey(ssrc)))
                    || (encoding.RtxSsrc is { } rtx && (state.MediaStreams.ContainsKey(rtx) || state.RtxStreams.ContainsKey(rtx))))
                {
                    throw new ArgumentException("an SSRC of these encodings is already in use on the transport", nameof(rtpParameters));
                }
            }

            producer = new Producer(this, transport, state.ParticipantId, source, rtpParameters, _options);
            foreach (var stream in producer.Streams)
            {
                if (stream.Ssrc is { } ssrc)
                {
                    state.MediaStreams[ssrc] = stream;
                }

                if (stream.RtxSsrc is { } rtxSsrc)
                {
                    state.RtxStreams[rtxSsrc] = stream;
                }
            }

            state.Producers.Add(producer);
            state.RebuildExtensionMap();
            _producers.Add(producer.Id, producer);
            if (producer.Kind == MediaKind.Audio)
            {
                ActiveSpeakerObserver.AddProducer(producer);
            }

            var added = producer;
            _pendingEvents.Add(() => ProducerAdded?.Invoke(this, added));
        }

        RaisePendingEvents();
        return true;
    }

    /// <summary>
    /// What a consumer of <paramref name="producer"/> sends, for the negotiation layer to put in the subscriber's SDP:
    /// the producer's codec and payload types, one encoding with fresh SSRC (and RTX SSRC when the codec has RTX),
    /// the producer's header extension ids without mid, rid and repaired-rid, and the producer's CNAME (for lip sync).
    /// Forwarded packets still carry the publisher's mid; were the subscriber told that extension's id, its BUNDLE
    /// demux (RFC 8843 §9.2) would route every stream to the m-line whose mid the publisher happened to use. Without it,
    /// the subscriber demultiplexes by the SSRCs its offer signalled. The transport-wide sequence number is left out too:
    /// it counts the publisher's packets, so a subscriber's feedback on it would be meaningless.
    /// </summary>
    public RtpParameters CreateConsumerParameters(Producer producer, string mid)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(mid);
        lock (_sync)
        {
            var ssrc = NewSsrc();
            uint? rtxSsrc = producer.RtpParameters.Codec.RtxPayloadType is null ? null : NewSsrc();
            var extensions = producer.RtpParameters.HeaderExtensions
                .Where(e => RtpHeaderExtensionUris.KindOf(e.Uri) is not (RtpHeaderExtensionKind.Mid or RtpHeaderExtensionKind.RtpStreamId
                    or RtpHeaderExtensionKind.RepairedRtpStreamId or RtpHeaderExtensionKind.TransportWideSequenceNumber))
                .ToArray();
            return new RtpParameters(mid, producer.RtpParameters.Codec, [new RtpEncoding(ssrc, rtxSsrc)], extensions, producer.RtpParameters.Cname);
        }
    }

    /// <summary>Creates a consumer of <paramref name="producer"/> on a subscriber's transport; a keyframe is requested for it.</summary>
    public Consumer Consume(IMediaTransport transport, Producer producer, RtpParameters rtpParameters, bool paused = false)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(rtpParameters);
        Consumer consumer;
        lock (_sync)
        {
            var state = StateOf(transport);
            if (producer.IsClosed || !_producers.ContainsKey(producer.Id))
            {
                throw new InvalidOperationException($"producer {producer.Id} is closed or not in router {Id}");
            }

            consumer = new Consumer(this, producer, transport, state.ParticipantId, rtpParameters, paused, state.FanOutSlot);
            if (state.ConsumersBySsrc.ContainsKey(consumer.Ssrc) || (consumer.RtxSsrc is { } rtx && state.ConsumersBySsrc.ContainsKey(rtx)))
            {
                throw new ArgumentException("the consumer's SSRC is already in use on the transport", nameof(rtpParameters));
            }

            _ssrcs.Add(consumer.Ssrc);
            state.ConsumersBySsrc.Add(consumer.Ssrc, consumer);
            if (consumer.RtxSsrc is { } rtxSsrc)
            {
                _ssrcs.Add(rtxSsrc);
                state.ConsumersBySsrc.Add(rtxSsrc, consumer);
            }

            state.Consumers.Add(consumer);
            producer.Consumers = [.. producer.Consumers, consumer];
            var now = NowMs;
            consumer.ChooseTargetLayer(BudgetOf(state), now, _options.LayerInactivityMs);
            if (!paused)
            {
                RequestKeyframe(consumer, now);
            }
        }

        return consumer;
    }

    /// <summary>Closes a producer and its consumers at once (same as <see cref="Producer.Close"/>).</summary>
    public void CloseProducer(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        lock (_sync)
        {
            CloseProducerLocked(producer);
        }

        RaisePendingEvents();
    }

    /// <summary>Runs <see cref="Tick()"/> from a timer of the router's <see cref="TimeProvider"/>; dispose it to stop.</summary>
    public ITimer StartTicking(TimeSpan period) => _options.TimeProvider.CreateTimer(_ => Tick(), null, period, period);

    internal void PauseProducer(Producer producer)
    {
        lock (_sync)
        {
            producer.Paused = true;
        }
    }

    internal void ResumeProducer(Producer producer)
    {
        lock (_sync)
        {
            if (!producer.Paused || producer.IsClosed)
            {
                return;
            }

            producer.Paused = false;
            var now = NowMs;
            foreach (var consumer in producer.Consumers)
            {
                consumer.Restart();
                if (!consumer.Paused)
                {
                    RequestKeyframe(consumer, now);
                }
            }
        }
    }

    internal void PauseConsumer(Consumer consumer)
    {
        lock (_sync)
        {
            consumer.Paused = true;
        }
    }

    internal void ResumeConsumer(Consumer consumer)
    {
        lock (_sync)
        {
            if (!consumer.Paused || consumer.IsClosed)
            {
                return;
            }

            consumer.Paused = false;
            consumer.Restart();
            RequestKeyframe(consumer, NowMs);
        }
    }

    internal void CloseConsumer(Consumer consumer)
    {
        lock (_sync)
        {
            CloseConsumerLocked(consumer);
        }

        RaisePendingEvents();
    }

    internal void SetPreferredLayer(Consumer consumer, int layer)
    {
        lock (_sync)
        {
            if (consumer.IsClosed)
            {
                return;
            }

            consumer.PreferredLayer = Math.Clamp(layer, 0, consumer.Producer.Streams.Count - 1);
            if (_transports.TryGetValue(consumer.Transport, out var state))
            {
                var now = NowMs;
                if (consumer.ChooseTargetLayer(BudgetOf(state), now, _options.LayerInactivityMs))
                {
                    RequestKeyframe(consumer, now);
                }
            }
        }
    }

    internal void RequestKeyframe(Producer producer)
    {
        lock (_sync)
        {
            var now = NowMs;
            foreach (var stream in producer.Streams)
            {
                RequestKeyframe(stream, now);
            }
        }
    }

    private void RemoveTransportLocked(IMediaTransport transport)
    {
        if (!_transports.Remove(transport, out var state))
        {
            return;
        }

        transport.Closed -= state.ClosedHandler;
        if (ReferenceEquals(transport.Sink, this))
        {
            transport.Sink = null;
        }

        foreach (var producer in state.Producers.ToArray())
        {
            CloseProducerLocked(producer);
        }

        foreach (var consumer in state.Consumers.ToArray())
        {
            CloseConsumerLocked(consumer);
        }
    }

    private void CloseProducerLocked(Producer producer)
    {
        if (producer.IsClosed)
        {
            return;
        }

        producer.IsClosed = true;
        foreach (var consumer in producer.Consumers)
        {
            CloseConsumerLocked(consumer);
        }

        if (_transports.TryGetValue(producer.Transport, out var state))
        {
            state.Producers.Remove(producer);
            foreach (var stream in producer.Streams)
            {
                if (stream.Ssrc is { } ssrc && state.MediaStreams.TryGetValue(ssrc, out var s) && s == stream)
                {
                    state.MediaStreams.Remove(ssrc);
                }

                if (stream.RtxSsrc is { } rtx && state.RtxStreams.TryGetValue(rtx, out var r) && r == stream)
                {
                    state.RtxStreams.Remove(rtx);
                }
            }
        }

        _producers.Remove(producer.Id);
        ActiveSpeakerObserver.RemoveProducer(producer);
        _pendingEvents.Add(producer.RaiseClosed);
    }

    private void CloseConsumerLocked(Consumer consumer)
    {
        if (consumer.IsClosed)
        {
            return;
        }

        consumer.IsClosed = true;
        var producer = consumer.Producer;
        producer.Consumers = Array.FindAll(producer.Consumers, c => c != consumer);
        if (_transports.TryGetValue(consumer.Transport, out var state))
        {
            state.Consumers.Remove(consumer);
            state.ConsumersBySsrc.Remove(consumer.Ssrc);
            if (consumer.RtxSsrc is { } rtx)
            {
                state.ConsumersBySsrc.Remove(rtx);
            }
        }

        _pendingEvents.Add(consumer.RaiseClosed);
    }

    private void RaisePendingEvents()
    {
        Action[] events;
        lock (_sync)
        {
            if (_pendingEvents.Count == 0)
            {
                return;
            }

            events = [.. _pendingEvents];
            _pendingEvents.Clear();
        }

        foreach (var raise in events)
        {
            raise();
        }
    }

    private RouterTransport StateOf(IMediaTransport transport) =>
        _transports.TryGetValue(transport, out var state)
            ? state
            : throw new InvalidOperationException($"transport {transport.Id} is not in router {Id}");

    private string ParticipantOf(IMediaTransport transport)
    {
        lock (_sync)
        {
            return _transports.TryGetValue(transport, out var state) ? state.ParticipantId : "";
        }
    }

    /// <summary>A fresh SSRC, unique within the router (RFC 3550 §8.1: random).</summary>
    private uint NewSsrc()
    {
        uint ssrc;
        do
        {
            ssrc = (uint)Random.Shared.NextInt64(1, 1L << 32);
        }
        while (!_ssrcs.Add(ssrc));

        return ssrc;
    }

    private static void Validate(ProducerSource source, RtpParameters parameters)
    {
        if (parameters.Encodings.Count is 0 or > 4)
        {
            throw new ArgumentException("a producer has one to four encodings", nameof(parameters));
        }

        if (parameters.Codec.PayloadType > 127 || parameters.Codec.RtxPayloadType > 127 || parameters.Codec.ClockRate < 1)
        {
            throw new ArgumentException("payload types are 7 bits and the clock rate is positive", nameof(parameters));
        }

        var audioSource = source is ProducerSource.Microphone or ProducerSource.ScreenAudio;
        if (audioSource != (parameters.Kind == MediaKind.Audio))
        {
            throw new ArgumentException($"a {source} producer cannot carry {parameters.Codec.MimeType}", nameof(parameters));
        }

        if (parameters.Encodings.Count > 1)
        {
            foreach (var encoding in parameters.Encodings)
            {
                if (encoding.Rid is null && encoding.Ssrc is null)
                {
                    throw new ArgumentException("a simulcast encoding needs an rid or an SSRC", nameof(parameters));
                }
            }
        }
    }
}
