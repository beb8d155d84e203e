using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class RtcpHeaderTests
{
    [Fact]
    public void Header_fields_follow_rfc3550_section_6_4_1()
    {
        // V=2 P=1 RC=5, PT=201, length=0x0102
        Assert.True(RtcpHeader.TryParse([0xA5, 0xC9, 0x01, 0x02], out var header));
        Assert.Equal(new RtcpHeader(true, 5, RtcpPacketType.ReceiverReport, 0x0102), header);
        Assert.Equal((0x0102 + 1) * 4, header.PacketLength);

        Span<byte> written = stackalloc byte[4];
        Assert.True(header.TryWrite(written, out var n));
        Assert.Equal(4, n);
        Assert.Equal(new byte[] { 0xA5, 0xC9, 0x01, 0x02 }, written.ToArray());
    }

    [Theory]
    [InlineData("80c8", "shorter than the 4-byte RTCP header")]
    [InlineData("40c80000", "RTCP version is not 2")]
    public void Header_rejects_bad_input_with_a_reason(string hex, string expected)
    {
        Assert.False(RtcpHeader.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Header_writer_refuses_a_short_buffer_or_a_count_over_31()
    {
        Assert.False(new RtcpHeader(false, 1, RtcpPacketType.SenderReport, 6).TryWrite(new byte[3], out _));
        Assert.False(new RtcpHeader(false, 32, RtcpPacketType.SenderReport, 6).TryWrite(new byte[4], out _));
    }

    [Theory]
    [InlineData("81c90007000000", "RTCP length field exceeds the data")]
    [InlineData("a0c9000100000000", "RTCP padding count is zero or larger than the payload")]
    [InlineData("a0c9000100000005", "RTCP padding count is zero or larger than the payload")]
    public void Packet_framing_checks_length_and_padding(string hex, string expected)
    {
        Assert.False(RtcpPacket.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Packet_framing_strips_padding_from_the_payload()
    {
        // V=2 P=1 RC=0 RR, length 2 words: SSRC, then 4 padding octets ending in the count 4.
        Assert.True(RtcpPacket.TryParse(Convert.FromHexString("a0c90002" + "11223344" + "00000004"), out var packet));
        Assert.Equal(12, packet.Data.Length);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44 }, packet.Payload.ToArray());
    }
}
