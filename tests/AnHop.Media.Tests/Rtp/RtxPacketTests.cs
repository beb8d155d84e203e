using AnHop.Media.Rtp;

namespace AnHop.Media.Tests.Rtp;

public class RtxPacketTests
{
    private const uint RtxSsrc = 0x0BADF00D;
    private const byte RtxPayloadType = 97;

    [Fact]
    public void Rtx_payload_starts_with_the_original_sequence_number()
    {
        // RFC 4588 §4: RTP header, then OSN, then the original payload.
        Assert.True(RtxPayload.TryParse(Convert.FromHexString("1F3C" + "90809A5C"), out var rtx, out var reason), reason);
        Assert.Equal(0x1F3C, rtx.OriginalSequenceNumber);
        Assert.Equal("90809A5C", Convert.ToHexString(rtx.OriginalPayload));
        Assert.True(RtxPayload.TryParse([0x00, 0x01], out rtx));
        Assert.True(rtx.OriginalPayload.IsEmpty);
        Assert.False(RtxPayload.TryParse([0x01], out _, out reason));
        Assert.Equal(RtpParseReasons.RtxPayloadTooShort, reason);
    }

    [Fact]
    public void Rtx_packet_built_from_the_original_keeps_its_header_and_prepends_the_osn()
    {
        var original = RtpTestData.ChromeVp8;
        Assert.True(RtpPacket.TryParse(original, out var packet));
        var destination = new byte[200];
        Assert.False(RtxPacket.TryWrite(packet, destination.AsSpan(0, original.Length + 1), 7, RtxSsrc, RtxPayloadType, out _));
        Assert.True(RtxPacket.TryWrite(packet, destination, 7, RtxSsrc, RtxPayloadType, out var written));
        Assert.Equal(original.Length + 2, written);

        AssertRtxOf(original, destination.AsSpan(0, written), 7);
    }

    [Fact]
    public void Rtx_wrap_and_unwrap_in_place_restore_the_original()
    {
        var original = RtpTestData.ChromeOpus;
        var buffer = new byte[original.Length + 2];
        original.CopyTo(buffer, 0);

        Assert.True(RtxPacket.TryWrapInPlace(buffer, original.Length, 0xFFFE, RtxSsrc, RtxPayloadType, out var rtxLength));
        Assert.Equal(original.Length + 2, rtxLength);
        AssertRtxOf(original, buffer.AsSpan(0, rtxLength), 0xFFFE);

        Assert.True(RtxPacket.TryUnwrapInPlace(buffer.AsSpan(0, rtxLength), 0x3A4B5C6D, 111, out var originalLength));
        Assert.Equal(original, buffer[..originalLength]);
    }

    [Fact]
    public void Rtx_drops_the_original_padding()
    {
        var original = Convert.FromHexString("A06000010000000200000003" + "CAFE" + "0002"); // P=1, payload CAFE, 2 padding bytes
        var buffer = new byte[original.Length + 2];
        original.CopyTo(buffer, 0);
        Assert.True(RtxPacket.TryWrapInPlace(buffer, original.Length, 9, RtxSsrc, RtxPayloadType, out var rtxLength));
        Assert.Equal("8061000900000002" + "0BADF00D" + "0001CAFE", Convert.ToHexString(buffer.AsSpan(0, rtxLength)));
    }

    [Fact]
    public void Rtx_in_place_refuses_what_it_cannot_do()
    {
        var original = RtpTestData.ChromeOpus;
        Assert.False(RtxPacket.TryWrapInPlace((byte[])original.Clone(), original.Length, 1, RtxSsrc, RtxPayloadType, out _)); // no room
        Assert.False(RtxPacket.TryWrapInPlace(new byte[20], 21, 1, RtxSsrc, RtxPayloadType, out _));
        Assert.False(RtxPacket.TryWrapInPlace(new byte[20], 11, 1, RtxSsrc, RtxPayloadType, out _));
        // Padding-only probe: no OSN to restore.
        Assert.False(RtxPacket.TryUnwrapInPlace(Convert.FromHexString("A0610001000000020000000300000004"), 1, 96, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtxPacket.TryUnwrapInPlace(new byte[20], 1, 128, out _));
    }

    private static void AssertRtxOf(byte[] original, ReadOnlySpan<byte> rtxBytes, ushort rtxSequenceNumber)
    {
        Assert.True(RtpPacket.TryParse(original, out var packet));
        Assert.True(RtpPacket.TryParse(rtxBytes, out var rtx));
        Assert.Equal(RtxSsrc, rtx.Ssrc);
        Assert.Equal(RtxPayloadType, rtx.PayloadType);
        Assert.Equal(rtxSequenceNumber, rtx.SequenceNumber);
        Assert.Equal(packet.Timestamp, rtx.Timestamp);
        Assert.Equal(packet.Marker, rtx.Marker);
        Assert.Equal(packet.Data[12..packet.HeaderLength].ToArray(), rtx.Data[12..rtx.HeaderLength].ToArray());
        Assert.True(RtxPayload.TryParse(rtx.Payload, out var payload));
        Assert.Equal(packet.SequenceNumber, payload.OriginalSequenceNumber);
        Assert.Equal(packet.Payload.ToArray(), payload.OriginalPayload.ToArray());
    }
}
