using AnHop.Core.Meetings;
using AnHop.Server.Media;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// Signalling for a meeting's media. Every method is authorised by <see cref="HubAuthorizationFilter"/> from the
/// join ticket this connection redeemed; nothing the client says about itself is trusted.
/// </summary>
public sealed class MeetingHub(JoinTicketStore tickets, MeetingMedia media) : Hub
{
    public const string Path = "/hubs/meeting";

    [RedeemsTicket]
    public async Task<JoinResult> Join(string ticket)
    {
        if (HubAuthorizationFilter.Participant(Context) is not null)
        {
            throw new HubException("This connection has joined already.");
        }

        if (!tickets.TryRedeem(ticket, out var granted) || granted is null)
        {
            throw new HubException("The ticket is not valid.");
        }

        var participant = new MeetingParticipant(granted.MeetingId, granted.ParticipantId, granted.DisplayName, granted.Capabilities, Context.ConnectionId);
        Context.Items[HubAuthorizationFilter.ParticipantKey] = participant;
        await Groups.AddToGroupAsync(Context.ConnectionId, participant.MeetingId);
        await media.JoinAsync(participant);
        await Clients.OthersInGroup(participant.MeetingId).SendAsync("ParticipantJoined", participant.ParticipantId, participant.DisplayName);
        return new JoinResult(participant.ParticipantId, participant.DisplayName,
            Enum.GetValues<Capabilities>().Where(c => c != Capabilities.None && participant.Capabilities.HasFlag(c)).Select(c => c.ToString()).ToArray());
    }

    [RequiresCapability(Capabilities.None)]
    public Task<PublishResult> Publish(string offerSdp, PublishedSource[] sources) =>
        media.PublishAsync(Me, offerSdp ?? "", sources ?? []);

    [RequiresCapability(Capabilities.Subscribe)]
    public Task AnswerSubscription(string answerSdp) => media.AnswerSubscriptionAsync(Me, answerSdp ?? "");

    /// <summary>Receive this track again (after <see cref="Unsubscribe"/>).</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task Subscribe(string trackId) => media.SetSubscribedAsync(Me, trackId ?? "", subscribed: true);

    /// <summary>Stop receiving this track (a remote participant's camera, microphone or screen).</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task Unsubscribe(string trackId) => media.SetSubscribedAsync(Me, trackId ?? "", subscribed: false);

    /// <summary>How large this participant shows a remote video; the SFU sends the simulcast layer that fits.</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task SetVideoSize(string trackId, int width, int height) => media.SetVideoSizeAsync(Me, trackId ?? "", width, height);

    [RequiresCapability(Capabilities.None)]
    public async Task Leave()
    {
        await media.LeaveAsync(Me);
        Context.Items.Remove(HubAuthorizationFilter.ParticipantKey);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (HubAuthorizationFilter.Participant(Context) is { } participant)
        {
            await media.LeaveAsync(participant);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private MeetingParticipant Me => HubAuthorizationFilter.Participant(Context) ?? throw new HubException("Join the meeting first.");
}

public sealed record JoinResult(string ParticipantId, string DisplayName, IReadOnlyList<string> Capabilities);
