using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>
/// One meeting on a real server: admission passes are issued straight into the store (as the HTTP admission would),
/// and people knock, wait, are admitted and join through the hub as a browser would.
/// </summary>
internal sealed class LiveMeetingFixture(AnHopServer server, MeetingPolicy? policy = null)
{
    private int _devices;

    public Guid MeetingId { get; } = Guid.NewGuid();

    public string RoomId => MeetingId.ToString();

    public MeetingPolicy Policy { get; } = policy ?? MeetingPolicy.SecureDefault;

    public AnHopServer Server => server;

    public string IssuePass(string name, MeetingRole role, bool preAdmitted = false, Guid? account = null, string? device = null, string ip = "127.0.0.1")
    {
        var passes = server.Services.GetRequiredService<AdmissionPassStore>();
        return passes.Issue(new AdmissionPass(MeetingId, "code", "Giao ban", name, role, preAdmitted, account, null,
            device ?? $"device-{Interlocked.Increment(ref _devices)}", ip, Policy, passes.NewExpiry()));
    }

    public Task<HubClient> ConnectAsync() => HubClient.ConnectAsync(server.BaseUrl);

    /// <summary>A pre-admitted person (host, co-host, bypassing invitee) knocks and joins at once.</summary>
    public async Task<(HubClient Client, JoinAnswer Joined)> EnterAsync(string name, MeetingRole role, Guid? account = null)
    {
        var client = await ConnectAsync();
        var knock = await client.InvokeAsync<KnockAnswer>("Knock", IssuePass(name, role, preAdmitted: true, account: account ?? Guid.NewGuid()));
        Assert.Equal("admitted", knock.State);
        return (client, await client.InvokeAsync<JoinAnswer>("Join", knock.Ticket));
    }

    public Task<(HubClient Client, JoinAnswer Joined)> EnterAsHostAsync() => EnterAsync("Chủ trì", MeetingRole.Host);

    /// <summary>Knocks, is admitted by <paramref name="host"/> and joins.</summary>
    public async Task<(HubClient Client, JoinAnswer Joined)> EnterThroughWaitingRoomAsync(HubClient host, string name, MeetingRole role = MeetingRole.Guest, string? pass = null)
    {
        var client = await ConnectAsync();
        var knock = await client.InvokeAsync<KnockAnswer>("Knock", pass ?? IssuePass(name, role, account: role == MeetingRole.Guest ? null : Guid.NewGuid()));
        Assert.Equal("waiting", knock.State);
        var waiter = host.Next("Knocked")[0].GetProperty("id").GetString();
        await host.InvokeAsync("Admit", waiter);
        var ticket = client.Next("Admitted")[0].GetString();
        return (client, await client.InvokeAsync<JoinAnswer>("Join", ticket));
    }
}
