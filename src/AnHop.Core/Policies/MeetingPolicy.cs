namespace AnHop.Core.Policies;

/// <summary>
/// The rules a meeting runs under. The organisation sets a whole policy; units and meetings may only tighten it
/// (<see cref="PolicyOverride"/>, <see cref="PolicyResolver"/>). The defaults are the secure ones the 2020 advisory asked for.
/// </summary>
public sealed record MeetingPolicy
{
    public static MeetingPolicy SecureDefault { get; } = new();

    public HostPermission WhoMayHost { get; init; } = HostPermission.Members;

    /// <summary>People without an account may ask to join (they always wait in the waiting room).</summary>
    public bool GuestsAllowed { get; init; } = true;

    public bool WaitingRoomRequired { get; init; } = true;

    /// <summary>Invitees with a personal invitation skip the waiting room.</summary>
    public bool InviteesBypassWaitingRoom { get; init; }

    public bool PasscodeRequired { get; init; } = true;

    public int PasscodeMinLength { get; init; } = 10;

    public PasscodeCharacters PasscodeCharacters { get; init; } = PasscodeCharacters.LettersDigitsAndSymbols;

    /// <summary>A short numeric code for typing (always behind the passcode and the throttles).</summary>
    public bool NumericCodeAllowed { get; init; }

    public ScreenSharePolicy WhoMayShareScreen { get; init; } = ScreenSharePolicy.HostsAndGranted;

    public bool ChatEnabled { get; init; } = true;

    public bool ChatLinksAllowed { get; init; }

    public bool RecordingAllowed { get; init; }

    public bool E2eeRequired { get; init; }

    public int MaxParticipants { get; init; } = 100;

    public int MaxDurationMinutes { get; init; } = 8 * 60;

    public const int MinPasscodeLength = 6;
    public const int MaxPasscodeLength = 64;
    public const int MaxParticipantsLimit = 1000;
    public const int MaxDurationLimitMinutes = 24 * 60;

    /// <summary>Whether every rule of this policy is at least as strict as <paramref name="other"/>'s.</summary>
    public bool IsAtLeastAsStrictAs(MeetingPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PolicyOverride.Between(other, this).Loosened.Count == 0;
    }

    /// <summary>Problems with the values themselves (ranges), independent of any parent policy.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PasscodeMinLength is < MinPasscodeLength or > MaxPasscodeLength)
        {
            problems.Add($"{nameof(PasscodeMinLength)} must be between {MinPasscodeLength} and {MaxPasscodeLength}.");
        }

        if (MaxParticipants is < 2 or > MaxParticipantsLimit)
        {
            problems.Add($"{nameof(MaxParticipants)} must be between 2 and {MaxParticipantsLimit}.");
        }

        if (MaxDurationMinutes is < 5 or > MaxDurationLimitMinutes)
        {
            problems.Add($"{nameof(MaxDurationMinutes)} must be between 5 and {MaxDurationLimitMinutes}.");
        }

        if (!Enum.IsDefined(WhoMayHost) || !Enum.IsDefined(WhoMayShareScreen) || !Enum.IsDefined(PasscodeCharacters))
        {
            problems.Add("An enumerated rule has a value outside its range.");
        }

        return problems;
    }
}
