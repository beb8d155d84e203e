using System.Collections.Concurrent;
using System.Text.Json;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR.Client;

namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>A SignalR client of the meeting hub that records every message the server sends it, by name.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] ServerMessages =
    [
        "Knocked", "WaitingListChanged", "Admitted", "Denied", "ParticipantJoined", "ParticipantLeft", "ParticipantUpdated",
        "CapabilitiesChanged", "ChatMessage", "MeetingUpdated", "UnmuteRequested", "Removed", "MeetingEnded",
        "SubscriptionOffer", "ProducerClosed", "ActiveSpeaker",
    ];

    private readonly ConcurrentDictionary<string, BlockingCollection<JsonElement[]>> _received = new(StringComparer.Ordinal);

    private HubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public static async Task<HubClient> ConnectAsync(Uri baseUrl)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, MeetingHub.Path)).Build();
        var client = new HubClient(connection);
        foreach (var name in ServerMessages)
        {
            var types = Enumerable.Repeat(typeof(JsonElement), Arity(name)).ToArray();
            connection.On(name, types, args =>
            {
                client.Queue(name).Add(args.Select(a => (JsonElement)a!).ToArray());
                return Task.CompletedTask;
            });
        }

        await connection.StartAsync();
        return client;
    }

    /// <summary>The next message of this name (waits for it; a message that never comes fails the test after 20 s).</summary>
    public JsonElement[] Next(string name)
    {
        Assert.True(Queue(name).TryTake(out var args, TimeSpan.FromSeconds(20)), $"no {name} arrived");
        return args!;
    }

    /// <summary>Whether a message of this name has arrived (without waiting).</summary>
    public bool Received(string name) => Queue(name).Count > 0;

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) => Connection.InvokeCoreAsync(method, args);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private BlockingCollection<JsonElement[]> Queue(string name) => _received.GetOrAdd(name, _ => []);

    private static int Arity(string name) => name switch
    {
        "Denied" or "MeetingEnded" => 0,
        "ProducerClosed" or "SubscriptionOffer" => 2,
        _ => 1,
    };
}
