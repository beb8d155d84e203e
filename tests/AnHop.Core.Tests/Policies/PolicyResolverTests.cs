using AnHop.Core.Policies;
using CsCheck;

namespace AnHop.Core.Tests.Policies;

public sealed class PolicyResolverTests
{
    private static readonly Gen<MeetingPolicy> Policies =
        Gen.Select(Gen.Enum<HostPermission>(), Gen.Bool.Array[7], Gen.Int[6, 64], Gen.Enum<PasscodeCharacters>(), Gen.Enum<ScreenSharePolicy>(),
            Gen.Int[2, 1000], Gen.Int[5, 1440])
        .Select((host, flags, length, characters, share, participants, minutes) => new MeetingPolicy
        {
            WhoMayHost = host,
            GuestsAllowed = flags[0],
            WaitingRoomRequired = flags[1],
            InviteesBypassWaitingRoom = flags[2],
            PasscodeRequired = flags[3],
            PasscodeMinLength = length,
            PasscodeCharacters = characters,
            NumericCodeAllowed = flags[4],
            WhoMayShareScreen = share,
            ChatEnabled = flags[5],
            ChatLinksAllowed = flags[6],
            RecordingAllowed = !flags[6],
            E2eeRequired = flags[0] ^ flags[1],
            MaxParticipants = participants,
            MaxDurationMinutes = minutes,
        });

    // Each rule of an override is set or inherited at random, to any value, loosening or not.
    private static readonly Gen<PolicyOverride> Overrides =
        Gen.Select(Policies, Gen.Bool.Array[15])
        .Select((values, set) => new PolicyOverride
        {
            WhoMayHost = set[0] ? values.WhoMayHost : null,
            GuestsAllowed = set[1] ? values.GuestsAllowed : null,
            WaitingRoomRequired = set[2] ? values.WaitingRoomRequired : null,
            InviteesBypassWaitingRoom = set[3] ? values.InviteesBypassWaitingRoom : null,
            PasscodeRequired = set[4] ? values.PasscodeRequired : null,
            PasscodeMinLength = set[5] ? values.PasscodeMinLength : null,
            PasscodeCharacters = set[6] ? values.PasscodeCharacters : null,
            NumericCodeAllowed = set[7] ? values.NumericCodeAllowed : null,
            WhoMayShareScreen = set[8] ? values.WhoMayShareScreen : null,
            ChatEnabled = set[9] ? values.ChatEnabled : null,
            ChatLinksAllowed = set[10] ? values.ChatLinksAllowed : null,
            RecordingAllowed = set[11] ? values.RecordingAllowed : null,
            E2eeRequired = set[12] ? values.E2eeRequired : null,
            MaxParticipants = set[13] ? values.MaxParticipants : null,
            MaxDurationMinutes = set[14] ? values.MaxDurationMinutes : null,
        });

    [Fact]
    public void No_chain_of_units_and_meeting_can_loosen_the_organisation_or_any_level_above() =>
        Gen.Select(Policies, Overrides.Array[0, 5], Overrides).Sample((organisation, units, meeting) =>
        {
            var parent = organisation;
            foreach (var unit in units)
            {
                var child = unit.ApplyTo(parent);
                Assert.True(child.IsAtLeastAsStrictAs(parent));
                parent = child;
            }

            var effective = PolicyResolver.Resolve(organisation, units, meeting);
            Assert.True(effective.IsAtLeastAsStrictAs(organisation));
            Assert.True(effective.IsAtLeastAsStrictAs(parent));
        });

    [Fact]
    public void An_override_that_only_tightens_is_applied_in_full() =>
        Gen.Select(Policies, Overrides).Sample((parent, candidate) =>
        {
            if (candidate.LooseningsOf(parent).Count == 0)
            {
                var (back, loosened) = PolicyOverride.Between(parent, candidate.ApplyTo(parent));
                Assert.Empty(loosened);
                Assert.Equal(candidate.ApplyTo(parent), back.ApplyTo(parent));
            }
        });

    [Fact]
    public void Loosening_rules_are_named_and_ignored()
    {
        var organisation = MeetingPolicy.SecureDefault;
        var unit = new PolicyOverride { WaitingRoomRequired = false, PasscodeMinLength = 6, MaxParticipants = 50, RecordingAllowed = true };

        Assert.Equal(["PasscodeMinLength", "RecordingAllowed", "WaitingRoomRequired"], unit.LooseningsOf(organisation).Order(StringComparer.Ordinal));
        var effective = PolicyResolver.Resolve(organisation, [unit]);
        Assert.True(effective.WaitingRoomRequired);
        Assert.Equal(organisation.PasscodeMinLength, effective.PasscodeMinLength);
        Assert.False(effective.RecordingAllowed);
        Assert.Equal(50, effective.MaxParticipants);
    }

    [Fact]
    public void A_unit_stays_strict_when_the_organisation_tightens_after_it()
    {
        var unit = new PolicyOverride { MaxParticipants = 80, GuestsAllowed = true };
        var tightened = MeetingPolicy.SecureDefault with { MaxParticipants = 20, GuestsAllowed = false };

        var effective = PolicyResolver.Resolve(tightened, [unit]);

        Assert.Equal(20, effective.MaxParticipants);
        Assert.False(effective.GuestsAllowed);
    }

    [Fact]
    public void The_secure_default_is_valid_and_has_the_advisory_settings()
    {
        var policy = MeetingPolicy.SecureDefault;
        Assert.Empty(policy.Validate());
        Assert.True(policy.WaitingRoomRequired);
        Assert.True(policy.PasscodeRequired);
        Assert.Equal(ScreenSharePolicy.HostsAndGranted, policy.WhoMayShareScreen);
        Assert.False(policy.RecordingAllowed);
        Assert.False(policy.ChatLinksAllowed);
        Assert.NotEmpty((policy with { PasscodeMinLength = 3 }).Validate());
    }
}
