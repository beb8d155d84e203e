using AnHop.Media.Rtcp;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Rtcp;

/// <summary>The per-packet RTCP paths allocate nothing.</summary>
public class RtcpAllocationTests
{
    private static readonly byte[] SrSdes = RtcpHex.Load("chromium-sr-sdes.hex");
    private static readonly byte[] RrRemb = RtcpHex.Load("chromium-rr-remb.hex");
    private static readonly byte[] Twcc = RtcpHex.Load("chromium-twcc-mixed.hex");
    private static readonly byte[] Nack = RtcpHex.Parse("81cd0004 00000001 12345678 fffe8005 00100000");
    private static readonly byte[] Output = new byte[1500];
    private static readonly ushort[] Lost = [3, 4, 9, 30, 31, 32, 90];
    private static readonly TransportCcArrival[] Arrivals = BuildArrivals();

    // Results go here so the JIT cannot drop the work; GC.KeepAlive would box them and allocate.
    private static long s_sink;

    [Fact]
    public void Reading_a_compound_sr_sdes_packet_allocates_nothing() =>
        Allocations.AssertNone(static () =>
        {
            var reader = new RtcpCompoundReader(SrSdes);
            while (reader.MoveNext())
            {
                var packet = reader.Current;
                if (SenderReport.TryParse(packet.Data, out var sr))
                {
                    s_sink += sr.SenderInfo.PacketCount;
                }
                else if (SourceDescription.TryParse(packet.Data, out var sdes))
                {
                    foreach (var chunk in sdes.Chunks)
                    {
                        chunk.TryGetItem(SdesItemType.Cname, out var cname);
                        s_sink += cname.Length;
                    }
                }
            }
        });

    [Fact]
    public void Reading_rr_blocks_and_remb_allocates_nothing() =>
        Allocations.AssertNone(static () =>
        {
            foreach (var packet in new RtcpCompoundReader(RrRemb))
            {
                if (ReceiverReport.TryParse(packet.Data, out var rr))
                {
                    for (var i = 0; i < rr.ReportCount; i++)
                    {
                        s_sink += rr.GetReportBlock(i).Jitter;
                    }
                }
                else if (ReceiverEstimatedMaxBitrate.TryParse(packet.Data, out var remb))
                {
                    s_sink += (long)remb.Bitrate;
                }
            }
        });

    [Fact]
    public void Reading_nack_items_allocates_nothing() =>
        Allocations.AssertNone(static () =>
        {
            GenericNack.TryParse(Nack, out var nack);
            var sum = 0;
            foreach (var sequence in nack.LostSequences)
            {
                sum += sequence;
            }

            s_sink += sum;
        });

    [Fact]
    public void Reading_twcc_packets_allocates_nothing() =>
        Allocations.AssertNone(static () =>
        {
            TransportCcFeedback.TryParse(Twcc, out var feedback);
            long last = 0;
            foreach (var packet in feedback.Packets)
            {
                last = packet.ArrivalTimeMicroseconds;
            }

            s_sink += last;
        });

    [Fact]
    public void Writing_feedback_and_compound_reports_allocates_nothing() =>
        Allocations.AssertNone(static () =>
        {
            var writer = new RtcpCompoundWriter(Output);
            writer.TryAddSenderReport(new SenderInfo(1, 2, 3, 4, 5), []);
            writer.TryAddCname(1, "q7ZkP1vXy9LmN3bT"u8);
            writer.TryAddGenericNack(1, 2, Lost);
            TransportCcFeedback.TryWrite(writer.Remaining, 1, 2, 0, Arrivals, out var n, out _);
            writer.TryAdvance(n);
            SenderReportRewriter.TryRewrite(Output, 9, 8, 7, 6);
            s_sink += writer.Length;
        });

    private static TransportCcArrival[] BuildArrivals()
    {
        var arrivals = new TransportCcArrival[60];
        for (var i = 0; i < arrivals.Length; i++)
        {
            arrivals[i] = new TransportCcArrival((ushort)(65500 + i), i % 7 == 3 ? null : 5_000_000 + (i * 4_000L) - (i % 11 == 0 ? 20_000 : 0));
        }

        return arrivals;
    }
}
