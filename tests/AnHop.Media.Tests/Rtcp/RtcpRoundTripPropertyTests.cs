using AnHop.Media.Rtcp;
using CsCheck;

namespace AnHop.Media.Tests.Rtcp;

/// <summary>Build → parse → equal, for every packet type, over CsCheck-generated values.</summary>
public class RtcpRoundTripPropertyTests
{
    private static readonly Gen<ReportBlock> GenBlock = Gen.Select(Gen.UInt, Gen.Byte,
        Gen.Int[ReportBlock.MinCumulativeLost, ReportBlock.MaxCumulativeLost], Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt,
        (ssrc, fraction, lost, highest, jitter, lsr, dlsr) => new ReportBlock(ssrc, fraction, lost, highest, jitter, lsr, dlsr));

    private static readonly Gen<SenderInfo> GenSender = Gen.Select(Gen.UInt, Gen.ULong, Gen.UInt, Gen.UInt, Gen.UInt,
        (ssrc, ntp, rtp, packets, octets) => new SenderInfo(ssrc, ntp, rtp, packets, octets));

    [Fact]
    public void Header_round_trips()
    {
        Gen.Select(Gen.Bool, Gen.Byte[0, 31], Gen.Byte, Gen.UShort).Sample((padding, count, type, length) =>
        {
            var header = new RtcpHeader(padding, count, (RtcpPacketType)type, length);
            Span<byte> buffer = stackalloc byte[4];
            Assert.True(header.TryWrite(buffer, out _));
            Assert.True(RtcpHeader.TryParse(buffer, out var parsed));
            Assert.Equal(header, parsed);
        });
    }

    [Fact]
    public void Sender_report_round_trips()
    {
        Gen.Select(GenSender, GenBlock.Array[0, 31]).Sample((sender, blocks) =>
        {
            var buffer = new byte[SenderReport.GetWrittenLength(blocks.Length)];
            Assert.True(SenderReport.TryWrite(buffer, sender, blocks, out var n));
            Assert.Equal(buffer.Length, n);
            Assert.True(SenderReport.TryParse(buffer, out var sr, out var reason), reason);
            Assert.Equal(sender, sr.SenderInfo);
            Assert.Equal(blocks.Length, sr.ReportCount);
            for (var i = 0; i < blocks.Length; i++)
            {
                Assert.Equal(blocks[i], sr.GetReportBlock(i));
            }
        });
    }

    [Fact]
    public void Receiver_report_round_trips()
    {
        Gen.Select(Gen.UInt, GenBlock.Array[0, 31]).Sample((ssrc, blocks) =>
        {
            var buffer = new byte[ReceiverReport.GetWrittenLength(blocks.Length)];
            Assert.True(ReceiverReport.TryWrite(buffer, ssrc, blocks, out _));
            Assert.True(ReceiverReport.TryParse(buffer, out var rr, out var reason), reason);
            Assert.Equal(ssrc, rr.Ssrc);
            Assert.Equal(blocks.Length, rr.ReportCount);
            for (var i = 0; i < blocks.Length; i++)
            {
                Assert.Equal(blocks[i], rr.GetReportBlock(i));
            }
        });
    }

    [Fact]
    public void Sender_report_rewrite_round_trips()
    {
        Gen.Select(GenSender, GenSender, GenBlock.Array[0, 3]).Sample((original, replacement, blocks) =>
        {
            var buffer = new byte[SenderReport.GetWrittenLength(blocks.Length)];
            SenderReport.TryWrite(buffer, original, blocks, out _);
            Assert.True(SenderReportRewriter.TryRewrite(buffer, replacement.Ssrc, replacement.RtpTimestamp,
                replacement.PacketCount, replacement.OctetCount));
            Assert.True(SenderReport.TryParse(buffer, out var sr));
            Assert.Equal(replacement with { NtpTimestamp = original.NtpTimestamp }, sr.SenderInfo);
            for (var i = 0; i < blocks.Length; i++)
            {
                Assert.Equal(blocks[i], sr.GetReportBlock(i));
            }
        });
    }

