using System.Buffers.Binary;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>The per-packet paths of a connected transport allocate nothing.</summary>
public class TransportAllocationTests
{
    [Fact]
    public async Task Receiving_an_srtp_packet_allocates_nothing()
    {
        using var server = NewServer();
        var sink = new NullSink();
        var (transport, peer) = await ConnectAsync(server, sink);
        using var _ = transport;
        using var __ = peer;

        // The peer's own outbound keys, so that every call gets a fresh packet, as from the peer's address.
        var keys = transport.DtlsResult!.Keys;
        using var peerSide = new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        var from = peer.LocalEndPoint.Serialize();
        var template = MakeRtp(0x4444, 0, 1188, out var length);
        var buffer = new byte[template.Length];
        ushort sequence = 0;

        Allocations.AssertNone(() =>
        {
            template.AsSpan().CopyTo(buffer);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), ++sequence);
            peerSide.ProtectRtp(buffer, length, out var wire);
            server.ProcessDatagram(buffer.AsSpan(0, wire), from);
        });

        Assert.Equal(60_000, sink.Count);
        Assert.Equal(0, transport.Counters.Drops(TransportDropReason.SrtpAuthFailure));
    }

    [Fact]
    public async Task Sending_rtp_allocates_nothing()
    {
        using var server = NewServer();
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        var template = MakeRtp(0x5555, 0, 1000, out var length);
        var buffer = new byte[template.Length];
        ushort sequence = 0;
        var before = transport.Counters.PacketsOut;

        Allocations.AssertNone(() =>
        {
            template.AsSpan().CopyTo(buffer);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), ++sequence);
            transport.SendRtp(buffer, length);
        });

        Assert.Equal(60_000, transport.Counters.PacketsOut - before + transport.Counters.Drops(TransportDropReason.SendFailure));
    }
}
