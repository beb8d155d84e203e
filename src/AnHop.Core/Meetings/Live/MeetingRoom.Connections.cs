using AnHop.Core.Security;

namespace AnHop.Core.Meetings.Live;

/// <summary>Joining with a redeemed ticket, dropping, coming back, leaving, and the live authorisation check.</summary>
public sealed partial class MeetingRoom
{
    /// <summary>An admitted participant joins on <paramref name="endpoint"/> (after the hub redeemed their ticket).</summary>
    public RoomResult Connect(string participantId, string endpoint, out JoinSnapshot? snapshot)
    {
        JoinSnapshot? joined = null;
        var result = Change(events =>
        {
            if (!_participants.TryGetValue(participantId, out var participant))
            {
                return "You are not admitted to this meeting.";
            }

            if (participant.Endpoint is not null)
            {
                return "You are in this meeting on another connection.";
            }

            joined = Arrive(participant, endpoint, events);
            return null;
        });
        snapshot = joined;
        return result;
    }

    /// <summary>Back within <see cref="RejoinWindow"/> of a dropped connection: same participant, no waiting room.</summary>
    public RoomResult Rejoin(string? rejoinToken, string endpoint, out JoinSnapshot? snapshot)
    {
        JoinSnapshot? joined = null;
        var result = Change(events =>
        {
            var participant = _participants.Values.FirstOrDefault(p =>
                p.Endpoint is null && p.RejoinTokenHash is { } hash && SecretToken.Matches(rejoinToken, hash));
            if (participant is null)
            {
                return "The rejoin token is not valid.";
            }

            joined = Arrive(participant, endpoint, events);
            return null;
        });
        snapshot = joined;
        return result;
    }

    /// <summary>The connection dropped: the seat is kept for <see cref="RejoinWindow"/>.</summary>
    public RoomResult Drop(string participantId, string endpoint) => Change(events =>
    {
        if (_participants.TryGetValue(participantId, out var participant) && participant.Endpoint == endpoint)
        {
            participant.Endpoint = null;
            participant.AbsentSince = _clock.GetUtcNow();
            events.Add(new ParticipantLeft(participant.Id));
        }

        return null;
    });

    /// <summary>The participant left on purpose: the seat is freed.</summary>
    public RoomResult Leave(string participantId, string endpoint) => Change(events =>
    {
        if (_participants.TryGetValue(participantId, out var participant) && participant.Endpoint == endpoint)
        {
            _participants.Remove(participantId);
            events.Add(new ParticipantLeft(participant.Id));
        }

        return null;
    });

    /// <summary>
    /// The participant's role and capabilities now, if they are in the room on this endpoint; asked by the hub's
    /// authoriser on every call, so a revoked capability or a removal takes effect at once.
    /// </summary>
    public (MeetingRole Role, Capabilities Capabilities)? Authorize(string participantId, string endpoint)
    {
        lock (_gate)
        {
            return _participants.TryGetValue(participantId, out var participant) && participant.Endpoint == endpoint && !_ended
                ? (participant.Role, participant.Capabilities)
                : null;
        }
    }

    /// <summary>What a participant may do now (none once they are out or the meeting ended); the SFU's gate asks this.</summary>
    public Capabilities CapabilitiesOf(string participantId)
    {
        lock (_gate)
        {
            return !_ended && _participants.TryGetValue(participantId, out var participant) ? participant.Capabilities : Capabilities.None;
        }
    }

    /// <summary>Whether this participant id holds a seat in the room (present, or dropped within the rejoin window).</summary>
    public bool Holds(string participantId)
    {
        lock (_gate)
        {
            return _participants.ContainsKey(participantId);
        }
    }

    /// <summary>The participants' current views (present ones only).</summary>
    public IReadOnlyList<ParticipantView> Participants()
    {
        lock (_gate)
        {
            return _participants.Values.Where(p => p.Endpoint is not null).Select(p => p.View()).ToList();
        }
    }

    public IReadOnlyList<WaiterView> Waiting()
    {
        lock (_gate)
        {
            return _waiting.Select(w => w.View()).ToList();
        }
    }

    private JoinSnapshot Arrive(LiveParticipant participant, string endpoint, List<RoomEvent> events)
    {
        participant.Endpoint = endpoint;
        participant.AbsentSince = null;
        // Hosts learn who waits from the join answer (Waiting()); later knocks reach them as events.
        events.Add(new ParticipantJoined(participant.View()));
        return new JoinSnapshot(participant.View(), participant.Capabilities,
            _participants.Values.Where(p => p.Endpoint is not null).Select(p => p.View()).ToList(),
            [.. _chat], Title, _locked, _chatEnabled, RejoinTokenFor(participant));
    }
}