    [Fact]
    public void Source_description_round_trips()
    {
        var genItem = Gen.Select(Gen.Byte[1, 8], Gen.Byte.Array[0, 255], (type, text) => (Type: (SdesItemType)type, Text: text));
        var genChunk = Gen.Select(Gen.UInt, genItem.Array[0, 4], (ssrc, items) => (Ssrc: ssrc, Items: items));
        genChunk.Array[1, 31].Sample(chunks =>
        {
            var buffer = new byte[65536];
            var writer = new SourceDescriptionWriter(buffer);
            foreach (var chunk in chunks)
            {
                Assert.True(writer.TryAddChunk(chunk.Ssrc));
                foreach (var item in chunk.Items)
                {
                    Assert.True(writer.TryAddItem(item.Type, item.Text));
                }
            }

            Assert.True(writer.TryFinish(out var n));
            Assert.Equal(0, n % 4);
            Assert.True(SourceDescription.TryParse(buffer.AsSpan(0, n), out var sdes, out var reason), reason);
            Assert.Equal(chunks.Length, sdes.ChunkCount);
            var c = 0;
            foreach (var chunk in sdes.Chunks)
            {
                Assert.Equal(chunks[c].Ssrc, chunk.Ssrc);
                var i = 0;
                foreach (var item in chunk.Items)
                {
                    Assert.Equal(chunks[c].Items[i].Type, item.Type);
                    Assert.Equal(chunks[c].Items[i].Text, item.Text.ToArray());
                    i++;
                }

                Assert.Equal(chunks[c].Items.Length, i);
                c++;
            }

            Assert.Equal(chunks.Length, c);
        });
    }

    [Fact]
    public void Goodbye_round_trips()
    {
        Gen.Select(Gen.UInt.Array[0, 31], Gen.Byte.Array[0, 255]).Sample((ssrcs, reasonText) =>
        {
            var buffer = new byte[Goodbye.GetWrittenLength(ssrcs.Length, reasonText.Length)];
            Assert.True(Goodbye.TryWrite(buffer, ssrcs, reasonText, out var n));
            Assert.Equal(buffer.Length, n);
            Assert.True(Goodbye.TryParse(buffer, out var bye, out var reason), reason);
            Assert.Equal(ssrcs.Length, bye.SourceCount);
            for (var i = 0; i < ssrcs.Length; i++)
            {
                Assert.Equal(ssrcs[i], bye.GetSsrc(i));
            }

            Assert.Equal(reasonText.Length > 0, bye.HasReason);
            Assert.Equal(reasonText, bye.Reason.ToArray());
        });
    }

    [Fact]
    public void Generic_nack_round_trips_lost_sequence_lists()
    {
        // Distinct ascending offsets from a random base, wrapping past 65535 now and then.
        var genLost = Gen.Select(Gen.UShort, Gen.Int[0, 400].Array[1, 80], (start, offsets) =>
            offsets.Distinct().Order().Select(o => (ushort)(start + o)).ToArray());
        Gen.Select(Gen.UInt, Gen.UInt, genLost).Sample((sender, media, lost) =>
        {
            var buffer = new byte[GenericNack.GetWrittenLength(lost.Length)];
            Assert.True(GenericNack.TryWrite(buffer, sender, media, lost, out var n));
            Assert.True(GenericNack.TryParse(buffer.AsSpan(0, n), out var nack, out var reason), reason);
            Assert.Equal(sender, nack.SenderSsrc);
            Assert.Equal(media, nack.MediaSsrc);
            Assert.Equal(NackItem.CountItems(lost), nack.ItemCount);
            var parsed = new List<ushort>();
            foreach (var sequence in nack.LostSequences)
            {
                parsed.Add(sequence);
            }

            Assert.Equal(lost, parsed);
        });
    }

    [Fact]
    public void Nack_item_round_trips_through_its_lost_sequences()
    {
        Gen.Select(Gen.UShort, Gen.UShort).Sample((pid, blp) =>
        {
            var item = new NackItem(pid, blp);
            Span<ushort> lost = stackalloc ushort[17];
            var count = item.CopyLostSequences(lost);
            Span<NackItem> items = stackalloc NackItem[1];
            Assert.True(NackItem.TryCreate(lost[..count], items, out var itemCount));
            Assert.Equal(1, itemCount);
            Assert.Equal(item, items[0]);
        });
    }

    [Fact]
    public void Picture_loss_indication_round_trips()
    {
        Gen.Select(Gen.UInt, Gen.UInt).Sample((sender, media) =>
        {
            Span<byte> buffer = stackalloc byte[PictureLossIndication.Size];
            Assert.True(new PictureLossIndication(sender, media).TryWrite(buffer, out _));
            Assert.True(PictureLossIndication.TryParse(buffer, out var pli));
            Assert.Equal(new PictureLossIndication(sender, media), pli);
        });
    }

