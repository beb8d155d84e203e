using System.Collections.Concurrent;
using AnHop.Core.Meetings;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;
using LiveMeetings = AnHop.Core.Meetings.Live.LiveMeetings;

namespace AnHop.Server.Media;

/// <summary>
/// Connects the meeting hub to the SFU: transports per participant, producers from publish offers (through the
/// capability gate), a consumer of every other participant's producers, and the receive-connection offers that
/// carry them. Signalling for one meeting runs under that meeting's lock, so offers are made in a clear order.
/// </summary>
public sealed class MeetingMedia(SfuHost sfu, IHubContext<MeetingHub> hub, LiveMeetings meetings, ILogger<MeetingMedia> logger)
{
    private readonly ConcurrentDictionary<string, MeetingRoom> _rooms = new(StringComparer.Ordinal);

    public async Task JoinAsync(MeetingParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var room = _rooms.GetOrAdd(participant.MeetingId, id => new MeetingRoom(id, meetings));
        await room.Gate.WaitAsync();
        try
        {
            var router = sfu.RouterFor(room.MeetingId, room, created => created.DominantSpeakerChanged += (_, producer) =>
                _ = hub.Clients.Group(room.MeetingId).SendAsync("ActiveSpeaker", producer?.ParticipantId));
            var send = sfu.Server.CreateWebRtcTransport();
            var receive = sfu.Server.CreateWebRtcTransport();
            router.AddTransport(send, participant.ParticipantId);
            router.AddTransport(receive, participant.ParticipantId);
            var media = new ParticipantMedia(participant, send, receive, new SubscribeNegotiation(Describe(receive)));
            receive.Connected += (_, _) => _ = StartConsumersAsync(room, media);
            room.Participants[participant.ParticipantId] = media;
            foreach (var other in room.Participants.Values.Where(p => p != media))
            {
                foreach (var producer in other.Producers.Values)
                {
                    AddConsumer(room, router, media, producer);
                }
            }

            await OfferIfNeededAsync(media);
            SfuLog.Joined(logger, participant.ParticipantId, participant.MeetingId);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>The browser's (re)offer on its send connection: answers it and turns new m-lines into producers.</summary>
    public async Task<PublishResult> PublishAsync(MeetingParticipant participant, string offerSdp, IReadOnlyList<PublishedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var room = RoomOf(participant);
        await room.Gate.WaitAsync();
        try
        {
            var media = room.Participants.GetValueOrDefault(participant.ParticipantId) ?? throw new HubException("Join the meeting first.");
            if (!PublishNegotiation.TryAnswer(offerSdp, Describe(media.Send), SfuCapabilities.Default, out var answer, out var reason))
            {
                SfuLog.NegotiationFailed(logger, participant.ParticipantId, reason);
                throw new HubException("The offer was refused: " + reason);
            }

            if (!media.SendConnected)
            {
                media.Send.SetRemoteParameters(answer.RemoteIceUfrag, answer.RemoteIcePwd, answer.RemoteFingerprint);
                media.SendConnected = true;
            }

            var router = sfu.RouterFor(room.MeetingId, room);
            var refused = new List<RefusedSource>();
            var added = new List<Producer>();
            var live = answer.Tracks.Select(t => t.Mid).ToHashSet(StringComparer.Ordinal);
            foreach (var track in answer.Tracks.Where(t => !media.Producers.ContainsKey(t.Mid)))
            {
                var source = SourceOf(track, sources);
                if (source is null)
                {
                    refused.Add(new RefusedSource(track.Mid, "the source of this track was not named, or does not match its kind"));
                    continue;
                }

                if (!router.TryProduce(media.Send, source.Value, track.Parameters, out var producer))
                {
                    SfuLog.ProducerRefused(logger, participant.ParticipantId, source.Value.ToString(), "not allowed");
                    refused.Add(new RefusedSource(track.Mid, "not allowed"));
                    continue;
                }

                media.Producers[track.Mid] = producer;
                added.Add(producer);
            }

            // m-lines the browser stopped (port 0 or inactive) end their producers.
            foreach (var (mid, producer) in media.Producers.Where(p => !live.Contains(p.Key)).ToList())
            {
                media.Producers.Remove(mid);
                await EndProducerAsync(room, producer);
            }

            foreach (var producer in added)
            {
                foreach (var other in room.Participants.Values.Where(p => p != media))
                {
                    AddConsumer(room, router, other, producer);
                }
            }

            foreach (var other in room.Participants.Values.Where(p => p != media))
            {
                await OfferIfNeededAsync(other);
            }

            return new PublishResult(answer.Sdp, refused);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>The browser's answer to the SFU's latest offer on the receive connection.</summary>
    public async Task AnswerSubscriptionAsync(MeetingParticipant participant, string answerSdp)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var room = RoomOf(participant);
        await room.Gate.WaitAsync();
        try
        {
            var media = room.Participants.GetValueOrDefault(participant.ParticipantId) ?? throw new HubException("Join the meeting first.");
            if (!media.Subscribe.TryAcceptAnswer(answerSdp, out var answer, out var reason))
            {
                SfuLog.NegotiationFailed(logger, participant.ParticipantId, reason);
                throw new HubException("The answer was refused: " + reason);
            }

            if (answer.RemoteFingerprint is not null && !media.Receive.IsConnected)
            {
                media.Receive.SetRemoteParameters(answer.RemoteIceUfrag, answer.RemoteIcePwd, answer.RemoteFingerprint);
            }

            if (media.OfferOutdated)
            {
                media.OfferOutdated = false;
                await OfferIfNeededAsync(media);
            }
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>
    /// Stops or starts receiving one track (a producer of another participant), e.g. to hide a video and save
    /// bandwidth. Unsubscribing ends the consumer and its m-line goes inactive; subscribing again makes a new one.
    /// </summary>
    public async Task SetSubscribedAsync(MeetingParticipant participant, string trackId, bool subscribed)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var room = RoomOf(participant);
        await room.Gate.WaitAsync();
        try
        {
            var media = room.Participants.GetValueOrDefault(participant.ParticipantId) ?? throw new HubException("Join the meeting first.");
            if (!subscribed)
            {
                if (!media.Unsubscribed.Add(trackId))
                {
                    return;
                }

                EndConsumersOf(media, c => c.Producer.Id == trackId);
            }
            else
            {
                var producer = room.Participants.Values.Where(p => p != media).SelectMany(p => p.Producers.Values).FirstOrDefault(p => p.Id == trackId);
                if (!media.Unsubscribed.Remove(trackId) || producer is null)
                {
                    return;
                }

                AddConsumer(room, sfu.RouterFor(room.MeetingId, room), media, producer);
            }

            await OfferIfNeededAsync(media);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>
    /// Chooses the simulcast layer for one consumer from the size the subscriber shows it at: up to a quarter of
    /// full height the quarter layer, up to half the half layer, else the full one (publishers send 1/4, 1/2, 1).
    /// </summary>
    public async Task SetVideoSizeAsync(MeetingParticipant participant, string trackId, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var room = RoomOf(participant);
        await room.Gate.WaitAsync();
        try
        {
            var media = room.Participants.GetValueOrDefault(participant.ParticipantId);
            var consumer = media?.Consumers.FirstOrDefault(c => c.Consumer is not null && c.Description.TrackId == trackId).Consumer;
            if (consumer is null || !consumer.Producer.IsSimulcast)
            {
                return;
            }

            var shown = Math.Clamp(Math.Max(width * 3 / 4, height), 0, 4320);
            consumer.SetPreferredLayer(shown <= FullHeight / 4 ? 0 : shown <= FullHeight / 2 ? 1 : consumer.Producer.Streams.Count - 1);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    // The height the full simulcast layer is assumed to have: the camera AnHop asks for is 640x480.
    private const int FullHeight = 480;

    /// <summary>Leaving (or a lost connection): the participant's media stops at once and the others are told.</summary>
    public Task LeaveAsync(MeetingParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return RemoveAsync(participant.MeetingId, participant.ParticipantId);
    }

    /// <summary>
    /// Takes a participant's media out (leaving, a lost connection, removal, ban, the end of the meeting): their
    /// producers, consumers and both transports close at once and the others are told.
    /// </summary>
    public async Task RemoveAsync(string meetingId, string participantId)
    {
        if (!_rooms.TryGetValue(meetingId, out var room))
        {
            return;
        }

        await room.Gate.WaitAsync();
        try
        {
            if (!room.Participants.Remove(participantId, out _))
            {
                return;
            }

            // Closes the participant's producers, consumers and both transports at once.
            sfu.RouterFor(room.MeetingId, room).RemoveParticipant(participantId);
            foreach (var other in room.Participants.Values)
            {
                EndConsumersOf(other, c => c.Producer.ParticipantId == participantId);
                await OfferIfNeededAsync(other);
            }

            await hub.Clients.Group(room.MeetingId).SendAsync("ParticipantLeft", participantId);
            SfuLog.Left(logger, participantId, meetingId);
            if (room.Participants.Count == 0)
            {
                sfu.DropRouter(room.MeetingId);
                _rooms.TryRemove(room.MeetingId, out _);
            }
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>
    /// Lets go of a meeting's media when its live room is let go: media of anyone the meeting's live room (if a newer
    /// one opened meanwhile) does not know closes — normally nobody's: everyone left, dropped or was put out — and once
    /// none is left the meeting's router stops.
    /// </summary>
    public async Task ReleaseAsync(string meetingId)
    {
        if (!_rooms.TryGetValue(meetingId, out var room))
        {
            return;
        }

        var live = meetings.Find(meetingId);
        foreach (var participantId in await ParticipantIdsAsync(room))
        {
            if (live is null || !live.Holds(participantId))
            {
                await RemoveAsync(meetingId, participantId);
            }
        }

        // RemoveAsync lets go with the last participant; a media room that never had one goes here.
        await room.Gate.WaitAsync();
        try
        {
            if (room.Participants.Count == 0 && _rooms.TryRemove(new KeyValuePair<string, MeetingRoom>(meetingId, room)))
            {
                sfu.DropRouter(meetingId);
            }
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>How many meetings have media state here (diagnostics and tests: 0 once every room is let go).</summary>
    internal int MeetingCount => _rooms.Count;

    /// <summary>
    /// The enforcement hook after a participant's capabilities changed (muted, camera stopped, screen sharing revoked,
    /// role taken): every producer of a source they may no longer publish closes at once, and without Subscribe their
    /// consumers end. The SFU's gate refuses new producers of those sources from then on.
    /// </summary>
    public async Task EnforceAsync(string meetingId, string participantId)
    {
        if (!_rooms.TryGetValue(meetingId, out var room))
        {
            return;
        }

        await room.Gate.WaitAsync();
        try
        {
            if (!room.Participants.TryGetValue(participantId, out var media))
            {
                return;
            }

            foreach (var (mid, producer) in media.Producers.Where(p => !room.Allows(participantId, p.Value.Source)).ToList())
            {
                media.Producers.Remove(mid);
                SfuLog.ProducerRefused(logger, participantId, producer.Source.ToString(), "capability revoked");
                await EndProducerAsync(room, producer);
            }

            if (!room.CapabilitiesOf(participantId).HasFlag(Capabilities.Subscribe))
            {
                EndConsumersOf(media, _ => true);
                await OfferIfNeededAsync(media);
            }

            foreach (var other in room.Participants.Values.Where(p => p != media))
            {
                await OfferIfNeededAsync(other);
            }
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>The simulcast layers one subscriber's video consumers prefer and receive (diagnostics and tests).</summary>
    internal IReadOnlyList<(string TrackId, int Preferred, int Current)> VideoLayers(string meetingId, string participantId) =>
        _rooms.TryGetValue(meetingId, out var room) && room.Participants.TryGetValue(participantId, out var media)
            ? media.Consumers.ToArray().Where(c => c.Consumer is { Kind: MediaKind.Video, IsClosed: false })
                .Select(c => (c.Description.TrackId, c.Consumer!.PreferredLayer, c.Consumer.CurrentLayer)).ToList()
            : [];

    /// <summary>A text picture of one meeting's media state, for diagnosing tests and support cases (no secrets in it).</summary>
    public string Describe(string meetingId)
    {
        if (!_rooms.TryGetValue(meetingId, out var room))
        {
            return $"meeting {meetingId}: no media";
        }

        var text = new System.Text.StringBuilder();
        foreach (var media in room.Participants.Values.ToArray())
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{media.Participant.ParticipantId}: send {media.Send} recv {media.Receive}\n");
            foreach (var (mid, producer) in media.Producers.ToArray())
            {
                var m = producer.Metrics.Snapshot();
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"  producer mid {mid} {producer.Source} ssrcs [{string.Join(",", producer.Streams.Select(s => $"{s.Rid}:{s.Ssrc}"))}] in {m.PacketsIn} dropped {m.PacketsDropped}\n");
            }

            foreach (var (description, consumer) in media.Consumers.ToArray())
            {
                var c = consumer?.Metrics.Snapshot();
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"  consumer mid {description.Mid} active {description.Active} of {description.StreamId} {consumer?.Kind} ssrc {consumer?.Ssrc} layers preferred {consumer?.PreferredLayer} target {consumer?.TargetLayer} current {consumer?.CurrentLayer} {c}\n");
            }
        }

        return text.ToString();
    }

    private async Task EndProducerAsync(MeetingRoom room, Producer producer)
    {
        producer.Close();
        foreach (var other in room.Participants.Values)
        {
            EndConsumersOf(other, c => c.Producer == producer);
        }

        await hub.Clients.Group(room.MeetingId).SendAsync("ProducerClosed", producer.ParticipantId, SourceName(producer.Source));
    }

    private static void EndConsumersOf(ParticipantMedia media, Func<Consumer, bool> match)
    {
        for (var i = 0; i < media.Consumers.Count; i++)
        {
            var (description, consumer) = media.Consumers[i];
            if (consumer is not null && match(consumer))
            {
                consumer.Close();
                media.Consumers[i] = (description with { Active = false }, null);
            }
        }
    }

    private static void AddConsumer(MeetingRoom room, Router router, ParticipantMedia subscriber, Producer producer)
    {
        if (!room.CapabilitiesOf(subscriber.Participant.ParticipantId).HasFlag(Capabilities.Subscribe) || subscriber.Unsubscribed.Contains(producer.Id))
        {
            return;
        }

        var mid = NextMid(subscriber);
        var parameters = router.CreateConsumerParameters(producer, mid);
        var consumer = router.Consume(subscriber.Receive, producer, parameters, paused: !subscriber.Receive.IsConnected);
        var description = new ConsumerDescription(mid, parameters, producer.ParticipantId, producer.Id);
        subscriber.Consumers.Add((description, consumer));
    }

    private static string NextMid(ParticipantMedia subscriber) => (subscriber.NextMid++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task OfferIfNeededAsync(ParticipantMedia media)
    {
        if (media.Consumers.Count == 0)
        {
            return;
        }

        if (media.Subscribe.HasPendingOffer)
        {
            media.OfferOutdated = true;
            return;
        }

        string offer;
        try
        {
            offer = media.Subscribe.CreateOffer(media.Consumers.Select(c => c.Description).ToList());
        }
        catch (ArgumentException ex)
        {
            // Two publishers' parameters cannot share this subscriber's BUNDLE (one payload type or extension id
            // meaning two things): this subscriber keeps its current streams rather than break them all.
            SfuLog.NegotiationFailed(logger, media.Participant.ParticipantId, ex.Message);
            return;
        }

        // What each track is (camera, screen, microphone), so the client never has to guess a screen from its order.
        var sources = media.Consumers.Where(c => c.Consumer is not null)
            .ToDictionary(c => c.Description.TrackId, c => SourceName(c.Consumer!.Producer.Source), StringComparer.Ordinal);
        await hub.Clients.Client(media.Participant.ConnectionId).SendAsync("SubscriptionOffer", offer, sources);
    }

    /// <summary>
    /// Consumers made before the receive transport connected wait paused (a keyframe asked for then would reach nobody);
    /// once it connects they start, each asking its publisher for a keyframe at once.
    /// </summary>
    private static async Task StartConsumersAsync(MeetingRoom room, ParticipantMedia media)
    {
        await room.Gate.WaitAsync();
        try
        {
            foreach (var (_, consumer) in media.Consumers)
            {
                if (consumer is { IsClosed: false, Paused: true })
                {
                    consumer.Resume();
                }
            }
        }
        finally
        {
            room.Gate.Release();
        }
    }

    private TransportDescription Describe(WebRtcTransport transport)
    {
        var server = sfu.Server;
        return new TransportDescription(transport.LocalUfrag, transport.LocalPassword, transport.LocalFingerprint,
            [server.AnnouncedUdpEndPoint], server.AnnouncedTcpEndPoint is { } tcp ? [tcp] : null);
    }

    private static async Task<List<string>> ParticipantIdsAsync(MeetingRoom room)
    {
        await room.Gate.WaitAsync();
        try
        {
            return [.. room.Participants.Keys];
        }
        finally
        {
            room.Gate.Release();
        }
    }

    private MeetingRoom RoomOf(MeetingParticipant participant) =>
        _rooms.GetValueOrDefault(participant.MeetingId) ?? throw new HubException("Join the meeting first.");

    /// <summary>The client names each m-line's source; the server checks it against the track's kind.</summary>
    private static ProducerSource? SourceOf(PublishedTrack track, IReadOnlyList<PublishedSource> sources)
    {
        var named = sources.FirstOrDefault(s => s.Mid == track.Mid)?.Source;
        return (named, track.Kind) switch
        {
            ("microphone", MediaKind.Audio) => ProducerSource.Microphone,
            ("camera", MediaKind.Video) => ProducerSource.Camera,
            ("screen", MediaKind.Video) => ProducerSource.Screen,
            ("screen", MediaKind.Audio) => ProducerSource.ScreenAudio,
            _ => null,
        };
    }

    private static string SourceName(ProducerSource source) => source switch
    {
        ProducerSource.Microphone => "microphone",
        ProducerSource.Camera => "camera",
        _ => "screen",
    };

    /// <summary>One meeting's participants, its signalling lock, and the capability gate its router asks.</summary>
    private sealed class MeetingRoom(string meetingId, LiveMeetings meetings) : IProducerGate
    {
        public string MeetingId { get; } = meetingId;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<string, ParticipantMedia> Participants { get; } = new(StringComparer.Ordinal);

        // Asked by Router.TryProduce, which the hub calls while holding Gate.
        // Capabilities are the live room's, so a revoked one refuses the next producer at once.
        public bool Allows(string participantId, ProducerSource source) =>
            Participants.ContainsKey(participantId) && (CapabilitiesOf(participantId) & Required(source)) != 0;

        public Capabilities CapabilitiesOf(string participantId) =>
            meetings.Find(MeetingId)?.CapabilitiesOf(participantId) ?? Capabilities.None;

        private static Capabilities Required(ProducerSource source) => source switch
        {
            ProducerSource.Microphone => Capabilities.PublishAudio,
            ProducerSource.Camera => Capabilities.PublishVideo,
            _ => Capabilities.PublishScreen,
        };
    }
}

public sealed record PublishedSource(string Mid, string Source);

public sealed record RefusedSource(string Mid, string Reason);

public sealed record PublishResult(string AnswerSdp, IReadOnlyList<RefusedSource> Refused);
