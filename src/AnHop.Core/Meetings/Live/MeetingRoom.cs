using AnHop.Core.Policies;
using AnHop.Core.Security;

namespace AnHop.Core.Meetings.Live;

/// <summary>
/// One running meeting: the waiting room, who is in, what each may do, and the host's controls (DESIGN §3).
/// Every operation runs under the room's one lock, recomputes capabilities with <see cref="CapabilityResolver"/>
/// and returns the events it caused; the hub sends them and the SFU enforces them. The room trusts nothing a client
/// says: actors are participant ids the hub took from a redeemed ticket.
/// </summary>
public sealed partial class MeetingRoom
{
    /// <summary>How long a dropped participant may come back without the waiting room (and an admitted one may take to join).</summary>
    public static readonly TimeSpan RejoinWindow = TimeSpan.FromMinutes(2);

    public const int ChatHistoryLimit = 200;

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, LiveParticipant> _participants = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiting = [];
    private readonly List<MeetingBanRule> _bans;
    private readonly List<MeetingBanRule> _removed = [];
    private readonly Queue<ChatMessage> _chat = new();
    private bool _locked;
    private bool _chatEnabled;
    private bool _ended;
    private bool _released;
    private DateTimeOffset? _emptySince;

    public MeetingRoom(Guid meetingId, string title, MeetingPolicy policy, TimeProvider clock, IEnumerable<MeetingBanRule>? bans = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        MeetingId = meetingId;
        Title = title ?? "";
        Policy = policy;
        _clock = clock;
        _bans = [.. bans ?? []];
        _chatEnabled = policy.ChatEnabled;
    }

    public Guid MeetingId { get; }

    /// <summary>The meeting id as tickets, groups and the SFU name it.</summary>
    public string Id => MeetingId.ToString();

    public string Title { get; }

    public MeetingPolicy Policy { get; }

    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Let go by <see cref="TryRelease"/>: nobody can come in any more; a later knock needs a fresh room.</summary>
    public bool Released
    {
        get
        {
            lock (_gate)
            {
                return _released;
            }
        }
    }

    /// <summary>A person with an admission pass asks to come in on <paramref name="endpoint"/>.</summary>
    public KnockResult Knock(AdmissionPass pass, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        lock (_gate)
        {
            Purge();
            var problem = pass.MeetingId != MeetingId ? "The pass is for another meeting."
                : _released ? ReleasedProblem
                : _ended ? "The meeting has ended."
                : IsKeptOut(pass) ? "You cannot join this meeting."
                : _locked && !IsHostRole(pass.Role) ? "The meeting is locked."
                : _waiting.Any(w => w.Endpoint == endpoint) || _participants.Values.Any(p => p.Endpoint == endpoint) ? "This connection has knocked already."
                : null;
            if (problem is not null)
            {
                return new KnockResult(KnockState.Refused, null, null, Capabilities.None, problem, []);
            }

            // Someone came: an emptiness seen before no longer counts towards releasing the room.
            _emptySince = null;
            var before = Snapshot();
            var events = new List<RoomEvent>();
            if (EntersDirectly(pass))
            {
                if (IsFull())
                {
                    return new KnockResult(KnockState.Refused, null, null, Capabilities.None, "The meeting is full.", []);
                }

                var participant = AddParticipant(pass);
                Recompute(before, events);
                return new KnockResult(KnockState.Admitted, null, participant.View(), participant.Capabilities, null, events);
            }

            var waiter = new Waiter(NewId(), pass, endpoint, _clock.GetUtcNow());
            _waiting.Add(waiter);
            events.Add(new WaiterKnocked(waiter.View(), HostEndpoints()));
            events.Add(WaitingList());
            return new KnockResult(KnockState.Waiting, waiter.Id, null, Capabilities.None, null, events);
        }
    }

    /// <summary>The waiting connection went away.</summary>
    public RoomResult LeaveWaiting(string endpoint) => Change(events =>
    {
        if (_waiting.RemoveAll(w => w.Endpoint == endpoint) > 0)
        {
            events.Add(WaitingList());
        }

        return null;
    });

    public RoomResult Admit(string actorId, string waiterId) => Moderate(actorId, (_, events) =>
    {
        var waiter = _waiting.FirstOrDefault(w => w.Id == waiterId);
        if (waiter is null)
        {
            return "Nobody with this id is waiting.";
        }

        if (IsFull())
        {
            return "The meeting is full.";
        }

        AdmitWaiter(waiter, events);
        events.Add(WaitingList());
        return null;
    });

