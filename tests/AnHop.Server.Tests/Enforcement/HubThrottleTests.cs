using AnHop.Core.Meetings;
using AnHop.Server.Meetings;
using AnHop.Server.Tests.LiveMeeting;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Tests.Enforcement;

public sealed class HubThrottleTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_connection_flooding_the_chat_is_refused_after_its_burst_and_the_others_may_still_chat()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, _) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;

        // Far more than the burst plus what refills while the calls run: one of them must be refused.
        HubException? refused = null;
        var sent = 0;
        for (var i = 0; i < HubThrottle.ChatBurst * 5 && refused is null; i++)
        {
            try
            {
                await guest.InvokeAsync("SendChat", $"tin {i}");
                sent++;
            }
            catch (HubException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains(HubThrottle.ChatRefused, refused.Message, StringComparison.Ordinal);
        Assert.InRange(sent, HubThrottle.ChatBurst, HubThrottle.ChatBurst * 5 - 1);
        await host.InvokeAsync("SendChat", "Chủ trì vẫn nói được");
    }

    [Fact]
    public async Task Knocking_again_and_again_on_one_connection_is_refused_after_the_limit()
    {
        var meeting = new LiveMeetingFixture(_server);
        await using var client = await meeting.ConnectAsync();
        for (var i = 0; i < HubThrottle.KnockPermits; i++)
        {
            var invalid = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync<KnockAnswer>("Knock", $"doan-mo-{i}-aaaaaaaaaaaaaaaaaaaaaaaaaa"));
            Assert.Contains("pass is not valid", invalid.Message, StringComparison.Ordinal);
        }

        // Even a valid pass is refused now: the throttle decides before the pass is looked at.
        var throttled = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest)));
        Assert.Contains(HubThrottle.KnockRefused, throttled.Message, StringComparison.Ordinal);

        await using var another = await meeting.ConnectAsync();
        Assert.Equal("waiting", (await another.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest))).State);
    }
}
