using System.Text;
using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

/// <summary>Compound packets in the shape Chromium sends them (testdata/rtcp/*.hex, annotated byte by byte).</summary>
public class ChromiumCaptureTests
{
    private static readonly SenderInfo Sender = new(0x9F3C51B2, 0xEB1F5C4A_8F5C28F6, 0x5B8D80A0, 1234, 1002044);

    private static readonly ReportBlock Block = new(0x4874ED16, 5, 2, 0x00013A7F, 0x123, 0x5C4A8F5C, 0x8000);

    [Fact]
    public void Sr_plus_sdes_cname_parses_field_by_field()
    {
        var compound = RtcpHex.Load("chromium-sr-sdes.hex");
        var reader = new RtcpCompoundReader(compound);

        Assert.True(reader.MoveNext());
        Assert.True(SenderReport.TryParse(reader.Current.Data, out var sr, out var reason), reason);
        Assert.Equal(Sender, sr.SenderInfo);
        Assert.Equal(0, sr.ReportCount);
        Assert.True(sr.ProfileExtensions.IsEmpty);

        Assert.True(reader.MoveNext());
        Assert.True(SourceDescription.TryParse(reader.Current.Data, out var sdes, out reason), reason);
        Assert.Equal(1, sdes.ChunkCount);
        var chunks = sdes.Chunks;
        Assert.True(chunks.MoveNext());
        Assert.Equal(0x9F3C51B2u, chunks.Current.Ssrc);
        Assert.True(chunks.Current.TryGetItem(SdesItemType.Cname, out var cname));
        Assert.Equal("q7ZkP1vXy9LmN3bT", Encoding.ASCII.GetString(cname));
        Assert.False(chunks.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.True(reader.Completed);
    }

    [Fact]
    public void Sr_plus_sdes_cname_is_what_the_compound_writer_builds()
    {
        var buffer = new byte[1200];
        var writer = new RtcpCompoundWriter(buffer);
        Assert.True(writer.TryAddSenderReport(Sender, []));
        Assert.True(writer.TryAddCname(Sender.Ssrc, "q7ZkP1vXy9LmN3bT"u8));
        Assert.Equal(RtcpHex.ToHex(RtcpHex.Load("chromium-sr-sdes.hex")), RtcpHex.ToHex(writer.Written));
    }

    [Fact]
    public void Rr_plus_remb_parses_field_by_field()
    {
        var compound = RtcpHex.Load("chromium-rr-remb.hex");
        var reader = new RtcpCompoundReader(compound);

        Assert.True(reader.MoveNext());
        Assert.True(ReceiverReport.TryParse(reader.Current.Data, out var rr, out var reason), reason);
        Assert.Equal(1u, rr.Ssrc);
        Assert.Equal(1, rr.ReportCount);
        Assert.Equal(Block, rr.GetReportBlock(0));

        Assert.True(reader.MoveNext());
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(reader.Current.Data, out var remb, out reason), reason);
        Assert.Equal(1u, remb.SenderSsrc);
        Assert.Equal(6, remb.Exponent);
        Assert.Equal(139487u, remb.Mantissa);
        Assert.Equal(8927168ul, remb.Bitrate);
        Assert.Equal(1, remb.SsrcCount);
        Assert.Equal(0x4874ED16u, remb.GetSsrc(0));
        Assert.True(reader.Completed);
    }

    [Fact]
    public void Rr_plus_remb_is_what_the_compound_writer_builds()
    {
        var buffer = new byte[1200];
        var writer = new RtcpCompoundWriter(buffer);
        Assert.True(writer.TryAddReceiverReport(1, [Block]));
        Assert.True(writer.TryAddReceiverEstimatedMaxBitrate(1, 8927168, [0x4874ED16]));
        Assert.Equal(RtcpHex.ToHex(RtcpHex.Load("chromium-rr-remb.hex")), RtcpHex.ToHex(writer.Written));
    }

    [Fact]
    public void Twcc_with_mixed_chunks_parses_every_packet()
    {
        var bytes = RtcpHex.Load("chromium-twcc-mixed.hex");
        Assert.True(TransportCcFeedback.TryParse(bytes, out var feedback, out var reason), reason);
        Assert.Equal(1u, feedback.SenderSsrc);
        Assert.Equal(0x9F3C51B2u, feedback.MediaSsrc);
        Assert.Equal(1000, feedback.BaseSequenceNumber);
        Assert.Equal(41, feedback.PacketStatusCount);
        Assert.Equal(1280, feedback.ReferenceTime);
        Assert.Equal(7, feedback.FeedbackPacketCount);

        var expected = TwccMixedExpectation();
        var index = 0;
        foreach (var packet in feedback.Packets)
        {
            Assert.Equal(expected[index], packet);
            index++;
        }

        Assert.Equal(41, index);
    }

    [Fact]
    public void Twcc_with_mixed_chunks_is_what_the_feedback_writer_builds()
    {
        var arrivals = TwccMixedExpectation()
            .Select(p => new TransportCcArrival(p.SequenceNumber, p.IsReceived ? p.ArrivalTimeMicroseconds : null))
            .ToArray();
        var buffer = new byte[1200];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 0x9F3C51B2, 7, arrivals, out var written, out var packets));
        Assert.Equal(41, packets);
        Assert.Equal(RtcpHex.ToHex(RtcpHex.Load("chromium-twcc-mixed.hex")), RtcpHex.ToHex(buffer.AsSpan(0, written)));
    }

    /// <summary>The 41 packets the annotated file describes, with arrival times summed from 81.92 s.</summary>
    private static List<TransportCcPacket> TwccMixedExpectation()
    {
        int?[] deltas =
        [
            5, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20,
            280, -8, null, 12, 12, null, 12,
            16, null, 255, 0, 16, 16, null, 16, 16, 16, 16, 16, null, null,
        ];
        var result = new List<TransportCcPacket>();
        long ticks = 1280 * 256;
        for (var i = 0; i < deltas.Length; i++)
        {
            var sequence = (ushort)(1000 + i);
            if (deltas[i] is not { } delta)
            {
                result.Add(new TransportCcPacket(sequence, TransportCcStatus.NotReceived, 0, 0));
                continue;
            }

            ticks += delta;
            var status = delta is >= 0 and <= 255 ? TransportCcStatus.ReceivedSmallDelta : TransportCcStatus.ReceivedLargeDelta;
            result.Add(new TransportCcPacket(sequence, status, delta, ticks * 250));
        }

        return result;
    }
}
