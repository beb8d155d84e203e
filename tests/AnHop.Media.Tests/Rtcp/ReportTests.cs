using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class ReportTests
{
    [Fact]
    public void Report_block_cumulative_lost_is_signed_24_bit()
    {
        // RFC 3550 §6.4.1: cumulative number of packets lost is a signed 24-bit integer (duplicates make it negative).
        var bytes = RtcpHex.Parse("""
            01020304   # SSRC
            00 ff ff fe   # fraction lost 0, cumulative lost -2
            00000000 00000000 00000000 00000000
            """);
        Assert.True(ReportBlock.TryParse(bytes, out var block));
        Assert.Equal(-2, block.CumulativeLost);
        Assert.Equal(0, block.FractionLost);
    }

    [Fact]
    public void Report_block_writer_clamps_cumulative_lost_to_24_bits()
    {
        var buffer = new byte[ReportBlock.Size];
        Assert.True(new ReportBlock(1, 0, int.MaxValue, 0, 0, 0, 0).TryWrite(buffer, out _));
        ReportBlock.TryParse(buffer, out var high);
        Assert.Equal(ReportBlock.MaxCumulativeLost, high.CumulativeLost);
        Assert.True(new ReportBlock(1, 0, int.MinValue, 0, 0, 0, 0).TryWrite(buffer, out _));
        ReportBlock.TryParse(buffer, out var low);
        Assert.Equal(ReportBlock.MinCumulativeLost, low.CumulativeLost);
        Assert.False(high.TryWrite(new byte[23], out _));
    }

    [Fact]
    public void Sender_report_with_two_blocks_and_an_extension()
    {
        var blocks = new[]
        {
            new ReportBlock(0x11111111, 1, -5, 70000, 12, 0xAABBCCDD, 100),
            new ReportBlock(0x22222222, 255, 0x7FFFFF, 0xFFFFFFFF, 0, 0, 0),
        };
        var sender = new SenderInfo(0xCAFEBABE, 0x0123456789ABCDEF, 42, 7, 700);
        var buffer = new byte[SenderReport.GetWrittenLength(2) + 4];
        Assert.True(SenderReport.TryWrite(buffer, sender, blocks, out var n));
        Assert.Equal(76, n);

        // Append a profile-specific extension word by growing the length field to 80 / 4 - 1 = 19 words.
        buffer[3] = 19;
        buffer.AsSpan(76).Fill(0xEE);
        Assert.True(SenderReport.TryParse(buffer, out var sr, out var reason), reason);
        Assert.Equal(sender, sr.SenderInfo);
        Assert.Equal(2, sr.ReportCount);
        Assert.Equal(blocks[0], sr.GetReportBlock(0));
        Assert.Equal(blocks[1], sr.GetReportBlock(1));
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE }, sr.ProfileExtensions.ToArray());
        Assert.Equal(0x456789ABu, sr.SenderInfo.CompactNtp);
    }

    [Fact]
    public void Sender_report_rejects_a_report_count_the_length_cannot_hold()
    {
        // RC=1 but the length only covers the sender info.
        var bytes = RtcpHex.Parse("81c80006 00000001 00000000 00000000 00000000 00000000 00000000");
        Assert.False(SenderReport.TryParse(bytes, out _, out var reason));
        Assert.Equal("Sender Report shorter than its sender info and report blocks", reason);
        Assert.False(SenderReport.TryParse(RtcpHex.Load("chromium-rr-remb.hex"), out _, out reason));
        Assert.Equal("not a Sender Report (PT 200)", reason);
    }

    [Fact]
    public void Writers_refuse_short_buffers_and_more_than_31_blocks()
    {
        var sender = new SenderInfo(1, 2, 3, 4, 5);
        Assert.False(SenderReport.TryWrite(new byte[27], sender, [], out _));
        Assert.False(SenderReport.TryWrite(new byte[2000], sender, new ReportBlock[32], out _));
        Assert.False(ReceiverReport.TryWrite(new byte[7], 1, [], out _));
        Assert.False(ReceiverReport.TryWrite(new byte[2000], 1, new ReportBlock[32], out _));
    }

    [Fact]
    public void Empty_receiver_report_is_eight_bytes()
    {
        var buffer = new byte[8];
        Assert.True(ReceiverReport.TryWrite(buffer, 0xDEADBEEF, [], out var n));
        Assert.Equal("80c90001deadbeef", RtcpHex.ToHex(buffer.AsSpan(0, n)));
        Assert.True(ReceiverReport.TryParse(buffer, out var rr));
        Assert.Equal(0, rr.ReportCount);
        Assert.Equal(0xDEADBEEFu, rr.Ssrc);
    }

    [Fact]
    public void Sender_report_rewrite_changes_ssrc_timestamp_and_counts_in_place()
    {
        var compound = RtcpHex.Load("chromium-sr-sdes.hex");
        Assert.True(SenderReportRewriter.TryRewrite(compound, 0x01020304, 0x0A0B0C0D, 99, 9999, out var reason), reason);
        Assert.True(SenderReport.TryParse(compound, out var sr));
        Assert.Equal(new SenderInfo(0x01020304, 0xEB1F5C4A_8F5C28F6, 0x0A0B0C0D, 99, 9999), sr.SenderInfo);

        // The SDES after it is untouched.
        Assert.Equal(RtcpHex.ToHex(RtcpHex.Load("chromium-sr-sdes.hex").AsSpan(28)), RtcpHex.ToHex(compound.AsSpan(28)));
    }

    [Fact]
    public void Sender_report_found_by_the_compound_reader_is_rewritten_at_its_offset()
    {
        var compound = RtcpHex.Load("chromium-rr-remb.hex").Concat(RtcpHex.Load("chromium-sr-sdes.hex")).ToArray();
        var offset = -1;
        var length = 0;
        foreach (var packet in new RtcpCompoundReader(compound))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                (offset, length) = (packet.Offset, packet.Data.Length);
            }
        }

        Assert.Equal(56, offset);
        Assert.True(SenderReportRewriter.TryRewrite(compound.AsSpan(offset, length), 5, 6, 7, 8));
        Assert.True(SenderReport.TryParse(compound.AsSpan(offset), out var sr));
        Assert.Equal(new SenderInfo(5, 0xEB1F5C4A_8F5C28F6, 6, 7, 8), sr.SenderInfo);
        Assert.True(RtcpCompoundReader.TryValidate(compound, out var count, out _));
        Assert.Equal(4, count);
    }

    [Fact]
    public void Sender_report_rewrite_refuses_anything_but_a_whole_sr()
    {
        var rr = RtcpHex.Load("chromium-rr-remb.hex");
        var before = RtcpHex.ToHex(rr);
        Assert.False(SenderReportRewriter.TryRewrite(rr, 1, 2, 3, 4));
        Assert.Equal(before, RtcpHex.ToHex(rr));
        Assert.False(SenderReportRewriter.TryRewrite(RtcpHex.Load("chromium-sr-sdes.hex").AsSpan(0, 27), 1, 2, 3, 4));
    }
}
