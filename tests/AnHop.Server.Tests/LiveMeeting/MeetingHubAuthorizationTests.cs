using AnHop.Core.Meetings;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.LiveMeeting;

public sealed class MeetingHubAuthorizationTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Nothing_works_before_admission_and_a_ticket_works_once()
    {
        var meeting = new LiveMeetingFixture(_server);
        await using var connection = await meeting.ConnectAsync();
        var early = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<PublishResult>("Publish", "v=0", Array.Empty<PublishedSource>()));
        Assert.Contains(HubAuthorizationFilter.JoinFirst, early.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Mute", "someone"));
        var forged = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinAnswer>("Join", AnHop.Core.Security.SecretToken.Create()));
        Assert.Contains("The ticket is not valid", forged.Message, StringComparison.Ordinal);
        var forgedPass = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<KnockAnswer>("Knock", AnHop.Core.Security.SecretToken.Create()));
        Assert.Contains("The pass is not valid", forgedPass.Message, StringComparison.Ordinal);

        var pass = meeting.IssuePass("Quân", MeetingRole.Host, preAdmitted: true, account: Guid.NewGuid());
        var knock = await connection.InvokeAsync<KnockAnswer>("Knock", pass);
        var joined = await connection.InvokeAsync<JoinAnswer>("Join", knock.Ticket);
        Assert.Equal("host", joined.Role);
        Assert.Contains("Moderate", joined.Capabilities);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinAnswer>("Join", knock.Ticket));

        // A pass and a ticket are single-use: another connection gets nothing with them.
        await using var second = await meeting.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<JoinAnswer>("Join", knock.Ticket));
        await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<KnockAnswer>("Knock", pass));
    }

    [Fact]
    public async Task A_hostile_offer_is_refused_with_a_reason_and_the_connection_survives()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var refused = await Assert.ThrowsAsync<HubException>(() => host.InvokeAsync<PublishResult>("Publish", "v=0\r\nnot sdp", Array.Empty<PublishedSource>()));
        Assert.Contains("The offer was refused", refused.Message, StringComparison.Ordinal);
        await host.InvokeAsync("Leave");
        Assert.Equal(HubConnectionState.Connected, host.Connection.State);
        var gone = await Assert.ThrowsAsync<HubException>(() => host.InvokeAsync("RaiseHand", true));
        Assert.Contains(HubAuthorizationFilter.JoinFirst, gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_for_a_meeting_that_is_not_running_is_refused()
    {
        await using var connection = await HubClient.ConnectAsync(_server.BaseUrl);
        var ticket = _server.Services.GetRequiredService<JoinTicketStore>().Issue(Guid.NewGuid().ToString(), "p-1", "Quân", Capabilities.PublishAudio);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinAnswer>("Join", ticket));
        Assert.Contains("The ticket is not valid", refused.Message, StringComparison.Ordinal);
    }
}