    [Fact]
    public void Full_intra_request_round_trips()
    {
        var genEntry = Gen.Select(Gen.UInt, Gen.Byte, (ssrc, seq) => new FirEntry(ssrc, seq));
        Gen.Select(Gen.UInt, genEntry.Array[1, 20]).Sample((sender, entries) =>
        {
            var buffer = new byte[FullIntraRequest.GetWrittenLength(entries.Length)];
            Assert.True(FullIntraRequest.TryWrite(buffer, sender, entries, out _));
            Assert.True(FullIntraRequest.TryParse(buffer, out var fir, out var reason), reason);
            Assert.Equal(sender, fir.SenderSsrc);
            Assert.Equal(0u, fir.MediaSsrc);
            Assert.Equal(entries.Length, fir.EntryCount);
            for (var i = 0; i < entries.Length; i++)
            {
                Assert.Equal(entries[i], fir.GetEntry(i));
            }
        });
    }

    [Fact]
    public void Remb_round_trips_with_the_bitrate_rounded_down_by_less_than_one_exponent_step()
    {
        var genBitrate = Gen.OneOf(Gen.ULong, Gen.ULong[0, 50_000_000], Gen.ULong[0, 262_143]);
        Gen.Select(Gen.UInt, genBitrate, Gen.UInt.Array[0, 20]).Sample((sender, bitrate, ssrcs) =>
        {
            var buffer = new byte[ReceiverEstimatedMaxBitrate.GetWrittenLength(ssrcs.Length)];
            Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(buffer, sender, bitrate, ssrcs, out _));
            Assert.True(ReceiverEstimatedMaxBitrate.TryParse(buffer, out var remb, out var reason), reason);
            Assert.Equal(sender, remb.SenderSsrc);
            Assert.True(remb.Bitrate <= bitrate);
            Assert.True(bitrate - remb.Bitrate < (1ul << remb.Exponent));
            Assert.Equal(ssrcs.Length, remb.SsrcCount);
            for (var i = 0; i < ssrcs.Length; i++)
            {
                Assert.Equal(ssrcs[i], remb.GetSsrc(i));
            }
        });
    }

    /// <summary>
    /// One generated step of a TWCC input: skip <c>Gap</c> sequence numbers, then one packet that is lost
    /// or arrives <c>DeltaTicks</c> × 250 µs (+ <c>Jitter</c> µs inside the tick) after the previous arrival.
    /// </summary>
    private static readonly Gen<(int Gap, bool Received, int DeltaTicks, int Jitter)> GenStep = Gen.Select(
        Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 40])),
        Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false))),
        Gen.Frequency((6, Gen.Int[0, 255]), (1, Gen.Int[-32768, -1]), (1, Gen.Int[256, 32767])),
        Gen.Int[0, 249]);

    [Fact]
    public void Transport_cc_feedback_round_trips_random_loss_and_deltas()
    {
        Gen.Select(Gen.UShort, Gen.Long[100_000_000L, 400_000_000_000L], GenStep.Array[1, 400], Gen.Byte)
            .Sample((baseSequence, start, steps, fbCount) =>
            {
                var (arrivals, expected) = Build(baseSequence, start, steps);
                var buffer = new byte[8192];
                Assert.True(TransportCcFeedback.TryWrite(buffer, 11, 22, fbCount, arrivals, out var n, out var written));
                Assert.Equal(arrivals.Length, written);
                Assert.Equal(0, n % 4);
                AssertFeedback(buffer.AsSpan(0, n), baseSequence, fbCount, expected);
            }, iter: 300);
    }

    [Fact]
    public void Transport_cc_feedback_cut_short_by_a_small_buffer_is_a_valid_prefix()
    {
        Gen.Select(Gen.UShort, GenStep.Array[1, 300], Gen.Int[24, 200]).Sample((baseSequence, steps, size) =>
        {
            var (arrivals, expected) = Build(baseSequence, 1_000_000_000, steps);
            var buffer = new byte[size];
            Assert.True(TransportCcFeedback.TryWrite(buffer, 11, 22, 0, arrivals, out var n, out var written));
            Assert.True(n <= size);
            Assert.InRange(written, 1, arrivals.Length);
            // The gap before an entry travels with it, so the feedback ends right at the last entry written.
            var last = arrivals[written - 1].SequenceNumber;
            var statusCount = expected.FindIndex(p => p.SequenceNumber == last) + 1;
            AssertFeedback(buffer.AsSpan(0, n), baseSequence, 0, expected.GetRange(0, statusCount));
        }, iter: 300);
    }

    [Fact]
    public void Compound_of_every_writer_reads_back_in_order()
    {
        Gen.Select(GenSender, GenBlock.Array[0, 4], Gen.Byte.Array[1, 64], Gen.UInt).Sample((sender, blocks, cname, media) =>
        {
            var buffer = new byte[1500];
            var writer = new RtcpCompoundWriter(buffer);
            Assert.True(writer.TryAddSenderReport(sender, blocks));
            Assert.True(writer.TryAddCname(sender.Ssrc, cname));
            Assert.True(writer.TryAddReceiverReport(sender.Ssrc, blocks));
            Assert.True(writer.TryAddPictureLossIndication(sender.Ssrc, media));
            Assert.True(writer.TryAddGenericNack(sender.Ssrc, media, [1, 2, 40]));
            Assert.True(writer.TryAddReceiverEstimatedMaxBitrate(sender.Ssrc, 1_000_000, [media]));
            Assert.True(writer.TryAddGoodbye([sender.Ssrc], "done"u8));

            var types = new List<RtcpPacketType>();
            var reader = new RtcpCompoundReader(writer.Written);
            while (reader.MoveNext())
            {
                types.Add(reader.Current.PacketType);
            }

            Assert.True(reader.Completed);
            Assert.Equal(
            [
                RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription, RtcpPacketType.ReceiverReport,
                RtcpPacketType.PayloadFeedback, RtcpPacketType.TransportFeedback, RtcpPacketType.PayloadFeedback, RtcpPacketType.Goodbye,
            ], types);
        }, iter: 200);
    }

    private static (TransportCcArrival[] Arrivals, List<TransportCcPacket> Expected) Build(ushort baseSequence, long start,
        (int Gap, bool Received, int DeltaTicks, int Jitter)[] steps)
    {
        var arrivals = new List<TransportCcArrival>();
        var expected = new List<TransportCcPacket>();
        var sequence = baseSequence;
        long? previousTicks = null;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            if (i > 0)
            {
                for (var g = 0; g < step.Gap; g++)
                {
                    expected.Add(new TransportCcPacket(sequence++, TransportCcStatus.NotReceived, 0, 0));
                }
            }

            if (!step.Received)
            {
                arrivals.Add(new TransportCcArrival(sequence, null));
                expected.Add(new TransportCcPacket(sequence++, TransportCcStatus.NotReceived, 0, 0));
                continue;
            }

            long ticks;
            int delta;
            if (previousTicks is { } previous)
            {
                ticks = previous + step.DeltaTicks;
                delta = step.DeltaTicks;
            }
            else
            {
                // The first arrival sets the reference time; its delta counts from that 64 ms boundary.
                ticks = (start / 250) + step.DeltaTicks;
                delta = (int)(ticks - (ticks / 256 * 256));
            }

            previousTicks = ticks;
            arrivals.Add(new TransportCcArrival(sequence, (ticks * 250) + step.Jitter));
            var status = delta is >= 0 and <= 255 ? TransportCcStatus.ReceivedSmallDelta : TransportCcStatus.ReceivedLargeDelta;
            expected.Add(new TransportCcPacket(sequence++, status, delta, ticks * 250));
        }

        return (arrivals.ToArray(), expected);
    }

    private static void AssertFeedback(ReadOnlySpan<byte> bytes, ushort baseSequence, byte fbCount, List<TransportCcPacket> expected)
    {
        Assert.True(TransportCcFeedback.TryParse(bytes, out var feedback, out var reason), reason);
        Assert.Equal(11u, feedback.SenderSsrc);
        Assert.Equal(22u, feedback.MediaSsrc);
        Assert.Equal(baseSequence, feedback.BaseSequenceNumber);
        Assert.Equal(fbCount, feedback.FeedbackPacketCount);
        Assert.Equal(expected.Count, feedback.PacketStatusCount);
        var i = 0;
        foreach (var packet in feedback.Packets)
        {
            Assert.Equal(expected[i], packet);
            i++;
        }

        Assert.Equal(expected.Count, i);
    }
}
