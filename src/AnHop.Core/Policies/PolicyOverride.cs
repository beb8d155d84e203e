namespace AnHop.Core.Policies;

/// <summary>
/// What a unit or a meeting changes of the policy above it: each rule it leaves null is inherited. A rule may only be
/// set to something at least as strict as the parent's; <see cref="ApplyTo"/> ignores any that would loosen.
/// </summary>
public sealed record PolicyOverride
{
    public HostPermission? WhoMayHost { get; init; }
    public bool? GuestsAllowed { get; init; }
    public bool? WaitingRoomRequired { get; init; }
    public bool? InviteesBypassWaitingRoom { get; init; }
    public bool? PasscodeRequired { get; init; }
    public int? PasscodeMinLength { get; init; }
    public PasscodeCharacters? PasscodeCharacters { get; init; }
    public bool? NumericCodeAllowed { get; init; }
    public ScreenSharePolicy? WhoMayShareScreen { get; init; }
    public bool? ChatEnabled { get; init; }
    public bool? ChatLinksAllowed { get; init; }
    public bool? RecordingAllowed { get; init; }
    public bool? E2eeRequired { get; init; }
    public int? MaxParticipants { get; init; }
    public int? MaxDurationMinutes { get; init; }

    public static PolicyOverride None { get; } = new();

    /// <summary>The rules of this override that would loosen <paramref name="parent"/> (by property name).</summary>
    public IReadOnlyList<string> LooseningsOf(MeetingPolicy parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var loosened = new List<string>();
        Check(WhoMayHost is { } host && host < parent.WhoMayHost, nameof(WhoMayHost));
        Check(GuestsAllowed is true && !parent.GuestsAllowed, nameof(GuestsAllowed));
        Check(WaitingRoomRequired is false && parent.WaitingRoomRequired, nameof(WaitingRoomRequired));
        Check(InviteesBypassWaitingRoom is true && !parent.InviteesBypassWaitingRoom, nameof(InviteesBypassWaitingRoom));
        Check(PasscodeRequired is false && parent.PasscodeRequired, nameof(PasscodeRequired));
        Check(PasscodeMinLength is { } length && length < parent.PasscodeMinLength, nameof(PasscodeMinLength));
        Check(PasscodeCharacters is { } characters && characters < parent.PasscodeCharacters, nameof(PasscodeCharacters));
        Check(NumericCodeAllowed is true && !parent.NumericCodeAllowed, nameof(NumericCodeAllowed));
        Check(WhoMayShareScreen is { } share && share < parent.WhoMayShareScreen, nameof(WhoMayShareScreen));
        Check(ChatEnabled is true && !parent.ChatEnabled, nameof(ChatEnabled));
        Check(ChatLinksAllowed is true && !parent.ChatLinksAllowed, nameof(ChatLinksAllowed));
        Check(RecordingAllowed is true && !parent.RecordingAllowed, nameof(RecordingAllowed));
        Check(E2eeRequired is false && parent.E2eeRequired, nameof(E2eeRequired));
        Check(MaxParticipants is { } participants && participants > parent.MaxParticipants, nameof(MaxParticipants));
        Check(MaxDurationMinutes is { } minutes && minutes > parent.MaxDurationMinutes, nameof(MaxDurationMinutes));
        return loosened;

        void Check(bool loosens, string rule)
        {
            if (loosens)
            {
                loosened.Add(rule);
            }
        }
    }

    /// <summary>The parent tightened by every rule of this override that does not loosen it; loosening rules are ignored.</summary>
    public MeetingPolicy ApplyTo(MeetingPolicy parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent with
        {
            WhoMayHost = Max(parent.WhoMayHost, WhoMayHost),
            GuestsAllowed = parent.GuestsAllowed && (GuestsAllowed ?? true),
            WaitingRoomRequired = parent.WaitingRoomRequired || (WaitingRoomRequired ?? false),
            InviteesBypassWaitingRoom = parent.InviteesBypassWaitingRoom && (InviteesBypassWaitingRoom ?? true),
            PasscodeRequired = parent.PasscodeRequired || (PasscodeRequired ?? false),
            PasscodeMinLength = Math.Max(parent.PasscodeMinLength, PasscodeMinLength ?? 0),
            PasscodeCharacters = Max(parent.PasscodeCharacters, PasscodeCharacters),
            NumericCodeAllowed = parent.NumericCodeAllowed && (NumericCodeAllowed ?? true),
            WhoMayShareScreen = Max(parent.WhoMayShareScreen, WhoMayShareScreen),
            ChatEnabled = parent.ChatEnabled && (ChatEnabled ?? true),
            ChatLinksAllowed = parent.ChatLinksAllowed && (ChatLinksAllowed ?? true),
            RecordingAllowed = parent.RecordingAllowed && (RecordingAllowed ?? true),
            E2eeRequired = parent.E2eeRequired || (E2eeRequired ?? false),
            MaxParticipants = Math.Min(parent.MaxParticipants, MaxParticipants ?? int.MaxValue),
            MaxDurationMinutes = Math.Min(parent.MaxDurationMinutes, MaxDurationMinutes ?? int.MaxValue),
        };
    }

    /// <summary>The override that turns <paramref name="parent"/> into <paramref name="child"/> (every rule set).</summary>
    public static (PolicyOverride Override, IReadOnlyList<string> Loosened) Between(MeetingPolicy parent, MeetingPolicy child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        var difference = new PolicyOverride
        {
            WhoMayHost = child.WhoMayHost,
            GuestsAllowed = child.GuestsAllowed,
            WaitingRoomRequired = child.WaitingRoomRequired,
            InviteesBypassWaitingRoom = child.InviteesBypassWaitingRoom,
            PasscodeRequired = child.PasscodeRequired,
            PasscodeMinLength = child.PasscodeMinLength,
            PasscodeCharacters = child.PasscodeCharacters,
            NumericCodeAllowed = child.NumericCodeAllowed,
            WhoMayShareScreen = child.WhoMayShareScreen,
            ChatEnabled = child.ChatEnabled,
            ChatLinksAllowed = child.ChatLinksAllowed,
            RecordingAllowed = child.RecordingAllowed,
            E2eeRequired = child.E2eeRequired,
            MaxParticipants = child.MaxParticipants,
            MaxDurationMinutes = child.MaxDurationMinutes,
        };
        return (difference, difference.LooseningsOf(parent));
    }

    private static T Max<T>(T parent, T? child)
        where T : struct, Enum =>
        child is { } value && Comparer<T>.Default.Compare(value, parent) > 0 ? value : parent;
}
