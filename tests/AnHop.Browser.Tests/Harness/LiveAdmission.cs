using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;
using AnHop.Server.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests.Harness;

/// <summary>
/// Lets a test's people into a live meeting room the way the admission flow does (an admission pass, a knock
/// that is let in at once, a join ticket), without the pages for passcode entry and the waiting room.
/// </summary>
public static class LiveAdmission
{
    /// <summary>Admits <paramref name="name"/> and answers the join ticket the page redeems.</summary>
    public static async Task<string> AdmitAsync(AnHopServer server, Guid meetingId, string name, MeetingRole role,
        MeetingPolicy? policy = null, Capabilities? restrictTo = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var rooms = server.Services.GetRequiredService<LiveRooms>();
        var dispatcher = server.Services.GetRequiredService<LiveMeetingDispatcher>();
        var pass = Pass(meetingId, name, role, policy ?? MeetingPolicy.SecureDefault);
        var (room, knock) = await rooms.KnockAsync(pass, "harness-" + Guid.NewGuid().ToString("N"));
        Assert.True(knock.State == KnockState.Admitted, $"{name} was not admitted: {knock.State} {knock.Problem}");
        await dispatcher.DispatchAsync(room, knock.Events);
        var participant = knock.Participant!;
        var capabilities = knock.Capabilities;
        if (restrictTo is { } allowed && (!allowed.HasFlag(Capabilities.PublishAudio) || !allowed.HasFlag(Capabilities.PublishVideo)))
        {
            // A host who connects only to restrict this person, then leaves; the pages never hear of them.
            var endpoint = "harness-host-" + Guid.NewGuid().ToString("N");
            var moderator = room.Knock(Pass(meetingId, "Harness", MeetingRole.Host, pass.Policy), endpoint).Participant!.Id;
            Assert.Null(room.Connect(moderator, endpoint, out _).Problem);
            if (!allowed.HasFlag(Capabilities.PublishAudio))
            {
                Assert.Null(room.Mute(moderator, participant.Id).Problem);
            }

            if (!allowed.HasFlag(Capabilities.PublishVideo))
            {
                Assert.Null(room.StopCamera(moderator, participant.Id).Problem);
            }

            Assert.Null(room.Leave(moderator, endpoint).Problem);
            capabilities &= ~(Capabilities.PublishAudio | Capabilities.PublishVideo) | allowed;
        }

        return dispatcher.IssueTicket(room, participant, capabilities);
    }

    /// <summary>A pre-admitted pass as the admission endpoint would issue it to a host, co-host or bypassing invitee.</summary>
    public static AdmissionPass Pass(Guid meetingId, string name, MeetingRole role, MeetingPolicy policy) =>
        new(meetingId, "harness", "Họp thử", name, role, PreAdmitted: true, AccountId: null, InvitationId: null,
            DeviceId: Guid.NewGuid().ToString("N"), IpAddress: "127.0.0.1", policy, DateTimeOffset.UtcNow.AddMinutes(5));
}
