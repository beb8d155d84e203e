using System.Reflection;
using AnHop.Core.Meetings;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// The one place every hub call is authorised. A method must declare either [RedeemsTicket] or
/// [RequiresCapability]; one without either is refused, so nothing is left undecided. The participant and
/// their capabilities come from the ticket the server issued, bound to this connection, never from the client.
/// </summary>
public sealed class HubAuthorizationFilter : IHubFilter
{
    public const string ParticipantKey = "anhop.participant";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var method = invocationContext.HubMethod;
        if (method.GetCustomAttribute<RedeemsTicketAttribute>() is not null)
        {
            return await next(invocationContext);
        }

        var required = method.GetCustomAttribute<RequiresCapabilityAttribute>()
            ?? throw new HubException("This call is not allowed.");
        var participant = Participant(invocationContext.Context)
            ?? throw new HubException("Join the meeting first.");
        if ((participant.Capabilities & required.Capabilities) != required.Capabilities)
        {
            throw new HubException("You are not allowed to do this in this meeting.");
        }

        return await next(invocationContext);
    }

    public static MeetingParticipant? Participant(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ParticipantKey, out var value) ? value as MeetingParticipant : null;
    }
}

/// <summary>A participant as the server knows them on one hub connection.</summary>
public sealed record MeetingParticipant(string MeetingId, string ParticipantId, string DisplayName, Capabilities Capabilities, string ConnectionId);
