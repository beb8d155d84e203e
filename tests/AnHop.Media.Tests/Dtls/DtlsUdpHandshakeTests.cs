using System.Net;
using System.Net.Sockets;
using AnHop.Media.Dtls;
using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Dtls.DtlsTestPeers;

namespace AnHop.Media.Tests.Dtls;

/// <summary>One handshake over real UDP sockets on 127.0.0.1, each socket pumped into its session as the SFU's demux would.</summary>
public class DtlsUdpHandshakeTests
{
    [Fact]
    public async Task Handshake_completes_over_UDP_on_loopback()
    {
        using var serverSocket = Bind();
        using var clientSocket = Bind();
        using var stop = new CancellationTokenSource();
        var serverEndPoint = serverSocket.LocalEndPoint!;
        var clientEndPoint = clientSocket.LocalEndPoint!;
        var toServer = new DtlsWire();
        var toClient = new DtlsWire();

        using var server = DtlsSession.StartServer(ServerCertificate, ClientCertificate.Fingerprint,
            datagram => serverSocket.SendTo(datagram, SocketFlags.None, clientEndPoint));
        toServer.Connect(server);
        var serverPump = Pump(serverSocket, toServer, stop.Token);
        var clientPump = Pump(clientSocket, toClient, stop.Token);
        using var client = DtlsSession.StartClient(ClientCertificate, ServerCertificate.Fingerprint,
            datagram => clientSocket.SendTo(datagram, SocketFlags.None, serverEndPoint));
        toClient.Connect(client);

        var (serverResult, clientResult) = await BothComplete(server, client);

        Assert.Equal(SrtpProfile.AeadAes128Gcm, serverResult.Profile);
        AssertMirrored(serverResult, clientResult);
        Assert.True(toServer.Sent.Count >= 2, "the client's datagrams did not all go through the socket");
        await stop.CancelAsync();
        await Task.WhenAll(serverPump, clientPump).WaitAsync(Patience);
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Receives datagrams until cancelled and passes each to the wire (which holds them until its session exists).</summary>
    private static async Task Pump(Socket socket, DtlsWire wire, CancellationToken stop)
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
                wire.Send(buffer.AsSpan(0, received.ReceivedBytes));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
