using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Server.Media;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// Carries out what a room operation changed: tells the people concerned through the hub, and enforces it in the
/// SFU and the secret stores (a removed person's media stops, their tickets and passes are revoked, their
/// connection leaves the meeting's group).
/// </summary>
public sealed class LiveMeetingDispatcher(
    IHubContext<MeetingHub> hub,
    MeetingMedia media,
    JoinTicketStore tickets,
    AdmissionPassStore passes,
    LiveRooms rooms,
    LiveMeetings meetings,
    ILogger<LiveMeetingDispatcher> logger)
{
    /// <summary>The capabilities whose loss must close something in the SFU at once.</summary>
    private const Capabilities MediaCapabilities =
        Capabilities.PublishAudio | Capabilities.PublishVideo | Capabilities.PublishScreen | Capabilities.Subscribe;

    /// <summary>Issues the join ticket an admitted person redeems with Join.</summary>
    public string IssueTicket(MeetingRoom room, ParticipantView participant, Capabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(participant);
        return tickets.Issue(room.Id, participant.Id, participant.DisplayName, capabilities);
    }

    public async Task DispatchAsync(MeetingRoom room, IReadOnlyList<RoomEvent> events)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var change in events)
        {
            await DispatchAsync(room, change);
        }
    }

    private async Task DispatchAsync(MeetingRoom room, RoomEvent change)
    {
        var everyone = hub.Clients.Group(room.Id);
        switch (change)
        {
            case WaiterKnocked knocked:
                LiveLog.Knocked(logger, room.Id, knocked.Waiter.Id);
                await hub.Clients.Clients(knocked.HostEndpoints).SendAsync("Knocked", WaiterDto.From(knocked.Waiter));
                break;
            case WaitingListChanged waiting:
                await hub.Clients.Clients(waiting.HostEndpoints).SendAsync("WaitingListChanged", waiting.Waiting.Select(WaiterDto.From).ToList());
                break;
            case WaiterAdmitted admitted:
                LiveLog.Admitted(logger, room.Id, admitted.Participant.Id);
                await hub.Clients.Client(admitted.Endpoint).SendAsync("Admitted", IssueTicket(room, admitted.Participant, admitted.Capabilities));
                break;
            case WaiterDenied denied:
                await hub.Clients.Client(denied.Endpoint).SendAsync("Denied");
                break;
            case ParticipantJoined joined:
                await everyone.SendAsync("ParticipantJoined", ParticipantDto.From(joined.Participant));
                break;
            case ParticipantUpdated updated:
                await everyone.SendAsync("ParticipantUpdated", ParticipantDto.From(updated.Participant));
                break;
            case CapabilitiesChanged capabilities:
                await ChangeCapabilitiesAsync(room, capabilities);
                break;
            case MeetingUpdated meeting:
                await everyone.SendAsync("MeetingUpdated", new { meeting.Locked, meeting.ChatEnabled });
                break;
            case UnmuteRequested unmute when unmute.Endpoint is not null:
                await hub.Clients.Client(unmute.Endpoint).SendAsync("UnmuteRequested", unmute.Kind);
                break;
            case ParticipantRemoved removed:
                await RemoveAsync(room, removed);
                break;
            case BanAdded ban:
                passes.Revoke(pass => pass.MeetingId == room.MeetingId && ban.Rule.Matches(pass.AccountId, pass.DeviceId, pass.IpAddress));
                await rooms.SaveBanAsync(room.MeetingId, ban.Rule);
                break;
            case MeetingEnded ended:
                await EndAsync(room, ended);
                break;
            case ChatPosted chat:
                await everyone.SendAsync("ChatMessage", chat.Message);
                break;
            default:
                // ParticipantLeft: the SFU's side tells the others when the participant's media goes (MeetingMedia).
                break;
        }
    }

    private async Task ChangeCapabilitiesAsync(MeetingRoom room, CapabilitiesChanged change)
    {
        if (change.Endpoint is not null)
        {
            await hub.Clients.Client(change.Endpoint).SendAsync("CapabilitiesChanged", LiveNames.Of(change.After));
        }

        if ((change.Before & ~change.After & MediaCapabilities) != 0)
        {
            await media.EnforceAsync(room.Id, change.ParticipantId);
        }
    }

    private async Task RemoveAsync(MeetingRoom room, ParticipantRemoved removed)
    {
        LiveLog.Removed(logger, room.Id, removed.ParticipantId, removed.Reason.ToString());
        await media.RemoveAsync(room.Id, removed.ParticipantId);
        tickets.Revoke(room.Id, removed.ParticipantId);
        passes.Revoke(pass => pass.MeetingId == room.MeetingId && removed.Person.Matches(pass.AccountId, pass.DeviceId, pass.IpAddress));
        if (removed.Endpoint is { } endpoint)
        {
            await hub.Clients.Client(endpoint).SendAsync("Removed", removed.Reason == RemovalReason.Banned ? "banned" : "removed");
            await hub.Groups.RemoveFromGroupAsync(endpoint, room.Id);
        }
    }

    private async Task EndAsync(MeetingRoom room, MeetingEnded ended)
    {
        LiveLog.Ended(logger, room.Id);
        meetings.Forget(room);
        passes.RevokeMeeting(room.MeetingId);
        await hub.Clients.Group(room.Id).SendAsync("MeetingEnded");
        await hub.Clients.Clients(ended.WaitingEndpoints).SendAsync("MeetingEnded");
        foreach (var (participantId, endpoint) in ended.Participants)
        {
            tickets.Revoke(room.Id, participantId);
            await media.RemoveAsync(room.Id, participantId);
            if (endpoint is not null)
            {
                await hub.Groups.RemoveFromGroupAsync(endpoint, room.Id);
            }
        }

        // Ended for all: the room (forgotten above) and its media go at once, not after the empty-room grace period.
        await media.ReleaseAsync(room.Id);
    }
}
