using System.Reflection;
using AnHop.Core.Meetings;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.Meetings;

public sealed class MeetingHubAuthorizationTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_hub_method_declares_how_it_is_authorised()
    {
        var methods = typeof(MeetingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(Hub.OnDisconnectedAsync) && m.Name != nameof(Hub.OnConnectedAsync))
            .ToList();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            var redeems = method.GetCustomAttribute<RedeemsTicketAttribute>() is not null;
            var requires = method.GetCustomAttribute<RequiresCapabilityAttribute>() is not null;
            Assert.True(redeems ^ requires, $"{method.Name} must carry exactly one of [RedeemsTicket] and [RequiresCapability]");
        }

        Assert.Equal([nameof(MeetingHub.Join)], methods.Where(m => m.GetCustomAttribute<RedeemsTicketAttribute>() is not null).Select(m => m.Name));
    }

    [Fact]
    public async Task Nothing_works_before_a_valid_ticket_and_a_ticket_works_once()
    {
        await using var connection = await ConnectAsync();
        var early = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("Publish", "v=0", Array.Empty<object>()));
        Assert.Contains("Join the meeting first", early.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("AnswerSubscription", "v=0"));
        var forged = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinResult>("Join", AnHop.Core.Security.SecretToken.Create()));
        Assert.Contains("The ticket is not valid", forged.Message, StringComparison.Ordinal);

        var ticket = _server.Services.GetRequiredService<JoinTicketStore>().Issue("m-auth", "p-1", "Quân", Capabilities.PublishAudio);
        var joined = await connection.InvokeAsync<JoinResult>("Join", ticket);
        Assert.Equal("p-1", joined.ParticipantId);
        Assert.Equal(["PublishAudio"], joined.Capabilities);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinResult>("Join", ticket));

        // The ticket carried no Subscribe capability: answering a subscription is refused by the authoriser.
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("AnswerSubscription", "v=0"));
        Assert.Contains("not allowed", refused.Message, StringComparison.Ordinal);

        await using var second = await ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<JoinResult>("Join", ticket));
    }

    [Fact]
    public async Task A_hostile_offer_is_refused_with_a_reason_and_the_connection_survives()
    {
        await using var connection = await ConnectAsync();
        var ticket = _server.Services.GetRequiredService<JoinTicketStore>().Issue("m-offer", "p-2", "Sơn", MeetingCapabilitiesForTest);
        await connection.InvokeAsync<JoinResult>("Join", ticket);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("Publish", "v=0\r\nnot sdp", Array.Empty<object>()));
        Assert.Contains("The offer was refused", refused.Message, StringComparison.Ordinal);
        await connection.InvokeAsync("Leave");
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private const Capabilities MeetingCapabilitiesForTest = Capabilities.PublishAudio | Capabilities.PublishVideo | Capabilities.Subscribe;

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(_server.BaseUrl, MeetingHub.Path)).Build();
        await connection.StartAsync();
        return connection;
    }
}