    public RoomResult AdmitAll(string actorId) => Moderate(actorId, (_, events) =>
    {
        foreach (var waiter in _waiting.ToList())
        {
            if (IsFull())
            {
                break;
            }

            AdmitWaiter(waiter, events);
        }

        events.Add(WaitingList());
        return null;
    });

    public RoomResult Deny(string actorId, string waiterId) => Moderate(actorId, (_, events) =>
    {
        var waiter = _waiting.FirstOrDefault(w => w.Id == waiterId);
        if (waiter is null)
        {
            return "Nobody with this id is waiting.";
        }

        _waiting.Remove(waiter);
        events.Add(new WaiterDenied(waiter.Endpoint));
        events.Add(WaitingList());
        return null;
    });

    public RoomResult SetLocked(string actorId, bool locked) => Moderate(actorId, (_, events) =>
    {
        _locked = locked;
        events.Add(new MeetingUpdated(_locked, _chatEnabled));
        return null;
    });

    public RoomResult SetChatEnabled(string actorId, bool enabled) => Moderate(actorId, (_, events) =>
    {
        if (enabled && !Policy.ChatEnabled)
        {
            return "The policy turns chat off for this meeting.";
        }

        _chatEnabled = enabled;
        events.Add(new MeetingUpdated(_locked, _chatEnabled));
        return null;
    });

    public RoomResult Remove(string actorId, string targetId) => ModerateTarget(actorId, targetId, (_, target, events) =>
    {
        _removed.Add(MeetingBanRule.For(target.Pass.AccountId, target.Pass.DeviceId, target.Pass.IpAddress));
        PutOut(target, RemovalReason.Removed, events);
        return null;
    });

    /// <summary>Bans a participant or a waiting person for the rest of the meeting (the hub persists <see cref="BanAdded"/>).</summary>
    public RoomResult Ban(string actorId, string targetId) => Moderate(actorId, (actor, events) =>
    {
        AdmissionPass pass;
        if (_participants.TryGetValue(targetId, out var target))
        {
            if (MayNotActOn(actor, target) is { } problem)
            {
                return problem;
            }

            pass = target.Pass;
        }
        else if (_waiting.FirstOrDefault(w => w.Id == targetId) is { } waiter)
        {
            pass = waiter.Pass;
        }
        else
        {
            return "Nobody with this id is in the meeting.";
        }

        var rule = MeetingBanRule.For(pass.AccountId, pass.DeviceId, pass.IpAddress);
        _bans.Add(rule);
        events.Add(new BanAdded(rule));
        foreach (var banned in _participants.Values.Where(p => !p.Hosting && rule.Matches(p.Pass.AccountId, p.Pass.DeviceId, p.Pass.IpAddress)).ToList())
        {
            PutOut(banned, RemovalReason.Banned, events);
        }

        var waiters = _waiting.Where(w => rule.Matches(w.Pass.AccountId, w.Pass.DeviceId, w.Pass.IpAddress)).ToList();
        foreach (var waiter in waiters)
        {
            _waiting.Remove(waiter);
            events.Add(new WaiterDenied(waiter.Endpoint));
        }

        if (waiters.Count > 0)
        {
            events.Add(WaitingList());
        }

        return null;
    });

    public RoomResult Mute(string actorId, string targetId) => ModerateTarget(actorId, targetId, (_, target, _) =>
    {
        target.Grants = target.Grants with { AudioAllowed = false };
        return null;
    });

    /// <summary>Mutes everyone but the hosts and co-hosts.</summary>
    public RoomResult MuteAll(string actorId) => Moderate(actorId, (_, _) =>
    {
        foreach (var participant in _participants.Values.Where(p => !p.Hosting))
        {
            participant.Grants = participant.Grants with { AudioAllowed = false };
        }

        return null;
    });

    /// <summary>Gives the microphone back and asks the person to unmute; they choose whether to.</summary>
    public RoomResult AskToUnmute(string actorId, string targetId) => ModerateTarget(actorId, targetId, (_, target, events) =>
    {
        target.Grants = target.Grants with { AudioAllowed = true };
        events.Add(new UnmuteRequested(target.Id, target.Endpoint, "audio"));
        return null;
    });

    public RoomResult StopCamera(string actorId, string targetId) => ModerateTarget(actorId, targetId, (_, target, _) =>
    {
        target.Grants = target.Grants with { VideoAllowed = false };
        return null;
    });

    /// <summary>Gives the camera back and asks the person to turn it on; they choose whether to.</summary>
    public RoomResult AskToStartCamera(string actorId, string targetId) => ModerateTarget(actorId, targetId, (_, target, events) =>
    {
        target.Grants = target.Grants with { VideoAllowed = true };
        events.Add(new UnmuteRequested(target.Id, target.Endpoint, "video"));
        return null;
    });

