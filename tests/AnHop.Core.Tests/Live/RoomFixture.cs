using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;

namespace AnHop.Core.Tests.Live;

/// <summary>A room on a hand-set clock, passes for each role, and shortcuts to get people in.</summary>
internal sealed class RoomFixture
{
    public sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    public static readonly Guid MeetingId = Guid.Parse("6d1f0c8e-2a51-4c1e-9a55-0f3cb2d0a111");

    public RoomFixture(MeetingPolicy? policy = null, IEnumerable<MeetingBanRule>? bans = null)
    {
        Policy = policy ?? MeetingPolicy.SecureDefault;
        Room = new MeetingRoom(MeetingId, "Giao ban", Policy, Time, bans);
    }

    public Clock Time { get; } = new();

    public MeetingPolicy Policy { get; }

    public MeetingRoom Room { get; }

    public AdmissionPass Pass(string name, MeetingRole role, bool preAdmitted = false, Guid? account = null, string device = "device-1", string ip = "192.0.2.1") =>
        new(MeetingId, "code", "Giao ban", name, role, preAdmitted, account, null, device, ip, Policy, Time.Now.AddMinutes(5));

    public AdmissionPass HostPass() => Pass("Chủ trì", MeetingRole.Host, preAdmitted: true, account: Guid.NewGuid());

    /// <summary>Knocks and joins directly (a pre-admitted pass); returns the participant id.</summary>
    public string Enter(AdmissionPass pass, string endpoint)
    {
        var knock = Room.Knock(pass, endpoint);
        Assert.Equal(KnockState.Admitted, knock.State);
        Assert.True(Room.Connect(knock.Participant!.Id, endpoint, out _).Succeeded);
        return knock.Participant.Id;
    }

    /// <summary>Knocks, is admitted by <paramref name="hostId"/> and joins; returns the participant id.</summary>
    public string EnterThroughWaitingRoom(string hostId, AdmissionPass pass, string endpoint)
    {
        var knock = Room.Knock(pass, endpoint);
        Assert.Equal(KnockState.Waiting, knock.State);
        var admitted = Room.Admit(hostId, knock.WaiterId!);
        var id = Assert.Single(admitted.Events.OfType<WaiterAdmitted>()).Participant.Id;
        Assert.True(Room.Connect(id, endpoint, out _).Succeeded);
        return id;
    }

    public Capabilities CapabilitiesOf(string participantId, string endpoint) =>
        Room.Authorize(participantId, endpoint)?.Capabilities ?? Capabilities.None;
}
