using AnHop.Media.Rtcp;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Rtcp;

/// <summary>
/// One fuzz run per parser (<see cref="Fuzzer"/>: 10^6 seeded inputs). Whatever a parser accepts is walked
/// completely and, where a writer exists, written again and parsed again to the same values.
/// </summary>
public class RtcpFuzzTests
{
    [Fact]
    public void Fuzz_compound_reader() =>
        Fuzzer.Run("rtcp-compound", static input =>
        {
            var reader = new RtcpCompoundReader(input);
            var total = 0;
            while (reader.MoveNext())
            {
                total += reader.Current.Data.Length;
                Dispatch(reader.Current.Data);
            }

            Assert.Equal(reader.Completed, reader.Error is null && total == input.Length);
        }, Seeds.All);

    [Fact]
    public void Fuzz_header() =>
        Fuzzer.Run("rtcp-header", static input =>
        {
            if (RtcpHeader.TryParse(input, out var header, out var reason))
            {
                Span<byte> again = stackalloc byte[4];
                Assert.True(header.TryWrite(again, out _));
                Assert.True(again.SequenceEqual(input[..4]));
            }
            else
            {
                Assert.NotNull(reason);
            }
        }, Seeds.All);

    [Fact]
    public void Fuzz_sender_report() => Fuzzer.Run("rtcp-sr", static input => SenderReportRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_receiver_report() => Fuzzer.Run("rtcp-rr", static input => ReceiverReportRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_report_block() =>
        Fuzzer.Run("rtcp-report-block", static input =>
        {
            if (ReportBlock.TryParse(input, out var block))
            {
                Span<byte> again = stackalloc byte[ReportBlock.Size];
                Assert.True(block.TryWrite(again, out _));
                Assert.True(again.SequenceEqual(input[..ReportBlock.Size]));
            }
        }, Seeds.All);

    [Fact]
    public void Fuzz_source_description() => Fuzzer.Run("rtcp-sdes", static input => SourceDescriptionRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_goodbye() => Fuzzer.Run("rtcp-bye", static input => GoodbyeRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_feedback_header() =>
        Fuzzer.Run("rtcp-feedback", static input =>
        {
            if (RtcpFeedback.TryParse(input, out var feedback))
            {
                Assert.True(feedback.Fci.Length <= input.Length - RtcpFeedback.CommonSize);
            }
        }, Seeds.All);

    [Fact]
    public void Fuzz_generic_nack() => Fuzzer.Run("rtcp-nack", static input => GenericNackRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_picture_loss_indication() =>
        Fuzzer.Run("rtcp-pli", static input =>
        {
            if (PictureLossIndication.TryParse(input, out var pli))
            {
                Span<byte> again = stackalloc byte[PictureLossIndication.Size];
                Assert.True(pli.TryWrite(again, out _));
                Assert.True(PictureLossIndication.TryParse(again, out var reparsed));
                Assert.Equal(pli, reparsed);
            }
        }, Seeds.All);

    [Fact]
    public void Fuzz_full_intra_request() => Fuzzer.Run("rtcp-fir", static input => FullIntraRequestRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_remb() => Fuzzer.Run("rtcp-remb", static input => RembRoundTrip(input), Seeds.All);

    [Fact]
    public void Fuzz_transport_cc_feedback() => Fuzzer.Run("rtcp-twcc", static input => TransportCcRoundTrip(input), Seeds.All);

    // Fuzz runs in this class go one after another, so the TWCC rewrite can reuse these.
    private static readonly TransportCcArrival[] TwccArrivals = new TransportCcArrival[ushort.MaxValue];
    private static readonly byte[] TwccBuffer = new byte[24 + (4 * ushort.MaxValue)];

    private static void Dispatch(ReadOnlySpan<byte> packet)
    {
        SenderReportRoundTrip(packet);
        ReceiverReportRoundTrip(packet);
        SourceDescriptionRoundTrip(packet);
        GoodbyeRoundTrip(packet);
        GenericNackRoundTrip(packet);
        PictureLossIndication.TryParse(packet, out _);
        FullIntraRequestRoundTrip(packet);
        RembRoundTrip(packet);
        TransportCcRoundTrip(packet);
    }

    private static void SenderReportRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!SenderReport.TryParse(input, out var sr, out var reason))
        {
            Assert.NotNull(reason);
            return;
        }

        Span<ReportBlock> blocks = stackalloc ReportBlock[sr.ReportCount];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = sr.GetReportBlock(i);
        }

        Span<byte> again = stackalloc byte[SenderReport.GetWrittenLength(blocks.Length)];
        Assert.True(SenderReport.TryWrite(again, sr.SenderInfo, blocks, out _));
        Assert.True(SenderReport.TryParse(again, out var reparsed));
        Assert.Equal(sr.SenderInfo, reparsed.SenderInfo);
        for (var i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(blocks[i], reparsed.GetReportBlock(i));
        }
    }

    private static void ReceiverReportRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!ReceiverReport.TryParse(input, out var rr))
        {
            return;
        }

        Span<ReportBlock> blocks = stackalloc ReportBlock[rr.ReportCount];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = rr.GetReportBlock(i);
        }

        Span<byte> again = stackalloc byte[ReceiverReport.GetWrittenLength(blocks.Length)];
        Assert.True(ReceiverReport.TryWrite(again, rr.Ssrc, blocks, out _));
        Assert.True(ReceiverReport.TryParse(again, out var reparsed));
        Assert.Equal(rr.Ssrc, reparsed.Ssrc);
        for (var i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(blocks[i], reparsed.GetReportBlock(i));
        }
    }

