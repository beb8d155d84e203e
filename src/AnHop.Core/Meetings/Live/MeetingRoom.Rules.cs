namespace AnHop.Core.Meetings.Live;

/// <summary>The room's inner rules: running an operation under the lock, who may act on whom, recomputing capabilities.</summary>
public sealed partial class MeetingRoom
{
    private RoomResult Change(Func<List<RoomEvent>, string?> operation)
    {
        lock (_gate)
        {
            Purge();
            if (_ended)
            {
                return RoomResult.Refused("The meeting has ended.");
            }

            var before = Snapshot();
            var events = new List<RoomEvent>();
            var problem = operation(events);
            if (problem is not null)
            {
                return RoomResult.Refused(problem);
            }

            Recompute(before, events);
            return RoomResult.Done(events);
        }
    }

    private RoomResult Moderate(string actorId, Func<LiveParticipant, List<RoomEvent>, string?> operation) => Change(events =>
    {
        if (!_participants.TryGetValue(actorId, out var actor) || actor.Endpoint is null || !actor.Hosting)
        {
            return "Only the host and co-hosts can do this.";
        }

        return operation(actor, events);
    });

    private RoomResult ModerateTarget(string actorId, string targetId, Func<LiveParticipant, LiveParticipant, List<RoomEvent>, string?> operation) =>
        Moderate(actorId, (actor, events) =>
        {
            if (!_participants.TryGetValue(targetId, out var target))
            {
                return "Nobody with this id is in the meeting.";
            }

            return MayNotActOn(actor, target) ?? operation(actor, target, events);
        });

    /// <summary>Nobody acts on themselves or on the host; co-hosts act only on guests and participants.</summary>
    private static string? MayNotActOn(LiveParticipant actor, LiveParticipant target) =>
        target == actor ? "You cannot do this to yourself."
        : target.Role == MeetingRole.Host ? "Nobody can do this to the host."
        : actor.Role != MeetingRole.Host && target.Hosting ? "Only the host can do this to a co-host."
        : null;

    private bool EntersDirectly(AdmissionPass pass) =>
        pass.PreAdmitted || IsHostRole(pass.Role) || (!Policy.WaitingRoomRequired && pass.Role != MeetingRole.Guest);

    private bool IsKeptOut(AdmissionPass pass) =>
        !IsHostRole(pass.Role) && _bans.Concat(_removed).Any(rule => rule.Matches(pass.AccountId, pass.DeviceId, pass.IpAddress))
        || (pass.AccountId is { } account && _bans.Any(rule => rule.AccountId == account));

    private bool IsFull() => _participants.Count >= Policy.MaxParticipants;

    private LiveParticipant AddParticipant(AdmissionPass pass)
    {
        var participant = new LiveParticipant(NewId(), pass) { AbsentSince = _clock.GetUtcNow() };
        participant.Capabilities = Resolve(participant);
        _participants.Add(participant.Id, participant);
        return participant;
    }

    private void AdmitWaiter(Waiter waiter, List<RoomEvent> events)
    {
        _waiting.Remove(waiter);
        var participant = AddParticipant(waiter.Pass);
        events.Add(new WaiterAdmitted(waiter.Endpoint, participant.View(), participant.Capabilities));
    }

    private void PutOut(LiveParticipant participant, RemovalReason reason, List<RoomEvent> events)
    {
        _participants.Remove(participant.Id);
        events.Add(new ParticipantRemoved(participant.Id, participant.DisplayName, participant.Endpoint, reason,
            MeetingBanRule.For(participant.Pass.AccountId, participant.Pass.DeviceId, participant.Pass.IpAddress)));
        if (participant.Endpoint is not null)
        {
            events.Add(new ParticipantLeft(participant.Id));
        }
    }

    /// <summary>Seats of people who dropped (or were admitted) and did not come within the window are freed.</summary>
    private void Purge()
    {
        var cutoff = _clock.GetUtcNow() - RejoinWindow;
        foreach (var gone in _participants.Values.Where(p => p.AbsentSince is { } since && since <= cutoff).ToList())
        {
            _participants.Remove(gone.Id);
        }
    }

    private Capabilities Resolve(LiveParticipant participant) =>
        CapabilityResolver.Resolve(participant.Role, Policy, participant.Grants, _chatEnabled);

    private Dictionary<string, (ParticipantView View, Capabilities Capabilities, bool Present)> Snapshot() =>
        _participants.Values.ToDictionary(p => p.Id, p => (p.View(), p.Capabilities, p.Endpoint is not null), StringComparer.Ordinal);

    /// <summary>Capabilities follow every change; who gained or lost something, or looks different, is told.</summary>
    private void Recompute(Dictionary<string, (ParticipantView View, Capabilities Capabilities, bool Present)> before, List<RoomEvent> events)
    {
        foreach (var participant in _participants.Values)
        {
            participant.Capabilities = Resolve(participant);
            if (!before.TryGetValue(participant.Id, out var old))
            {
                continue;
            }

            if (old.Capabilities != participant.Capabilities)
            {
                events.Add(new CapabilitiesChanged(participant.Id, participant.Endpoint, old.Capabilities, participant.Capabilities));
            }

            if (old.Present && participant.Endpoint is not null && old.View != participant.View())
            {
                events.Add(new ParticipantUpdated(participant.View()));
            }
        }
    }

    private List<string> HostEndpoints() =>
        _participants.Values.Where(p => p.Hosting && p.Endpoint is not null).Select(p => p.Endpoint!).ToList();

    private WaitingListChanged WaitingList() => new(_waiting.Select(w => w.View()).ToList(), HostEndpoints());
}
