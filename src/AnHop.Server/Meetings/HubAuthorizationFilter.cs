using System.Reflection;
using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// The one place every hub call is authorised. A method must declare either [BeforeAdmission] or
/// [RequiresCapability]; one without either is refused, so nothing is left undecided. The participant is the one this
/// connection's redeemed ticket named; their role and capabilities are read from the live room on every call, so a
/// revoked capability, a removal or the end of the meeting takes effect at once.
/// </summary>
public sealed class HubAuthorizationFilter(LiveMeetings meetings) : IHubFilter
{
    public const string ParticipantKey = "anhop.participant";
    public const string NotAllowed = "You are not allowed to do this in this meeting.";
    public const string JoinFirst = "Join the meeting first.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var method = invocationContext.HubMethod;
        if (method.GetCustomAttribute<BeforeAdmissionAttribute>() is not null)
        {
            return await next(invocationContext);
        }

        var required = method.GetCustomAttribute<RequiresCapabilityAttribute>() ?? throw new HubException(NotAllowed);
        var participant = Participant(invocationContext.Context) ?? throw new HubException(JoinFirst);
        var live = meetings.Find(participant.MeetingId)?.Authorize(participant.ParticipantId, participant.ConnectionId)
            ?? throw new HubException(JoinFirst);
        if ((live.Capabilities & required.Capabilities) != required.Capabilities
            || (required.HostOnly && live.Role != MeetingRole.Host))
        {
            throw new HubException(NotAllowed);
        }

        return await next(invocationContext);
    }

    public static MeetingParticipant? Participant(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ParticipantKey, out var value) ? value as MeetingParticipant : null;
    }
}

/// <summary>A participant as the server knows them on one hub connection (who, not what they may do: that is live).</summary>
public sealed record MeetingParticipant(string MeetingId, string ParticipantId, string DisplayName, string ConnectionId);