    private static void SourceDescriptionRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!SourceDescription.TryParse(input, out var sdes))
        {
            return;
        }

        // Items are at most 257 bytes and a chunk closes in at most 8 more, so the input size bounds the rewrite.
        Span<byte> again = stackalloc byte[input.Length + 8];
        var writer = new SourceDescriptionWriter(again);
        var chunks = 0;
        foreach (var chunk in sdes.Chunks)
        {
            Assert.True(writer.TryAddChunk(chunk.Ssrc));
            foreach (var item in chunk.Items)
            {
                Assert.True(writer.TryAddItem(item.Type, item.Text));
            }

            chunks++;
        }

        Assert.Equal(sdes.ChunkCount, chunks);
        if (chunks == 0)
        {
            return;
        }

        Assert.True(writer.TryFinish(out var n));
        Assert.True(SourceDescription.TryParse(again[..n], out var reparsed));
        var original = sdes.Chunks;
        foreach (var chunk in reparsed.Chunks)
        {
            Assert.True(original.MoveNext());
            Assert.Equal(original.Current.Ssrc, chunk.Ssrc);
            var items = original.Current.Items;
            foreach (var item in chunk.Items)
            {
                Assert.True(items.MoveNext());
                Assert.Equal(items.Current.Type, item.Type);
                Assert.True(items.Current.Text.SequenceEqual(item.Text));
            }

            Assert.False(items.MoveNext());
        }
    }

    private static void GoodbyeRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!Goodbye.TryParse(input, out var bye))
        {
            return;
        }

        Span<uint> ssrcs = stackalloc uint[bye.SourceCount];
        for (var i = 0; i < ssrcs.Length; i++)
        {
            ssrcs[i] = bye.GetSsrc(i);
        }

        Span<byte> again = stackalloc byte[Goodbye.GetWrittenLength(ssrcs.Length, bye.Reason.Length)];
        Assert.True(Goodbye.TryWrite(again, ssrcs, bye.Reason, out _));
        Assert.True(Goodbye.TryParse(again, out var reparsed));
        Assert.Equal(bye.SourceCount, reparsed.SourceCount);
        Assert.True(bye.Reason.SequenceEqual(reparsed.Reason));
    }

    private static void GenericNackRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!GenericNack.TryParse(input, out var nack))
        {
            return;
        }

        Span<NackItem> items = stackalloc NackItem[nack.ItemCount];
        var lost = 0;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = nack.GetItem(i);
            lost += items[i].LostCount;
        }

        var walked = 0;
        foreach (var sequence in nack.LostSequences)
        {
            walked++;
        }

        Assert.Equal(lost, walked);
        Span<byte> again = stackalloc byte[GenericNack.GetWrittenLength(items.Length)];
        Assert.True(GenericNack.TryWrite(again, nack.SenderSsrc, nack.MediaSsrc, items, out _));
        Assert.True(GenericNack.TryParse(again, out var reparsed));
        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal(items[i], reparsed.GetItem(i));
        }
    }

    private static void FullIntraRequestRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!FullIntraRequest.TryParse(input, out var fir))
        {
            return;
        }

        Span<FirEntry> entries = stackalloc FirEntry[fir.EntryCount];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = fir.GetEntry(i);
        }

        Span<byte> again = stackalloc byte[FullIntraRequest.GetWrittenLength(entries.Length)];
        Assert.True(FullIntraRequest.TryWrite(again, fir.SenderSsrc, entries, out _));
        Assert.True(FullIntraRequest.TryParse(again, out var reparsed));
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i], reparsed.GetEntry(i));
        }
    }

    private static void RembRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!ReceiverEstimatedMaxBitrate.TryParse(input, out var remb))
        {
            return;
        }

        Span<uint> ssrcs = stackalloc uint[remb.SsrcCount];
        for (var i = 0; i < ssrcs.Length; i++)
        {
            ssrcs[i] = remb.GetSsrc(i);
        }

        Span<byte> again = stackalloc byte[ReceiverEstimatedMaxBitrate.GetWrittenLength(ssrcs.Length)];
        Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(again, remb.SenderSsrc, remb.Bitrate, ssrcs, out _));
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(again, out var reparsed));
        Assert.True(reparsed.Bitrate <= remb.Bitrate);
        Assert.Equal(remb.SsrcCount, reparsed.SsrcCount);
    }

    private static void TransportCcRoundTrip(ReadOnlySpan<byte> input)
    {
        if (!TransportCcFeedback.TryParse(input, out var feedback))
        {
            return;
        }

        // Every status the header counts must come out of the walk.
        var count = 0;
        var received = 0;
        foreach (var packet in feedback.Packets)
        {
            Assert.Equal((ushort)(feedback.BaseSequenceNumber + count), packet.SequenceNumber);
            count++;
            received += packet.IsReceived ? 1 : 0;
        }

        Assert.Equal(feedback.PacketStatusCount, count);

        // Write it again from (seq, arrival) and read back the same arrivals.
        var arrivals = TwccArrivals.AsSpan(0, count);
        var i = 0;
        foreach (var packet in feedback.Packets)
        {
            arrivals[i++] = new TransportCcArrival(packet.SequenceNumber, packet.IsReceived ? packet.ArrivalTimeMicroseconds : null);
        }

        var again = TwccBuffer.AsSpan(0, 24 + (2 * count) + (2 * received));
        Assert.True(TransportCcFeedback.TryWrite(again, feedback.SenderSsrc, feedback.MediaSsrc, feedback.FeedbackPacketCount,
            arrivals, out var n, out var written));
        Assert.Equal(count, written);
        Assert.True(TransportCcFeedback.TryParse(again[..n], out var reparsed));
        i = 0;
        foreach (var packet in reparsed.Packets)
        {
            Assert.Equal(arrivals[i].SequenceNumber, packet.SequenceNumber);
            Assert.Equal(arrivals[i].ArrivalTimeMicroseconds, packet.IsReceived ? packet.ArrivalTimeMicroseconds : null);
            i++;
        }

        Assert.Equal(count, i);
    }

    private static class Seeds
    {
        public static readonly byte[][] All = Build();

        private static byte[][] Build()
        {
            var seeds = new List<byte[]>
            {
                RtcpHex.Load("chromium-sr-sdes.hex"),
                RtcpHex.Load("chromium-rr-remb.hex"),
                RtcpHex.Load("chromium-twcc-mixed.hex"),
            };

            var buffer = new byte[1500];
            Add(seeds, buffer, SenderReport.TryWrite(buffer, new SenderInfo(1, 2, 3, 4, 5), [new ReportBlock(6, 7, -8, 9, 10, 11, 12)], out var n), n);
            Add(seeds, buffer, ReceiverReport.TryWrite(buffer, 1, [new ReportBlock(6, 7, 8, 9, 10, 11, 12)], out n), n);
            Add(seeds, buffer, Goodbye.TryWrite(buffer, [1, 2], "gone"u8, out n), n);
            Add(seeds, buffer, GenericNack.TryWrite(buffer, 1, 2, [5, 6, 9, 30, 31], out n), n);
            Add(seeds, buffer, new PictureLossIndication(1, 2).TryWrite(buffer, out n), n);
            Add(seeds, buffer, FullIntraRequest.TryWrite(buffer, 1, [new FirEntry(2, 3)], out n), n);
            TransportCcArrival[] twcc = [new(1, 0), new(2, 100_000), new(5, 90_000), new(6, null), new(7, 95_000)];
            Add(seeds, buffer, TransportCcFeedback.TryWrite(buffer, 1, 2, 3, twcc, out n, out _), n);
            var sdes = new SourceDescriptionWriter(buffer);
            Add(seeds, buffer, sdes.TryAddChunk(1) && sdes.TryAddItem(SdesItemType.Cname, "a@b"u8) && sdes.TryAddItem(SdesItemType.Tool, "x"u8)
                && sdes.TryAddChunk(2) && sdes.TryFinish(out n), n);
            return [.. seeds];
        }

        private static void Add(List<byte[]> seeds, byte[] buffer, bool ok, int length)
        {
            Assert.True(ok);
            seeds.Add(buffer.AsSpan(0, length).ToArray());
        }
    }
}
