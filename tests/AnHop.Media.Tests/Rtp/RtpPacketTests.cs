using AnHop.Media.Rtp;

namespace AnHop.Media.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void Fixed_header_fields_are_read_big_endian()
    {
        var data = Convert.FromHexString(
            "80" +       // V=2, P=0, X=0, CC=0
            "E0" +       // M=1, PT=96
            "1234" +     // sequence number
            "DEADBEEF" + // timestamp
            "CAFEBABE" + // SSRC
            "0102");     // payload

        Assert.True(RtpPacket.TryParse(data, out var packet, out var reason));
        Assert.Null(reason);
        Assert.Equal(2, packet.Version);
        Assert.False(packet.HasPadding);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.CsrcCount);
        Assert.True(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0xCAFEBABEu, packet.Ssrc);
        Assert.Equal(12, packet.HeaderLength);
        Assert.Equal([1, 2], packet.Payload.ToArray());
        Assert.Equal(RtpHeaderExtensionForm.Unknown, packet.Extensions.Form);
        Assert.True(packet.Extensions.Data.IsEmpty);
    }

    [Fact]
    public void Csrcs_and_extension_come_before_the_payload()
    {
        var data = Convert.FromHexString(
            "92" + "08" + "0001" + "00000002" + "00000003" + // V=2, X=1, CC=2, PT=8
            "11111111" + "22222222" +                        // CSRC list
            "BEDE0001" + "40" + "31" + "0000" +              // one-byte block: ID=4 L=0 '1', padding
            "FFEE");                                         // payload

        Assert.True(RtpPacket.TryParse(data, out var packet));
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(0x11111111u, packet.GetCsrc(0));
        Assert.Equal(0x22222222u, packet.GetCsrc(1));
        Assert.Equal(8, packet.CsrcBytes.Length);
        Assert.Equal(20, packet.ExtensionOffset);
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal(28, packet.HeaderLength);
        Assert.True(packet.Extensions.TryFind(4, out ReadOnlySpan<byte> mid));
        Assert.Equal("1"u8.ToArray(), mid.ToArray());
        Assert.Equal([0xFF, 0xEE], packet.Payload.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacket.TryParse(data, out var p) ? p.GetCsrc(2) : 0);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "", RtpParseReasons.TooShort },
        { "8060000100000002000000", RtpParseReasons.TooShort },                    // 11 bytes
        { "406000010000000200000003", RtpParseReasons.BadVersion },                // V=1
        { "C06000010000000200000003", RtpParseReasons.BadVersion },                // V=3
        { "816000010000000200000003", RtpParseReasons.CsrcOverflow },              // CC=1, no CSRC
        { "8F600001000000020000000311111111", RtpParseReasons.CsrcOverflow },      // CC=15, one CSRC
        { "906000010000000200000003", RtpParseReasons.ExtensionOverflow },         // X=1, no block header
        { "906000010000000200000003BEDE00011000", RtpParseReasons.ExtensionOverflow }, // length 1 word, 2 bytes there
        { "A06000010000000200000003", RtpParseReasons.BadPadding },                // P=1, nothing after the header
        { "A0600001000000020000000301020300", RtpParseReasons.BadPadding },        // count 0
        { "A0600001000000020000000301020305", RtpParseReasons.BadPadding },        // count 5 > 4 body bytes
        { "B06000010000000200000003BEDE0001100000000003", RtpParseReasons.BadPadding }, // count 3 would reach into the extension
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Malformed_packets_are_refused_with_their_reason(string hex, string expected)
    {
        Assert.False(RtpPacket.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
        Assert.False(RtpPacketView.TryParse(Convert.FromHexString(hex), out _, out reason));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("A060000100000002000000030A0B0C0D0E0F0003", 3, "0A0B0C0D0E")]     // count 3: two padding bytes + count
    [InlineData("A060000100000002000000030A01", 1, "0A")]                         // count 1: only the count byte
    [InlineData("A0600001000000020000000300000004", 4, "")]                       // padding is the whole body
    [InlineData("A06000010000000200000003FFFFFF04", 4, "")]                       // padding bytes need not be zero
    public void Padding_is_excluded_from_the_payload(string hex, int paddingLength, string payloadHex)
    {
        Assert.True(RtpPacket.TryParse(Convert.FromHexString(hex), out var packet, out var reason), reason);
        Assert.True(packet.HasPadding);
        Assert.Equal(paddingLength, packet.PaddingLength);
        Assert.Equal(payloadHex, Convert.ToHexString(packet.Payload));
    }

    [Fact]
    public void Padding_after_an_extension_only_counts_body_bytes()
    {
        // X=1, P=1: block of one word, then two body bytes, the last one the count 2.
        var data = Convert.FromHexString("B06000010000000200000003" + "BEDE0001" + "10AA0000" + "0002");
        Assert.True(RtpPacket.TryParse(data, out var packet));
        Assert.Equal(20, packet.HeaderLength);
        Assert.Equal(2, packet.PaddingLength);
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Header_rewrite_changes_only_its_fields_and_keeps_the_payload_in_place()
    {
        var data = RtpTestData.ChromeVp8;
        var original = (byte[])data.Clone();
        Assert.True(RtpPacketView.TryParse(data, out var view));
        var payloadBefore = view.Payload.ToArray();
        var headerLength = view.Packet.HeaderLength;

        view.Ssrc = 0x01020304;
        view.SequenceNumber = 0xFFFF;
        view.Timestamp = 0xA0B0C0D0;
        view.PayloadType = 100;
        view.Marker = true;

        Assert.True(RtpPacket.TryParse(data, out var packet));
        Assert.Equal(0x01020304u, packet.Ssrc);
        Assert.Equal(0xFFFF, packet.SequenceNumber);
        Assert.Equal(0xA0B0C0D0u, packet.Timestamp);
        Assert.Equal(100, packet.PayloadType);
        Assert.True(packet.Marker);
        Assert.Equal(headerLength, packet.HeaderLength);
        Assert.Equal(payloadBefore, packet.Payload.ToArray());
        Assert.Equal(original[0], data[0]);
        Assert.Equal(original[12..], data[12..]);

        view.Marker = false;
        Assert.Equal(100, view.PayloadType);
        Assert.False(view.Marker);
        view.PayloadType = 0;
        Assert.Equal(0, data[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacketView.TryParse(data, out var v) ? v.PayloadType = 128 : 0);
    }

    [Fact]
    public void Extension_value_is_rewritten_in_place_only_when_the_length_matches()
    {
        var data = RtpTestData.ChromeVp8;
        Assert.True(RtpPacketView.TryParse(data, out var view));

        Assert.True(view.TrySetExtensionValue(2, [0x12, 0x34, 0x56]));
        Assert.False(view.TrySetExtensionValue(2, [0x12, 0x34]));
        Assert.False(view.TrySetExtensionValue(9, [0x01]));
        Assert.True(view.TryGetExtensionValue(3, out var twcc));
        twcc[0] = 0xAB;

        Assert.True(RtpPacket.TryParse(data, out var packet));
        Assert.True(packet.Extensions.TryFind(2, out ReadOnlySpan<byte> absSendTime));
        Assert.Equal([0x12, 0x34, 0x56], absSendTime.ToArray());
        Assert.True(packet.Extensions.TryFind(3, out ReadOnlySpan<byte> sequence));
        Assert.Equal([0xAB, 0xD2], sequence.ToArray());
        Assert.Equal(RtpTestData.ChromeVp8[28..], data[28..]);
    }
}