    public RoomResult AllowScreenShare(string actorId, string targetId, bool allowed) => ModerateTarget(actorId, targetId, (_, target, _) =>
    {
        target.Grants = target.Grants with { ScreenShare = allowed };
        return null;
    });

    /// <summary>The host makes a participant co-host, or takes it back (host only).</summary>
    public RoomResult MakeCoHost(string actorId, string targetId, bool coHost) => ModerateTarget(actorId, targetId, (actor, target, events) =>
    {
        if (actor.Role != MeetingRole.Host)
        {
            return "Only the host can do this.";
        }

        target.Role = coHost ? MeetingRole.CoHost : BaseRole(target);
        if (coHost && target.Endpoint is { } endpoint)
        {
            events.Add(new WaitingListChanged(_waiting.Select(w => w.View()).ToList(), [endpoint]));
        }

        return null;
    });

    /// <summary>The host hands the meeting to another participant and becomes a participant (host only).</summary>
    public RoomResult HandOverHost(string actorId, string targetId) => ModerateTarget(actorId, targetId, (actor, target, events) =>
    {
        if (actor.Role != MeetingRole.Host)
        {
            return "Only the host can do this.";
        }

        if (target.Endpoint is null)
        {
            return "This person is not connected.";
        }

        target.Role = MeetingRole.Host;
        actor.Role = BaseRole(actor);
        events.Add(new WaitingListChanged(_waiting.Select(w => w.View()).ToList(), [target.Endpoint]));
        return null;
    });

    /// <summary>Ends the meeting for everyone (host only): every participant and waiting person is put out.</summary>
    public RoomResult EndForAll(string actorId) => Moderate(actorId, (actor, events) =>
    {
        if (actor.Role != MeetingRole.Host)
        {
            return "Only the host can do this.";
        }

        _ended = true;
        events.Add(new MeetingEnded(_participants.Values.Select(p => (p.Id, p.Endpoint)).ToList(), _waiting.Select(w => w.Endpoint).ToList()));
        _participants.Clear();
        _waiting.Clear();
        return null;
    });

    public RoomResult RaiseHand(string participantId, bool raised) => Change(events =>
    {
        if (!_participants.TryGetValue(participantId, out var participant) || participant.Endpoint is null)
        {
            return "Join the meeting first.";
        }

        participant.HandRaised = raised;
        return null;
    });

    /// <summary>The person's own microphone and camera state, announced to the others (it grants nothing).</summary>
    public RoomResult SetMediaState(string participantId, bool audioMuted, bool videoOff) => Change(events =>
    {
        if (!_participants.TryGetValue(participantId, out var participant) || participant.Endpoint is null)
        {
            return "Join the meeting first.";
        }

        participant.SelfMuted = audioMuted;
        participant.SelfVideoOff = videoOff;
        return null;
    });

    /// <summary>Posts a chat message after <see cref="ChatText"/>'s checks; links need <see cref="Capabilities.ChatLinks"/>.</summary>
    public RoomResult SendChat(string participantId, string? text) => Change(events =>
    {
        if (!_participants.TryGetValue(participantId, out var participant) || participant.Endpoint is null)
        {
            return "Join the meeting first.";
        }

        if (!participant.Capabilities.HasFlag(Capabilities.Chat))
        {
            return "Chat is off in this meeting.";
        }

        var cleaned = ChatText.Clean(text, out var problem);
        if (cleaned is null)
        {
            return problem;
        }

        if (!participant.Capabilities.HasFlag(Capabilities.ChatLinks) && ChatText.ContainsLink(cleaned))
        {
            return "Links are not allowed in this meeting's chat.";
        }

        var message = new ChatMessage(NewId(), participant.Id, participant.DisplayName, cleaned, _clock.GetUtcNow());
        _chat.Enqueue(message);
        while (_chat.Count > ChatHistoryLimit)
        {
            _chat.Dequeue();
        }

        events.Add(new ChatPosted(message));
        return null;
    });

    private static bool IsHostRole(MeetingRole role) => role is MeetingRole.Host or MeetingRole.CoHost;

    private static MeetingRole BaseRole(LiveParticipant participant) =>
        IsHostRole(participant.Pass.Role) ? MeetingRole.Participant : participant.Pass.Role;

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string RejoinTokenFor(LiveParticipant participant)
    {
        var token = SecretToken.Create();
        participant.RejoinTokenHash = SecretToken.Hash(token);
        return token;
    }
}
