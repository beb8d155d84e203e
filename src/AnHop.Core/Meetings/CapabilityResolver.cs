using AnHop.Core.Policies;

namespace AnHop.Core.Meetings;

/// <summary>Role + effective policy + the host's grants + the meeting's switches → the capability set (DESIGN §3).</summary>
public static class CapabilityResolver
{
    public static Capabilities Resolve(MeetingRole role, MeetingPolicy policy, ParticipantGrants grants, bool meetingChatOn)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(grants);
        var hosting = role is MeetingRole.Host or MeetingRole.CoHost;
        var capabilities = Capabilities.Subscribe;
        if (grants.AudioAllowed)
        {
            capabilities |= Capabilities.PublishAudio;
        }

        if (grants.VideoAllowed)
        {
            capabilities |= Capabilities.PublishVideo;
        }

        if (MayShareScreen(hosting, policy.WhoMayShareScreen, grants.ScreenShare))
        {
            capabilities |= Capabilities.PublishScreen;
        }

        // The host's chat switch silences participants; hosts keep chat for announcements. The policy binds everyone.
        if (policy.ChatEnabled && (meetingChatOn || hosting))
        {
            capabilities |= Capabilities.Chat;
            if (policy.ChatLinksAllowed)
            {
                capabilities |= Capabilities.ChatLinks;
            }
        }

        if (hosting)
        {
            capabilities |= Capabilities.Moderate;
        }

        if (role == MeetingRole.Host && policy.RecordingAllowed)
        {
            capabilities |= Capabilities.Record;
        }

        return capabilities;
    }

    private static bool MayShareScreen(bool hosting, ScreenSharePolicy policy, bool? granted) => policy switch
    {
        ScreenSharePolicy.Everyone => granted != false,
        ScreenSharePolicy.HostsAndGranted => hosting || granted == true,
        _ => hosting,
    };
}
