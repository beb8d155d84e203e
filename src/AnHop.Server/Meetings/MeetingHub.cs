using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Server.Media;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// The meeting hub (PROTOCOL: meeting hub). Every method is authorised by <see cref="HubAuthorizationFilter"/>: the
/// admission methods check their own secret; every other one needs a participant in the live room on this connection
/// with the capabilities it declares. Nothing the client says about itself is trusted.
/// </summary>
public sealed partial class MeetingHub(
    AdmissionPassStore passes,
    JoinTicketStore tickets,
    LiveMeetings meetings,
    LiveRooms rooms,
    LiveMeetingDispatcher dispatcher,
    MeetingMedia media,
    HubThrottle throttle,
    ILogger<MeetingHub> logger) : Hub
{
    public const string Path = "/hubs/meeting";
    private const string WaitingKey = "anhop.waiting";

    /// <summary>Redeems an admission pass: the person waits (told later by Admitted or Denied) or is let in at once.</summary>
    [BeforeAdmission]
    public async Task<KnockAnswer> Knock(string pass)
    {
        // A connection waits in one place at a time (the room refuses a second knock while it waits); once denied it may knock again.
        EnsureNotJoined();
        throttle.Take(Context.ConnectionId, nameof(Knock), HubThrottle.KnockRefused);

        if (!passes.TryRedeem(pass, out var admission) || admission is null)
        {
            throw new HubException("The pass is not valid.");
        }

        var (room, knock) = await rooms.KnockAsync(admission, Context.ConnectionId);
        if (knock.State == KnockState.Refused)
        {
            LiveLog.Refused(logger, nameof(Knock), room.Id, knock.Problem ?? "");
            throw new HubException(knock.Problem);
        }

        await dispatcher.DispatchAsync(room, knock.Events);
        if (knock.State == KnockState.Waiting)
        {
            Context.Items[WaitingKey] = room.MeetingId;
            return new KnockAnswer("waiting", null);
        }

        return new KnockAnswer("admitted", dispatcher.IssueTicket(room, knock.Participant!, knock.Capabilities));
    }

    /// <summary>Redeems a join ticket (once, on this connection): the participant is in, with media.</summary>
    [BeforeAdmission]
    public async Task<JoinAnswer> Join(string ticket)
    {
        EnsureNotJoined();
        if (!tickets.TryRedeem(ticket, out var granted) || granted is null || meetings.Find(granted.MeetingId) is not { } room)
        {
            throw new HubException("The ticket is not valid.");
        }

        var result = room.Connect(granted.ParticipantId, Context.ConnectionId, out var snapshot);
        return await EnterAsync(room, result, snapshot);
    }

    /// <summary>Back within two minutes of a dropped connection: the same participant, no waiting room, chat kept.</summary>
    [BeforeAdmission]
    public async Task<JoinAnswer> Rejoin(string rejoinToken)
    {
        EnsureNotJoined();
        var parts = (rejoinToken ?? "").Split(':', 2);
        if (parts.Length != 2 || meetings.Find(parts[0]) is not { } room)
        {
            throw new HubException("The rejoin token is not valid.");
        }

        var result = room.Rejoin(parts[1], Context.ConnectionId, out var snapshot);
        return await EnterAsync(room, result, snapshot);
    }

    /// <summary>Leaves on purpose: the seat is freed (coming back means the waiting room again).</summary>
    [RequiresCapability(Capabilities.None)]
    public async Task Leave()
    {
        var me = Me;
        var (room, _) = Live;
        Context.Items.Remove(HubAuthorizationFilter.ParticipantKey);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, me.MeetingId);
        await media.LeaveAsync(me);
        await dispatcher.DispatchAsync(room, room.Leave(me.ParticipantId, me.ConnectionId).Events);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (HubAuthorizationFilter.Participant(Context) is { } participant)
        {
            await media.LeaveAsync(participant);
            if (meetings.Find(participant.MeetingId) is { } room)
            {
                await dispatcher.DispatchAsync(room, room.Drop(participant.ParticipantId, participant.ConnectionId).Events);
            }
        }
        else if (Context.Items.TryGetValue(WaitingKey, out var waiting) && waiting is Guid meetingId && meetings.Find(meetingId) is { } room)
        {
            await dispatcher.DispatchAsync(room, room.LeaveWaiting(Context.ConnectionId).Events);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private void EnsureNotJoined()
    {
        if (HubAuthorizationFilter.Participant(Context) is not null)
        {
            throw new HubException("This connection has joined already.");
        }
    }

    private async Task<JoinAnswer> EnterAsync(MeetingRoom room, RoomResult result, JoinSnapshot? snapshot)
    {
        if (!result.Succeeded || snapshot is null)
        {
            throw new HubException(result.Problem ?? "The ticket is not valid.");
        }

        var participant = new MeetingParticipant(room.Id, snapshot.Me.Id, snapshot.Me.DisplayName, Context.ConnectionId);
        Context.Items[HubAuthorizationFilter.ParticipantKey] = participant;
        Context.Items.Remove(WaitingKey);
        await dispatcher.DispatchAsync(room, result.Events);
        await Groups.AddToGroupAsync(Context.ConnectionId, room.Id);
        await media.JoinAsync(participant);
        var hosting = snapshot.Me.Role is MeetingRole.Host or MeetingRole.CoHost;
        if (hosting && room.Waiting() is { Count: > 0 } early)
        {
            // Those who knocked before this host arrived: the list arrives as it would on a change, so it shows at once.
            await Clients.Caller.SendAsync("WaitingListChanged", early.Select(WaiterDto.From).ToList());
        }

        return new JoinAnswer(snapshot.Me.Id, snapshot.Me.DisplayName, LiveNames.Role(snapshot.Me.Role), LiveNames.Of(snapshot.Capabilities),
            snapshot.Participants.Select(ParticipantDto.From).ToList(), snapshot.Chat,
            new MeetingState(snapshot.Title, snapshot.Locked, snapshot.ChatEnabled),
            room.Id + ":" + snapshot.RejoinToken,
            hosting ? room.Waiting().Select(WaiterDto.From).ToList() : []);
    }

    private MeetingParticipant Me => HubAuthorizationFilter.Participant(Context) ?? throw new HubException(HubAuthorizationFilter.JoinFirst);

    private (MeetingRoom Room, string Me) Live =>
        meetings.Find(Me.MeetingId) is { } room ? (room, Me.ParticipantId) : throw new HubException(HubAuthorizationFilter.JoinFirst);

    /// <summary>Sends what an operation changed, or refuses the call with the room's reason.</summary>
    private async Task ApplyAsync(MeetingRoom room, RoomResult result, string action)
    {
        if (!result.Succeeded)
        {
            LiveLog.Refused(logger, action, room.Id, result.Problem ?? "");
            throw new HubException(result.Problem);
        }

        await dispatcher.DispatchAsync(room, result.Events);
    }
}
