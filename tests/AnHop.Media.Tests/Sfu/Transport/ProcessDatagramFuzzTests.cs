using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Stun;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>The demux and a connected transport's receive path never throw, whatever arrives from the peer's address.</summary>
public class ProcessDatagramFuzzTests
{
    [Fact]
    public async Task ProcessDatagram_never_throws_on_hostile_bytes_from_a_bound_address()
    {
        using var server = NewServer(new MediaServerOptions { IceTcpEnabled = false });
        var sink = new NullSink();
        var (transport, peer) = await ConnectAsync(server, sink);
        using var _ = transport;
        using var __ = peer;
        var from = peer.LocalEndPoint.Serialize();

        // Seeds: a genuine SRTP and SRTCP packet, a genuine check, a DTLS record header.
        var keys = transport.DtlsResult!.Keys;
        using var peerSide = new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        var rtp = MakeRtp(0x9999, 1, 300, out var rtpLength);
        peerSide.ProtectRtp(rtp, rtpLength, out var rtpWire);
        var rtcp = MakeReceiverReport(0x9999, out var rtcpLength);
        peerSide.ProtectRtcp(rtcp, rtcpLength, out var rtcpWire);
        var check = new byte[256];
        using var key = StunIntegrityKey.ShortTerm(transport.LocalPassword);
        var writer = new StunMessageWriter(check);
        writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]);
        writer.TryAddUsername(System.Text.Encoding.ASCII.GetBytes($"{transport.LocalUfrag}:{peer.LocalUfrag}"));
        writer.TryAddPriority(1);
        writer.TryAddIceControlling(2);
        writer.TryAddMessageIntegrity(key);
        writer.TryAddFingerprint();
        var checkLength = writer.Length;
        byte[][] seeds = [rtp[..rtpWire], rtcp[..rtcpWire], check[..checkLength], [22, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]];
        var scratch = new byte[2048];

        var count = Fuzzer.Run("sfu-transport-process-datagram", input =>
        {
            input.CopyTo(scratch);
            server.ProcessDatagram(scratch.AsSpan(0, input.Length), from);
        }, seeds);

        Assert.Equal(Fuzzer.DefaultIterations, count);
        Assert.Equal(0, server.ReceiveErrors);
    }
}
