using System.Net;
using AnHop.Media.Sfu.Transport;

namespace AnHop.Media.Tests.Sfu.Transport;

public class MediaServerOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_the_rfcs()
    {
        var options = new MediaServerOptions();
        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(30), options.ConsentTimeout);
        Assert.Equal(0, options.ForwardedLossPercent);
        Assert.Equal(0, options.UdpPort);
        Assert.True(options.IceTcpEnabled);
        Assert.Equal(options.ListenAddress, options.CandidateAddress);
    }

    [Fact]
    public void The_announced_address_replaces_the_listen_address_in_candidates()
    {
        var announced = IPAddress.Parse("203.0.113.7");
        var options = new MediaServerOptions { ListenAddress = IPAddress.Any, AnnouncedAddress = announced };
        options.Validate();
        Assert.Equal(announced, options.CandidateAddress);
    }

    public static TheoryData<MediaServerOptions, string> Invalid() => new()
    {
        { new MediaServerOptions { UdpPort = -1 }, nameof(MediaServerOptions.UdpPort) },
        { new MediaServerOptions { UdpPort = 65536 }, nameof(MediaServerOptions.UdpPort) },
        { new MediaServerOptions { TcpPort = 70000 }, nameof(MediaServerOptions.TcpPort) },
        { new MediaServerOptions { AnnouncedAddress = IPAddress.Any }, nameof(MediaServerOptions.AnnouncedAddress) },
        { new MediaServerOptions { ConsentTimeout = TimeSpan.Zero }, nameof(MediaServerOptions.ConsentTimeout) },
        { new MediaServerOptions { ConnectTimeout = TimeSpan.FromSeconds(-1) }, nameof(MediaServerOptions.ConnectTimeout) },
        { new MediaServerOptions { DtlsHandshakeTimeout = TimeSpan.Zero }, nameof(MediaServerOptions.DtlsHandshakeTimeout) },
        { new MediaServerOptions { HousekeepingInterval = TimeSpan.Zero }, nameof(MediaServerOptions.HousekeepingInterval) },
        { new MediaServerOptions { UdpReceiveBufferSize = 100 }, nameof(MediaServerOptions.UdpReceiveBufferSize) },
        { new MediaServerOptions { MaxTcpFrameLength = 1000 }, nameof(MediaServerOptions.MaxTcpFrameLength) },
        { new MediaServerOptions { MaxTcpFrameLength = 70000 }, nameof(MediaServerOptions.MaxTcpFrameLength) },
        { new MediaServerOptions { ForwardedLossPercent = -1 }, nameof(MediaServerOptions.ForwardedLossPercent) },
        { new MediaServerOptions { ForwardedLossPercent = 101 }, nameof(MediaServerOptions.ForwardedLossPercent) },
        { new MediaServerOptions { ForwardedLossPercent = double.NaN }, nameof(MediaServerOptions.ForwardedLossPercent) },
        { new MediaServerOptions { MaxTransports = 0 }, nameof(MediaServerOptions.MaxTransports) },
        { new MediaServerOptions { ReceiveThreads = 0 }, nameof(MediaServerOptions.ReceiveThreads) },
        { new MediaServerOptions { ReceiveThreads = 257 }, nameof(MediaServerOptions.ReceiveThreads) },
        { new MediaServerOptions { ReceiveBatchSize = 0 }, nameof(MediaServerOptions.ReceiveBatchSize) },
        { new MediaServerOptions { ReceiveBatchSize = 1025 }, nameof(MediaServerOptions.ReceiveBatchSize) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_refused_by_name(MediaServerOptions options, string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => new MediaServer(options, TransportRig.ServerCertificate));
    }

    [Fact]
    public void The_server_binds_free_ports_on_the_listen_address()
    {
        using var server = TransportRig.NewServer();
        Assert.Equal(IPAddress.Loopback, server.UdpEndPoint.Address);
        Assert.NotEqual(0, server.UdpEndPoint.Port);
        Assert.NotEqual(0, server.TcpEndPoint!.Port);
        Assert.Equal(server.UdpEndPoint, server.AnnouncedUdpEndPoint);
        Assert.Equal(server.TcpEndPoint, server.AnnouncedTcpEndPoint);
        Assert.Equal(TransportRig.ServerCertificate.Fingerprint, server.Fingerprint);
    }
}
