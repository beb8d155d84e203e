using AnHop.Media.Rtcp;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>Parsing the RTCP an SFU receives most: SR + SDES compounds and transport-wide CC feedback.</summary>
[MemoryDiagnoser]
public class RtcpBenchmarks
{
    private readonly byte[] _srSdes = new byte[64];
    private readonly byte[] _twcc = new byte[1200];
    private int _srSdesLength;
    private int _twccLength;

    [GlobalSetup]
    public void Setup()
    {
        var writer = new RtcpCompoundWriter(_srSdes);
        writer.TryAddSenderReport(new SenderInfo(0x9F3C51B2, 0xEB1F5C4A_8F5C28F6, 0x5B8D80A0, 1234, 1002044), []);
        writer.TryAddCname(0x9F3C51B2, "q7ZkP1vXy9LmN3bT"u8);
        _srSdesLength = writer.Length;

        // 100 packets, about one feedback interval of video: mostly small deltas, some losses, a reordering.
        var arrivals = new TransportCcArrival[100];
        for (var i = 0; i < arrivals.Length; i++)
        {
            long? arrival = i % 17 == 5 ? null : 80_000_000 + (i * 1_100L) - (i % 23 == 7 ? 6_000 : 0);
            arrivals[i] = new TransportCcArrival((ushort)(4000 + i), arrival);
        }

        TransportCcFeedback.TryWrite(_twcc, 1, 0x9F3C51B2, 1, arrivals, out _twccLength, out _);
    }

    [Benchmark]
    public long ParseSrSdesCompound()
    {
        long sum = 0;
        var reader = new RtcpCompoundReader(_srSdes.AsSpan(0, _srSdesLength));
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            if (SenderReport.TryParse(packet.Data, out var sr))
            {
                sum += sr.RtpTimestamp + sr.PacketCount;
            }
            else if (SourceDescription.TryParse(packet.Data, out var sdes))
            {
                foreach (var chunk in sdes.Chunks)
                {
                    if (chunk.TryGetItem(SdesItemType.Cname, out var cname))
                    {
                        sum += cname.Length;
                    }
                }
            }
        }

        return sum;
    }

    [Benchmark]
    public long ParseTransportCcFeedback()
    {
        long sum = 0;
        if (TransportCcFeedback.TryParse(_twcc.AsSpan(0, _twccLength), out var feedback))
        {
            foreach (var packet in feedback.Packets)
            {
                sum += packet.ArrivalTimeMicroseconds;
            }
        }

        return sum;
    }
}
