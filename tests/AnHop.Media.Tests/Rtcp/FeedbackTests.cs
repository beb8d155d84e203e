using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class FeedbackTests
{
    [Fact]
    public void Nack_blp_bit_i_means_pid_plus_i_plus_one_is_lost()
    {
        // RFC 4585 §6.2.1: "bit i of the bit mask is set to 1 if the receiver has not received RTP packet number (PID+i+1)".
        var bytes = RtcpHex.Parse("""
            81 cd 00 04   # V=2 FMT=1, PT=205, length=4 -> 20 bytes
            00 00 00 01   # sender SSRC
            12 34 56 78   # media SSRC
            ff fe 80 05   # PID 0xFFFE, BLP bits 0, 2, 15 -> 0xFFFE, 0xFFFF, 0x0001, 0x000E (wraps)
            00 10 00 00   # PID 0x0010, no BLP
            """);
        Assert.True(GenericNack.TryParse(bytes, out var nack, out var reason), reason);
        Assert.Equal(0x12345678u, nack.MediaSsrc);
        Assert.Equal(2, nack.ItemCount);
        Assert.Equal(new NackItem(0xFFFE, 0x8005), nack.GetItem(0));
        var lost = new List<ushort>();
        foreach (var sequence in nack.LostSequences)
        {
            lost.Add(sequence);
        }

        Assert.Equal(new ushort[] { 0xFFFE, 0xFFFF, 0x0001, 0x000E, 0x0010 }, lost);

        var buffer = new byte[64];
        Assert.True(GenericNack.TryWrite(buffer, 1, 0x12345678, lost.ToArray(), out var n));
        Assert.Equal(RtcpHex.ToHex(bytes), RtcpHex.ToHex(buffer.AsSpan(0, n)));
    }

    [Fact]
    public void Nack_items_from_a_lost_list_cover_seventeen_per_item()
    {
        ushort[] lost = [100, 101, 116, 117, 118, 200];
        Span<NackItem> items = stackalloc NackItem[4];
        Assert.True(NackItem.TryCreate(lost, items, out var count));
        Assert.Equal(3, count);
        Assert.Equal(new NackItem(100, 0x8001), items[0]);
        Assert.Equal(new NackItem(117, 0x0001), items[1]);
        Assert.Equal(new NackItem(200, 0), items[2]);
        Assert.Equal(3, NackItem.CountItems(lost));
        Assert.False(NackItem.TryCreate(lost, items[..2], out _));

        Span<ushort> expanded = stackalloc ushort[17];
        Assert.Equal(3, items[0].CopyLostSequences(expanded));
        Assert.Equal(new ushort[] { 100, 101, 116 }, expanded[..3].ToArray());
        Assert.Equal(-1, new NackItem(0, 0xFFFF).CopyLostSequences(expanded[..16]));
    }

    [Theory]
    [InlineData("81cd0002 00000001 00000002", "Generic NACK without any PID/BLP item")]
    [InlineData("83cd0003 00000001 00000002 00010000", "not a Generic NACK (PT 205, FMT 1)")]
    [InlineData("a1cd0004 00000001 00000002 00010000 00010002", "Generic NACK FCI is not a whole number of items")]
    public void Malformed_nack_is_refused(string hex, string expected)
    {
        Assert.False(GenericNack.TryParse(RtcpHex.Parse(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Pli_is_the_twelve_byte_common_header()
    {
        // RFC 4585 §6.3.1: PT=PSFB, FMT=1, no FCI.
        var buffer = new byte[12];
        Assert.True(new PictureLossIndication(0x01020304, 0x0A0B0C0D).TryWrite(buffer, out var n));
        Assert.Equal("81ce0002010203040a0b0c0d", RtcpHex.ToHex(buffer.AsSpan(0, n)));
        Assert.True(PictureLossIndication.TryParse(buffer, out var pli));
        Assert.Equal(new PictureLossIndication(0x01020304, 0x0A0B0C0D), pli);
        Assert.False(new PictureLossIndication(1, 2).TryWrite(new byte[11], out _));
        Assert.False(PictureLossIndication.TryParse(RtcpHex.Parse("81ce0001 00000001"), out _, out var reason));
        Assert.Equal("feedback packet shorter than its two SSRCs", reason);
    }

    [Fact]
    public void Fir_entries_follow_rfc5104_section_4_3_1_1()
    {
        var bytes = RtcpHex.Parse("""
            84 ce 00 06   # V=2 FMT=4, PT=206, length=6 -> 28 bytes
            00 00 00 01   # sender SSRC
            00 00 00 00   # media SSRC: unused, zero (RFC 5104 §4.3.1.2)
            aa bb cc dd   # FCI 1: SSRC
            07 00 00 00   # seq nr 7, reserved
            11 22 33 44   # FCI 2: SSRC
            ff 00 00 00   # seq nr 255, reserved
            """);
        Assert.True(FullIntraRequest.TryParse(bytes, out var fir, out var reason), reason);
        Assert.Equal(2, fir.EntryCount);
        Assert.Equal(new FirEntry(0xAABBCCDD, 7), fir.GetEntry(0));
        Assert.Equal(new FirEntry(0x11223344, 255), fir.GetEntry(1));

        var buffer = new byte[28];
        Assert.True(FullIntraRequest.TryWrite(buffer, 1, [new(0xAABBCCDD, 7), new(0x11223344, 255)], out var n));
        Assert.Equal(RtcpHex.ToHex(bytes), RtcpHex.ToHex(buffer.AsSpan(0, n)));
        Assert.False(FullIntraRequest.TryWrite(new byte[27], 1, [new(1, 1), new(2, 2)], out _));
        Assert.False(FullIntraRequest.TryParse(RtcpHex.Parse("84ce0003 00000001 00000000 aabbccdd"), out _, out reason));
        Assert.Equal("FIR FCI is not one or more 8-byte entries", reason);
    }

    [Theory]
    [InlineData(0ul, 0, 0u)]
    [InlineData(262143ul, 0, 262143u)]
    [InlineData(262144ul, 1, 131072u)]
    [InlineData(8927168ul, 6, 139487u)]
    [InlineData(8927167ul, 6, 139486u)]
    [InlineData(ulong.MaxValue, 46, 262143u)]
    public void Remb_bitrate_encoding_rounds_down_and_never_overflows(ulong bitrate, int exponent, uint mantissa)
    {
        Assert.Equal((exponent, mantissa), ReceiverEstimatedMaxBitrate.Encode(bitrate));
        Assert.True(ReceiverEstimatedMaxBitrate.Decode(exponent, mantissa) <= bitrate);
    }

    [Fact]
    public void Remb_decoding_saturates_where_a_six_bit_exponent_exceeds_64_bits()
    {
        // pion/rtcp's overflow case: exponent 63, mantissa 0x3FFFF.
        var bytes = RtcpHex.Parse("8fce0004 00000000 00000000 52454d42 00ffffff");
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(bytes, out var remb, out var reason), reason);
        Assert.Equal(63, remb.Exponent);
        Assert.Equal(ulong.MaxValue, remb.Bitrate);
        Assert.Equal(0, remb.SsrcCount);
        Assert.Equal(1ul << 63, ReceiverEstimatedMaxBitrate.Decode(63, 1));
    }

    [Theory]
    [InlineData("8fce0004 00000000 00000000 52454d43 00000000", "application layer feedback without the REMB identifier")]
    [InlineData("8fce0004 00000000 00000000 52454d42 02000000", "REMB shorter than its SSRC list")]
    [InlineData("81ce0004 00000000 00000000 52454d42 00000000", "not application layer feedback (PT 206, FMT 15)")]
    public void Malformed_remb_is_refused(string hex, string expected)
    {
        Assert.False(ReceiverEstimatedMaxBitrate.TryParse(RtcpHex.Parse(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Common_feedback_header_exposes_fci()
    {
        Assert.True(RtcpFeedback.TryParse(RtcpHex.Load("chromium-twcc-mixed.hex"), out var feedback));
        Assert.Equal(RtcpPacketType.TransportFeedback, feedback.PacketType);
        Assert.Equal((byte)RtpFeedbackFormat.TransportWideCc, feedback.Format);
        Assert.Equal(64 - 12 - 1, feedback.Fci.Length);
        Assert.False(RtcpFeedback.TryParse(RtcpHex.Load("chromium-sr-sdes.hex"), out _, out var reason));
        Assert.Equal("not a feedback packet (PT 205 or 206)", reason);
    }
}
