namespace AnHop.Core.Meetings.Live;

/// <summary>One admitted person in a room; changed only under the room's lock.</summary>
internal sealed class LiveParticipant(string id, AdmissionPass pass)
{
    public string Id { get; } = id;

    public AdmissionPass Pass { get; } = pass;

    public string DisplayName => Pass.DisplayName;

    public MeetingRole Role { get; set; } = pass.Role;

    public ParticipantGrants Grants { get; set; } = ParticipantGrants.Default;

    public Capabilities Capabilities { get; set; }

    public bool HandRaised { get; set; }

    /// <summary>What the person said of their own microphone and camera (SetMediaState), shown to the others.</summary>
    public bool SelfMuted { get; set; }

    public bool SelfVideoOff { get; set; }

    /// <summary>The connection this participant is on; null while admitted but not joined, or dropped.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Since when this participant has had no connection (admitted, not yet joined; or dropped).</summary>
    public DateTimeOffset? AbsentSince { get; set; }

    public byte[]? RejoinTokenHash { get; set; }

    public bool Hosting => Role is MeetingRole.Host or MeetingRole.CoHost;

    public ParticipantView View() =>
        new(Id, DisplayName, Role, HandRaised, !Grants.AudioAllowed, !Grants.VideoAllowed, Capabilities.HasFlag(Capabilities.PublishScreen),
            SelfMuted, SelfVideoOff);
}
