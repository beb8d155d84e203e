using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class TransportCcFeedbackTests
{
    private const string Header = "8fcd0000 00000001 00000002"; // length patched by Feedback()

    [Fact]
    public void Draft_3_1_3_example_1_is_a_run_of_221_not_received()
    {
        // |0|0 0|0 0 0 0 1 1 0 1 1 1 0 1| = 0x00DD: "a run of the 'packet not received' status of length 221".
        var bytes = Feedback("0064 00dd 000000 00", "00dd");
        Assert.True(TransportCcFeedback.TryParse(bytes, out var feedback, out var reason), reason);
        Assert.Equal(100, feedback.BaseSequenceNumber);
        var count = 0;
        foreach (var packet in feedback.Packets)
        {
            Assert.Equal((ushort)(100 + count), packet.SequenceNumber);
            Assert.Equal(TransportCcStatus.NotReceived, packet.Status);
            count++;
        }

        Assert.Equal(221, count);
    }

    [Fact]
    public void Draft_3_1_4_example_1_is_a_one_bit_status_vector()
    {
        // |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0| = 0x9F1C: 1x not received, 5x received, 3x not received, 3x received, 2x not received.
        var bytes = Feedback("0000 000e 000000 00", "9f1c" + "0102030405" + "060708");
        Assert.True(TransportCcFeedback.TryParse(bytes, out var feedback, out var reason), reason);
        var statuses = new List<TransportCcStatus>();
        var deltas = new List<int>();
        foreach (var packet in feedback.Packets)
        {
            statuses.Add(packet.Status);
            if (packet.IsReceived)
            {
                deltas.Add(packet.DeltaTicks);
            }
        }

        const TransportCcStatus n = TransportCcStatus.NotReceived, r = TransportCcStatus.ReceivedSmallDelta;
        Assert.Equal([n, r, r, r, r, r, n, n, n, r, r, r, n, n], statuses);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], deltas);
    }

    [Theory]
    [InlineData("6018")] // §3.1.3 example 2: a run of symbol 11, length 24
    [InlineData("cd50")] // §3.1.4 example 2: 2-bit vector whose second symbol is 11
    public void Draft_examples_using_symbol_11_are_refused_as_reserved(string chunk)
    {
        // §3.1.1 lists symbol 11 as reserved, yet the examples call it "packet received, w/o recv delta".
        // libwebrtc, which writes and reads Chromium's feedback, rejects 11; so do we.
        var bytes = Feedback("0000 0018 000000 00", chunk + "0000");
        Assert.False(TransportCcFeedback.TryParse(bytes, out _, out var reason));
        Assert.Equal("transport-wide CC chunk uses the reserved status symbol", reason);
    }

    [Fact]
    public void Unused_symbols_of_the_last_chunk_are_ignored()
    {
        // 2-bit vector 01 10 01 11 11 11 11, status count 3: the reserved symbols lie past the count.
        var bytes = Feedback("0005 0003 ffffff 09", "d9ff" + "04" + "fffe" + "08");
        Assert.True(TransportCcFeedback.TryParse(bytes, out var feedback, out var reason), reason);
        Assert.Equal(-1, feedback.ReferenceTime);
        Assert.Equal(9, feedback.FeedbackPacketCount);
        var packets = new List<TransportCcPacket>();
        foreach (var packet in feedback.Packets)
        {
            packets.Add(packet);
        }

        Assert.Equal(
        [
            new TransportCcPacket(5, TransportCcStatus.ReceivedSmallDelta, 4, (-256 + 4) * 250L),
            new TransportCcPacket(6, TransportCcStatus.ReceivedLargeDelta, -2, (-256 + 2) * 250L),
            new TransportCcPacket(7, TransportCcStatus.ReceivedSmallDelta, 8, (-256 + 10) * 250L),
        ], packets);
    }

    [Theory]
    [InlineData("0000 0000 000000 00", "2001 01", "transport-wide CC feedback reports no packets")]
    [InlineData("0000 0008 000000 00", "2001", "transport-wide CC packet chunks end before the packet status count")]
    [InlineData("0000 0003 000000 00", "2003 01", "transport-wide CC receive deltas run past the packet")]
    [InlineData("0000 0002 000000 00", "4002 0000", "transport-wide CC receive deltas run past the packet")]
    public void Malformed_feedback_is_refused_with_a_reason(string fixedFields, string rest, string expected)
    {
        Assert.False(TransportCcFeedback.TryParse(Feedback(fixedFields, rest), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Writer_reports_gaps_between_entries_as_not_received()
    {
        TransportCcArrival[] arrivals = [new(65534, 1000), new(1, 2000)];
        var buffer = new byte[64];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 2, 0, arrivals, out var n, out var written));
        Assert.Equal(2, written);
        Assert.True(TransportCcFeedback.TryParse(buffer.AsSpan(0, n), out var feedback));
        Assert.Equal(4, feedback.PacketStatusCount);
        var received = new List<(ushort, long)>();
        foreach (var packet in feedback.Packets)
        {
            if (packet.IsReceived)
            {
                received.Add((packet.SequenceNumber, packet.ArrivalTimeMicroseconds));
            }
        }

        Assert.Equal([(65534, 1000), (1, 2000)], received);
    }

    [Fact]
    public void Writer_stops_before_a_delta_beyond_16_bits_or_a_sequence_that_does_not_ascend()
    {
        var buffer = new byte[256];
        TransportCcArrival[] jump = [new(1, 0), new(2, 250), new(3, 250 + (32768 * 250L))];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 2, 0, jump, out _, out var written));
        Assert.Equal(2, written);

        TransportCcArrival[] backwards = [new(10, 0), new(11, 250), new(11, 500), new(9, 750)];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 2, 0, backwards, out _, out written));
        Assert.Equal(2, written);
    }

    [Fact]
    public void Writer_fits_as_many_packets_as_the_buffer_holds()
    {
        var arrivals = Enumerable.Range(0, 100).Select(i => new TransportCcArrival((ushort)i, i * 1000L)).ToArray();
        Assert.False(TransportCcFeedback.TryWrite(new byte[23], 1, 2, 0, arrivals, out _, out _));
        Assert.False(TransportCcFeedback.TryWrite(new byte[100], 1, 2, 0, [], out _, out _));

        var buffer = new byte[40];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 2, 0, arrivals, out var n, out var written));
        Assert.True(n <= 40);
        Assert.Equal(40 - 20 - 2, written); // one run length chunk, one delta byte per packet
        Assert.True(TransportCcFeedback.TryParse(buffer.AsSpan(0, n), out var feedback));
        Assert.Equal(written, feedback.PacketStatusCount);
    }

    [Fact]
    public void Writer_splits_runs_longer_than_8191()
    {
        var arrivals = new TransportCcArrival[10_000];
        for (var i = 0; i < arrivals.Length; i++)
        {
            arrivals[i] = new TransportCcArrival((ushort)i, null);
        }

        var buffer = new byte[64];
        Assert.True(TransportCcFeedback.TryWrite(buffer, 1, 2, 0, arrivals, out var n, out var written));
        Assert.Equal(10_000, written);
        Assert.Equal("1fff" + "0711", RtcpHex.ToHex(buffer.AsSpan(20, 4))); // 8191 + 1809 not received
        Assert.Equal(24, n);
    }

    /// <summary>A PT 205 FMT 15 packet with the given fixed FCI fields and chunk/delta bytes, zero-padded.</summary>
    private static byte[] Feedback(string fixedFields, string rest)
    {
        var body = RtcpHex.Parse(Header + fixedFields + rest);
        var padded = new byte[(body.Length + 3) & ~3];
        body.CopyTo(padded, 0);
        padded[3] = (byte)((padded.Length / 4) - 1);
        return padded;
    }
}
