using AnHop.Media.Dtls;
using AnHop.Media.Rtp;
using AnHop.Media.Srtp;
using AnHop.Media.Tests.Dtls;
using static AnHop.Media.Tests.Dtls.DtlsTestPeers;

namespace AnHop.Media.Tests.Integration;

/// <summary>
/// The whole DTLS-SRTP key path in-process: AnHop's DTLS server and client handshake, each side builds its SRTP
/// contexts from the exported keys, and RTP and RTCP then travel both ways and decrypt to the original bytes.
/// </summary>
public sealed class DtlsSrtpTests
{
    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    public async Task Keys_from_the_handshake_carry_SRTP_and_SRTCP_both_ways(SrtpProfile offered)
    {
        var clientOptions = new DtlsSessionOptions { SrtpProfiles = [offered] };
        var (server, client) = Connect(clientOptions: clientOptions);
        using var _ = server;
        using var __ = client;
        var (serverResult, clientResult) = await BothComplete(server, client);
        Assert.Equal(offered, serverResult.Profile);

        using var serverOut = SrtpContext.CreateOutbound(serverResult.Keys);
        using var serverIn = SrtpContext.CreateInbound(serverResult.Keys);
        using var clientOut = SrtpContext.CreateOutbound(clientResult.Keys);
        using var clientIn = SrtpContext.CreateInbound(clientResult.Keys);

        // Across the 16-bit sequence wrap, so the rollover counter is exercised end to end.
        for (var i = 0; i < 40; i++)
        {
            var sequence = (ushort)(65_520 + i);
            AssertRtpTravels(clientOut, serverIn, ssrc: 0x1111_2222, sequence, payloadByte: (byte)i);
            AssertRtpTravels(serverOut, clientIn, ssrc: 0x3333_4444, sequence, payloadByte: (byte)(255 - i));
        }

        AssertRtcpTravels(clientOut, serverIn);
        AssertRtcpTravels(serverOut, clientIn);
        Assert.True(clientIn.TryGetInboundRolloverCounter(0x3333_4444, out var roc));
        Assert.Equal(1u, roc);
    }

    private static void AssertRtpTravels(SrtpContext sender, SrtpContext receiver, uint ssrc, ushort sequence, byte payloadByte)
    {
        var payload = new byte[160];
        Array.Fill(payload, payloadByte);
        var buffer = new byte[1500];
        Assert.True(RtpPacketWriter.TryWrite(buffer, new RtpHeaderFields(false, 111, sequence, sequence * 960u, ssrc),
            [], [], payload, 0, out var length));
        var original = buffer.AsSpan(0, length).ToArray();

        Assert.True(sender.ProtectRtp(buffer, length, out var protectedLength, out var reason), reason);
        Assert.False(buffer.AsSpan(12, payload.Length).SequenceEqual(payload), "payload left in clear");
        var wire = buffer.AsSpan(0, protectedLength).ToArray();

        Assert.True(receiver.UnprotectRtp(wire, out var plainLength, out reason), reason);
        Assert.Equal(original, wire.AsSpan(0, plainLength).ToArray());
    }

    private static void AssertRtcpTravels(SrtpContext sender, SrtpContext receiver)
    {
        // A receiver report with no blocks: V=2, RC=0, PT=201, length=1, SSRC.
        byte[] original = [0x80, 201, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF];
        var buffer = new byte[128];
        original.CopyTo(buffer, 0);
        Assert.True(sender.ProtectRtcp(buffer, original.Length, out var protectedLength, out var reason), reason);
        var wire = buffer.AsSpan(0, protectedLength).ToArray();
        Assert.True(receiver.UnprotectRtcp(wire, out var plainLength, out reason), reason);
        Assert.Equal(original, wire.AsSpan(0, plainLength).ToArray());
    }
}
