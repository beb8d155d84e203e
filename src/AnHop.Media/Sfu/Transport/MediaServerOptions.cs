using System.Net;
using System.Net.Sockets;

namespace AnHop.Media.Sfu.Transport;

/// <summary>Settings of a <see cref="MediaServer"/>; <see cref="Validate"/> runs when the server starts.</summary>
public sealed class MediaServerOptions
{
    /// <summary>The local address the UDP socket and the ICE-TCP listener bind to.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The UDP port shared by every transport; 0 takes any free port.</summary>
    public int UdpPort { get; init; }

    /// <summary>
    /// The address put into host candidates, for NAT and 1:1 mappings; null means <see cref="ListenAddress"/>.
    /// It comes from configuration only and is never guessed from an outside service.
    /// </summary>
    public IPAddress? AnnouncedAddress { get; init; }

    /// <summary>Accept ICE-TCP passive connections (RFC 6544) for networks that block UDP.</summary>
    public bool IceTcpEnabled { get; init; } = true;

    /// <summary>The ICE-TCP port; 0 takes any free port.</summary>
    public int TcpPort { get; init; }

    /// <summary>RFC 7675 §5.1: consent is lost after 30 s without a valid connectivity check.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A transport whose ICE and DTLS have not both completed within this time after creation is closed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The DTLS handshake must finish within this time once it has started.</summary>
    public TimeSpan DtlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server's single timer looks for expired consent, stalled connects and idle TCP connections.</summary>
    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// UDP sockets on the one port, each read by its own thread, so that forwarding uses several cores (Linux:
    /// SO_REUSEPORT, flows spread by the kernel's 4-tuple hash; elsewhere always one). Default: the processor count.
    /// </summary>
    public int ReceiveThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Gather what a receive thread sends while it handles one datagram (a packet's fan-out) and hand it to the
    /// kernel with sendmmsg(2) (64-bit Linux); off: one sendto(2) per datagram.
    /// </summary>
    public bool BatchSends { get; init; } = true;

    /// <summary>
    /// Datagrams a receive thread takes per system call with recvmmsg(2) (64-bit Linux). 1: one recvfrom per
    /// datagram, as elsewhere.
    /// </summary>
    public int ReceiveBatchSize { get; init; } = 32;

    /// <summary>Kernel receive buffer of each UDP socket (SO_RCVBUF), in bytes.</summary>
    public int UdpReceiveBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Kernel send buffer of each UDP socket (SO_SNDBUF), in bytes.</summary>
    public int UdpSendBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Kernel receive buffer of each ICE-TCP connection, in bytes.</summary>
    public int TcpReceiveBufferSize { get; init; } = 256 * 1024;

    /// <summary>Kernel send buffer of each ICE-TCP connection, in bytes.</summary>
    public int TcpSendBufferSize { get; init; } = 1024 * 1024;

    /// <summary>Largest RFC 4571 frame accepted on ICE-TCP; a larger length prefix closes the connection.</summary>
    public int MaxTcpFrameLength { get; init; } = 1500;

    /// <summary>A blocked ICE-TCP send (the peer stopped reading) closes the connection after this long.</summary>
    public TimeSpan TcpSendTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Test setting, 0 by default: the share (0–100 %) of outgoing RTP packets that transports drop on purpose,
    /// counted as <see cref="TransportDropReason.LossInjection"/>, so that NACK repair can be proven.
    /// </summary>
    public double ForwardedLossPercent { get; init; }

    /// <summary>At most this many transports at once; <see cref="MediaServer.CreateWebRtcTransport"/> refuses more.</summary>
    public int MaxTransports { get; init; } = 1000;

    /// <summary>At most this many ICE-TCP connections at once, bound or not; further connections are closed at accept.</summary>
    public int MaxTcpConnections { get; init; } = 1000;

    /// <summary>The address for candidates: <see cref="AnnouncedAddress"/> or else <see cref="ListenAddress"/>.</summary>
    public IPAddress CandidateAddress => AnnouncedAddress ?? ListenAddress;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ListenAddress, nameof(ListenAddress));
        if (ListenAddress.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("the listen address must be IPv4 or IPv6", nameof(ListenAddress));
        }

        if (AnnouncedAddress is { } announced)
        {
            if (announced.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException("the announced address must be IPv4 or IPv6", nameof(AnnouncedAddress));
            }

            if (announced.Equals(IPAddress.Any) || announced.Equals(IPAddress.IPv6Any))
            {
                throw new ArgumentException("the announced address must be a concrete address, not a wildcard",
                    nameof(AnnouncedAddress));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(UdpPort, nameof(UdpPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UdpPort, IPEndPoint.MaxPort, nameof(UdpPort));
        ArgumentOutOfRangeException.ThrowIfNegative(TcpPort, nameof(TcpPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TcpPort, IPEndPoint.MaxPort, nameof(TcpPort));
        RequirePositive(ConsentTimeout, nameof(ConsentTimeout));
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(DtlsHandshakeTimeout, nameof(DtlsHandshakeTimeout));
        RequirePositive(HousekeepingInterval, nameof(HousekeepingInterval));
        RequirePositive(TcpSendTimeout, nameof(TcpSendTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveThreads, 1, nameof(ReceiveThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveThreads, 256, nameof(ReceiveThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBatchSize, 1, nameof(ReceiveBatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveBatchSize, 1024, nameof(ReceiveBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(UdpReceiveBufferSize, 4096, nameof(UdpReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(UdpSendBufferSize, 4096, nameof(UdpSendBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(TcpReceiveBufferSize, 4096, nameof(TcpReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(TcpSendBufferSize, 4096, nameof(TcpSendBufferSize));

        // Chromium's first DTLS datagram is 1200 bytes; a frame carries one datagram, whose length field is 16 bits.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTcpFrameLength, 1200, nameof(MaxTcpFrameLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTcpFrameLength, MediaServer.MaxDatagramLength, nameof(MaxTcpFrameLength));
        if (!(ForwardedLossPercent is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(ForwardedLossPercent), ForwardedLossPercent, "must be 0 to 100");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTransports, 1, nameof(MaxTransports));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTcpConnections, nameof(MaxTcpConnections));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive and under 24 days");
        }
    }
}
