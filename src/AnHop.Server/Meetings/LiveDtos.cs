using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;

namespace AnHop.Server.Meetings;

/// <summary>A participant as the hub sends it (PROTOCOL: the participant object).</summary>
public sealed record ParticipantDto(string Id, string DisplayName, string Role, bool HandRaised, bool AudioMuted, bool VideoOff, bool CanShareScreen,
    bool SelfMuted, bool SelfVideoOff)
{
    public static ParticipantDto From(ParticipantView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.DisplayName, LiveNames.Role(view.Role), view.HandRaised, view.AudioMuted, view.VideoOff, view.CanShareScreen,
            view.SelfMuted, view.SelfVideoOff);
    }
}

/// <summary>A person in the waiting room as hosts see them.</summary>
public sealed record WaiterDto(string Id, string DisplayName, string Role, DateTimeOffset KnockedAt)
{
    public static WaiterDto From(WaiterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.DisplayName, LiveNames.Role(view.Role), view.KnockedAt);
    }
}

public sealed record KnockAnswer(string State, string? Ticket);

public sealed record MeetingState(string Title, bool Locked, bool ChatEnabled);

/// <summary>The answer to Join and Rejoin; <see cref="Waiting"/> is filled for hosts and co-hosts only.</summary>
public sealed record JoinAnswer(
    string ParticipantId,
    string DisplayName,
    string Role,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<ChatMessage> Chat,
    MeetingState Meeting,
    string Rejoin,
    IReadOnlyList<WaiterDto> Waiting);

/// <summary>The names the protocol uses for roles and capabilities.</summary>
public static class LiveNames
{
    public static string Role(MeetingRole role) => role switch
    {
        MeetingRole.Host => "host",
        MeetingRole.CoHost => "coHost",
        MeetingRole.Participant => "participant",
        _ => "guest",
    };

    public static IReadOnlyList<string> Of(Capabilities capabilities) =>
        Enum.GetValues<Capabilities>().Where(c => c != Capabilities.None && capabilities.HasFlag(c)).Select(c => c.ToString()).ToArray();
}
