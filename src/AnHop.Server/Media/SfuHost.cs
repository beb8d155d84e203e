using System.Collections.Concurrent;
using System.Net;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Server.Options;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Media;

/// <summary>
/// The in-process SFU: one <see cref="MediaServer"/> (the UDP port and ICE-TCP listener every transport shares)
/// and one <see cref="Router"/> per meeting, created on first use and dropped when the meeting empties.
/// </summary>
public sealed class SfuHost(IOptions<AnHopOptions> options, ILogger<SfuHost> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentDictionary<string, (Router Router, ITimer Ticker)> _routers = new(StringComparer.Ordinal);
    private MediaServer? _server;

    public MediaServer Server => _server ?? throw new InvalidOperationException("the SFU has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var media = options.Value.Media;
        var listen = IPAddress.Parse(media.ListenAddress);
        var announced = string.IsNullOrEmpty(media.AnnouncedAddress) ? DefaultAnnouncedAddress(listen) : IPAddress.Parse(media.AnnouncedAddress);
        _server = await MediaServer.StartAsync(new MediaServerOptions
        {
            ListenAddress = listen,
            AnnouncedAddress = announced,
            UdpPort = media.UdpPort,
            IceTcpEnabled = media.IceTcpEnabled,
            TcpPort = media.TcpPort,
            ForwardedLossPercent = media.ForwardedLossPercent,
        }, cancellationToken: cancellationToken);
        SfuLog.Started(logger, _server.AnnouncedUdpEndPoint.ToString(), _server.AnnouncedTcpEndPoint?.ToString() ?? "off");
    }

    /// <summary>The meeting's router; <paramref name="created"/> runs once, on the router a call creates.</summary>
    public Router RouterFor(string meetingId, IProducerGate gate, Action<Router>? created = null)
    {
        var isNew = false;
        var router = _routers.GetOrAdd(meetingId, _ =>
        {
            isNew = true;
            var router = new Router(gate);
            return (router, router.StartTicking(TickPeriod));
        }).Router;
        if (isNew)
        {
            created?.Invoke(router);
        }

        return router;
    }

    /// <summary>How many meetings have a router (diagnostics and tests).</summary>
    internal int RouterCount => _routers.Count;

    public void DropRouter(string meetingId)
    {
        if (_routers.TryRemove(meetingId, out var entry))
        {
            entry.Ticker.Dispose();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var meetingId in _routers.Keys)
        {
            DropRouter(meetingId);
        }

        _server?.Dispose();
        _server = null;
    }

    /// <summary>Read from this machine's own interfaces, never from an outside service.</summary>
    private static IPAddress DefaultAnnouncedAddress(IPAddress listen)
    {
        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            return listen;
        }

        return Hosting.LocalAddresses.LanIPv4().FirstOrDefault() ?? IPAddress.Loopback;
    }
}

internal static partial class SfuLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "SFU listening: UDP {Udp}, ICE-TCP {Tcp}")]
    public static partial void Started(ILogger logger, string udp, string tcp);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Participant {ParticipantId} joined meeting media {MeetingId}")]
    public static partial void Joined(ILogger logger, string participantId, string meetingId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Participant {ParticipantId} left meeting media {MeetingId}")]
    public static partial void Left(ILogger logger, string participantId, string meetingId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Producer refused for {ParticipantId}: {Source} ({Reason})")]
    public static partial void ProducerRefused(ILogger logger, string participantId, string source, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Negotiation failed for {ParticipantId}: {Reason}")]
    public static partial void NegotiationFailed(ILogger logger, string participantId, string reason);
}
