using AnHop.Core.Meetings;
using AnHop.Core.Policies;

namespace AnHop.Core.Tests.Meetings;

public sealed class CapabilityResolverTests
{
    private static readonly MeetingPolicy Policy = MeetingPolicy.SecureDefault;

    [Theory]
    [InlineData(MeetingRole.Guest, false)]
    [InlineData(MeetingRole.Participant, false)]
    [InlineData(MeetingRole.CoHost, true)]
    [InlineData(MeetingRole.Host, true)]
    public void By_default_only_hosts_share_screens_and_moderate(MeetingRole role, bool hosting)
    {
        var capabilities = CapabilityResolver.Resolve(role, Policy, ParticipantGrants.Default, meetingChatOn: true);

        Assert.Equal(hosting, capabilities.HasFlag(Capabilities.PublishScreen));
        Assert.Equal(hosting, capabilities.HasFlag(Capabilities.Moderate));
        Assert.True(capabilities.HasFlag(Capabilities.PublishAudio | Capabilities.PublishVideo | Capabilities.Subscribe | Capabilities.Chat));
        Assert.False(capabilities.HasFlag(Capabilities.ChatLinks));
        Assert.False(capabilities.HasFlag(Capabilities.Record));
    }

    [Fact]
    public void The_host_grants_and_revokes_screen_sharing_within_the_policy()
    {
        var granted = new ParticipantGrants { ScreenShare = true };
        Assert.True(CapabilityResolver.Resolve(MeetingRole.Participant, Policy, granted, true).HasFlag(Capabilities.PublishScreen));

        var hostsOnly = Policy with { WhoMayShareScreen = ScreenSharePolicy.HostsOnly };
        Assert.False(CapabilityResolver.Resolve(MeetingRole.Participant, hostsOnly, granted, true).HasFlag(Capabilities.PublishScreen));

        var everyone = Policy with { WhoMayShareScreen = ScreenSharePolicy.Everyone };
        Assert.True(CapabilityResolver.Resolve(MeetingRole.Guest, everyone, ParticipantGrants.Default, true).HasFlag(Capabilities.PublishScreen));
        Assert.False(CapabilityResolver.Resolve(MeetingRole.Guest, everyone, new ParticipantGrants { ScreenShare = false }, true)
            .HasFlag(Capabilities.PublishScreen));
    }

    [Fact]
    public void Force_mute_and_stopped_camera_take_the_publishing_capability()
    {
        var grants = new ParticipantGrants { AudioAllowed = false, VideoAllowed = false };
        var capabilities = CapabilityResolver.Resolve(MeetingRole.CoHost, Policy, grants, true);
        Assert.False(capabilities.HasFlag(Capabilities.PublishAudio));
        Assert.False(capabilities.HasFlag(Capabilities.PublishVideo));
    }

    [Fact]
    public void Chat_off_silences_participants_but_not_hosts_and_the_policy_binds_everyone()
    {
        Assert.False(CapabilityResolver.Resolve(MeetingRole.Participant, Policy, ParticipantGrants.Default, false).HasFlag(Capabilities.Chat));
        Assert.True(CapabilityResolver.Resolve(MeetingRole.Host, Policy, ParticipantGrants.Default, false).HasFlag(Capabilities.Chat));
        var noChat = Policy with { ChatEnabled = false, ChatLinksAllowed = true };
        Assert.False(CapabilityResolver.Resolve(MeetingRole.Host, noChat, ParticipantGrants.Default, true).HasFlag(Capabilities.Chat));
        Assert.False(CapabilityResolver.Resolve(MeetingRole.Host, noChat, ParticipantGrants.Default, true).HasFlag(Capabilities.ChatLinks));
    }

    [Fact]
    public void Only_the_host_records_and_only_where_allowed()
    {
        var recording = Policy with { RecordingAllowed = true };
        Assert.True(CapabilityResolver.Resolve(MeetingRole.Host, recording, ParticipantGrants.Default, true).HasFlag(Capabilities.Record));
        Assert.False(CapabilityResolver.Resolve(MeetingRole.CoHost, recording, ParticipantGrants.Default, true).HasFlag(Capabilities.Record));
    }
}
