namespace AnHop.Core.Meetings.Live;

/// <summary>
/// What one room operation changed, for the hub to send and the SFU to enforce. Endpoints are opaque handles of the
/// connections concerned (the hub's connection ids); the room never talks to a connection itself.
/// </summary>
public abstract record RoomEvent;

/// <summary>Someone knocked: told at once to the hosts and co-hosts present (<paramref name="HostEndpoints"/>).</summary>
public sealed record WaiterKnocked(WaiterView Waiter, IReadOnlyList<string> HostEndpoints) : RoomEvent;

public sealed record WaitingListChanged(IReadOnlyList<WaiterView> Waiting, IReadOnlyList<string> HostEndpoints) : RoomEvent;

/// <summary>A waiting person was let in: the hub issues them a join ticket on <paramref name="Endpoint"/>.</summary>
public sealed record WaiterAdmitted(string Endpoint, ParticipantView Participant, Capabilities Capabilities) : RoomEvent;

public sealed record WaiterDenied(string Endpoint) : RoomEvent;

public sealed record ParticipantJoined(ParticipantView Participant) : RoomEvent;

public sealed record ParticipantLeft(string ParticipantId) : RoomEvent;

public sealed record ParticipantUpdated(ParticipantView Participant) : RoomEvent;

/// <summary>A participant's capabilities changed: the hub tells them, the SFU closes producers they may no longer have.</summary>
public sealed record CapabilitiesChanged(string ParticipantId, string? Endpoint, Capabilities Before, Capabilities After) : RoomEvent;

public sealed record MeetingUpdated(bool Locked, bool ChatEnabled) : RoomEvent;

/// <summary>The host asks a person to unmute ("audio") or turn on their camera ("video"); the person chooses.</summary>
public sealed record UnmuteRequested(string ParticipantId, string? Endpoint, string Kind) : RoomEvent;

/// <summary>
/// A participant was put out (removed or banned): media, tickets and connection must go at once, and the person's
/// unused admission passes (<paramref name="Person"/>) with them.
/// </summary>
public sealed record ParticipantRemoved(string ParticipantId, string DisplayName, string? Endpoint, RemovalReason Reason, MeetingBanRule Person) : RoomEvent;

/// <summary>A new ban to persist (the room already applies it).</summary>
public sealed record BanAdded(MeetingBanRule Rule) : RoomEvent;

/// <summary>The meeting is over for everyone: these participants and waiting connections are put out.</summary>
public sealed record MeetingEnded(IReadOnlyList<(string ParticipantId, string? Endpoint)> Participants, IReadOnlyList<string> WaitingEndpoints) : RoomEvent;

public sealed record ChatPosted(ChatMessage Message) : RoomEvent;

public enum RemovalReason
{
    Removed = 0,
    Banned = 1,
}
