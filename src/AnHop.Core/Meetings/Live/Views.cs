namespace AnHop.Core.Meetings.Live;

/// <summary>A participant as everyone in the meeting sees them (PROTOCOL: the participant object).</summary>
/// <param name="AudioMuted">The host took the microphone.</param>
/// <param name="VideoOff">The host took the camera.</param>
/// <param name="SelfMuted">The person muted their own microphone (their word: the SFU stops their audio when they unpublish it).</param>
/// <param name="SelfVideoOff">The person stopped their own camera.</param>
public sealed record ParticipantView(string Id, string DisplayName, MeetingRole Role, bool HandRaised, bool AudioMuted, bool VideoOff, bool CanShareScreen,
    bool SelfMuted = false, bool SelfVideoOff = false);

/// <summary>A person in the waiting room as hosts see them.</summary>
public sealed record WaiterView(string Id, string DisplayName, MeetingRole Role, DateTimeOffset KnockedAt);

/// <summary>A chat message: plain text, already cleaned by <see cref="ChatText"/>.</summary>
public sealed record ChatMessage(string Id, string From, string FromName, string Text, DateTimeOffset SentAt);

/// <summary>What a joining (or rejoining) participant is told about the meeting.</summary>
public sealed record JoinSnapshot(
    ParticipantView Me,
    Capabilities Capabilities,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<ChatMessage> Chat,
    string Title,
    bool Locked,
    bool ChatEnabled,
    string RejoinToken);

/// <summary>The outcome of a knock: waiting (with the waiter's id), admitted at once, or refused.</summary>
public sealed record KnockResult(KnockState State, string? WaiterId, ParticipantView? Participant, Capabilities Capabilities, string? Problem, IReadOnlyList<RoomEvent> Events);

public enum KnockState
{
    Refused = 0,
    Waiting = 1,
    Admitted = 2,
}
