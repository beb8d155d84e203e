using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1:
/// PT 205, FMT 15) read in place. <see cref="TryParse(ReadOnlySpan{byte}, out TransportCcFeedback, out string?)"/>
/// walks every chunk and checks that all receive deltas are present, so <see cref="Packets"/> never fails.
/// </summary>
public readonly ref struct TransportCcFeedback
{
    /// <summary>The reference time counts 64 ms units; receive deltas count 250 µs ticks: 256 ticks per unit.</summary>
    public const int TicksPerReferenceUnit = 256;

    public const int ReferenceTimeMicroseconds = 64_000;

    private const int FixedFciSize = 8;
    private const int HeaderSize = RtcpFeedback.CommonSize + FixedFciSize;

    private readonly ReadOnlySpan<byte> _chunks;
    private readonly ReadOnlySpan<byte> _deltas;

    private TransportCcFeedback(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci, ReadOnlySpan<byte> chunks,
        ReadOnlySpan<byte> deltas)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        BaseSequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(fci);
        PacketStatusCount = BinaryPrimitives.ReadUInt16BigEndian(fci[2..]);
        // A signed 24-bit field: move it to the top of an int and shift back to sign-extend.
        ReferenceTime = (int)BinaryPrimitives.ReadUInt32BigEndian(fci[4..]) >> 8;
        FeedbackPacketCount = fci[7];
        _chunks = chunks;
        _deltas = deltas;
    }

    public uint SenderSsrc { get; }

    public uint MediaSsrc { get; }

    public ushort BaseSequenceNumber { get; }

    public int PacketStatusCount { get; }

    /// <summary>Signed, in 64 ms units of the feedback sender's clock.</summary>
    public int ReferenceTime { get; }

    public byte FeedbackPacketCount { get; }

    public TransportCcPacketEnumerator Packets =>
        new(_chunks, _deltas, BaseSequenceNumber, PacketStatusCount, ReferenceTime);

    public static bool TryParse(ReadOnlySpan<byte> data, out TransportCcFeedback feedback) => TryParse(data, out feedback, out _);

    // draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P|  FMT=15 |    PT=205     |           length              |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                     SSRC of packet sender                     |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                      SSRC of media source                     |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |      base sequence number     |      packet status count      |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                 reference time                | fb pkt. count |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |          packet chunk         |         packet chunk          |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // .                                                               .
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |         packet chunk          |  recv delta   |  recv delta   |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // .                                                               .
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |           recv delta          |  recv delta   | zero padding  |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // Chunks cover exactly "packet status count" statuses (the last chunk may hold unused symbols);
    // each received packet then has a 1-byte unsigned (small) or 2-byte signed (large) delta, in order.
    public static bool TryParse(ReadOnlySpan<byte> data, out TransportCcFeedback feedback, out string? reason)
    {
        feedback = default;
        if (!RtcpFeedback.TryParse(data, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.TransportWideCc,
                out var common, out reason, "not transport-wide CC feedback (PT 205, FMT 15)"))
        {
            return false;
        }

        var fci = common.Fci;
        if (fci.Length < FixedFciSize)
        {
            reason = "transport-wide CC feedback shorter than its fixed fields";
            return false;
        }

        int statusCount = BinaryPrimitives.ReadUInt16BigEndian(fci[2..]);
        if (statusCount == 0)
        {
            reason = "transport-wide CC feedback reports no packets";
            return false;
        }

        var body = fci[FixedFciSize..];
        if (!TryMeasure(body, statusCount, out var chunkBytes, out var deltaBytes, out reason))
        {
            return false;
        }

        // Whatever follows the deltas is zero padding to the 32-bit boundary.
        feedback = new TransportCcFeedback(common.SenderSsrc, common.MediaSsrc, fci, body[..chunkBytes], body.Slice(chunkBytes, deltaBytes));
        return true;
    }

    /// <summary>Walks the chunks until they cover <paramref name="statusCount"/> packets and sums the delta bytes they call for.</summary>
    private static bool TryMeasure(ReadOnlySpan<byte> body, int statusCount, out int chunkBytes, out int deltaBytes, out string? reason)
    {
        chunkBytes = 0;
        deltaBytes = 0;
        var covered = 0;
        while (covered < statusCount)
        {
            if (chunkBytes + 2 > body.Length)
            {
                reason = "transport-wide CC packet chunks end before the packet status count";
                return false;
            }

            int chunk = BinaryPrimitives.ReadUInt16BigEndian(body[chunkBytes..]);
            chunkBytes += 2;
            var used = Math.Min(TransportCcChunk.SymbolCount(chunk), statusCount - covered);
            if (TransportCcChunk.IsRunLength(chunk))
            {
                var symbol = TransportCcChunk.RawSymbol(chunk, 0);
                if (used > 0 && symbol == TransportCcChunk.ReservedSymbol)
                {
                    reason = "transport-wide CC chunk uses the reserved status symbol";
                    return false;
                }

                deltaBytes += used * symbol;
            }
            else
            {
                for (var i = 0; i < used; i++)
                {
                    var symbol = TransportCcChunk.RawSymbol(chunk, i);
                    if (symbol == TransportCcChunk.ReservedSymbol)
                    {
                        reason = "transport-wide CC chunk uses the reserved status symbol";
                        return false;
                    }

                    // The symbol value is also the byte size of its delta: 0, 1 or 2.
                    deltaBytes += symbol;
                }
            }

            covered += used;
        }

        if (chunkBytes + deltaBytes > body.Length)
        {
            reason = "transport-wide CC receive deltas run past the packet";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>
    /// Builds feedback for <paramref name="packets"/>, given in ascending transport sequence order (wrap-aware).
    /// A gap between two entries is reported as not received. The reference time is taken from the first
    /// received packet (64 ms units, floor); each receive delta is that packet's arrival in 250 µs ticks
    /// minus the previous one's, so rounding never accumulates.
    /// </summary>
    /// <remarks>
    /// Feedback ends early, with <paramref name="packetsWritten"/> short of the input, at the first entry
    /// that cannot go in this packet: one whose delta needs more than 16 signed bits, one that does not
    /// ascend, one past 65535 statuses, or one that would overflow <paramref name="destination"/>. Start the
    /// next feedback at that entry. Padding to 32 bits uses the RTCP padding bit, as libwebrtc does.
    /// The reference time keeps its low 24 bits, so readers see arrival times modulo 2^24 × 64 ms (about 12 days);
    /// the deltas, which congestion control uses, are exact.
    /// </remarks>
    /// <returns>False when not even the first entry fits, or there is none.</returns>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, byte feedbackPacketCount,
        ReadOnlySpan<TransportCcArrival> packets, out int bytesWritten, out int packetsWritten)
    {
        bytesWritten = 0;
        packetsWritten = 0;
        if (packets.IsEmpty)
        {
            return false;
        }

        var referenceTime = 0L;
        foreach (var packet in packets)
        {
            if (packet.ArrivalTimeMicroseconds is { } first)
            {
                referenceTime = Math.DivRem(first, ReferenceTimeMicroseconds, out var rest) - (rest < 0 ? 1 : 0);
                break;
            }
        }

        // Pass one: how many entries fit, and how many chunks and delta bytes they take.
        var counter = new TransportCcChunkEncoder(default);
        var plan = new Plan(referenceTime * TicksPerReferenceUnit);
        var count = 0;
        var deltaBytes = 0;
        for (; count < packets.Length; count++)
        {
            var step = plan;
            if (!step.TryAdvance(packets, count, out var gap, out var symbol))
            {
                break;
            }

            var trial = counter;
            trial.Add((int)TransportCcStatus.NotReceived, gap);
            trial.Add(symbol);
            var length = PaddedLength(trial.ChunkCount, deltaBytes + symbol);
            if (length > destination.Length)
            {
                break;
            }

            counter = trial;
            plan = step;
            deltaBytes += symbol;
        }

        if (count == 0)
        {
            return false;
        }

        var unpadded = HeaderSize + (2 * counter.ChunkCount) + deltaBytes;
        var total = PaddedLength(counter.ChunkCount, deltaBytes);
        var padding = total - unpadded;
        RtcpFeedback.WriteCommon(destination, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.TransportWideCc, total,
            senderSsrc, mediaSsrc, padding > 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], packets[0].SequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], (ushort)plan.StatusCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], ((uint)referenceTime << 8) | feedbackPacketCount);

        // Pass two: the same walk, now writing chunks and deltas.
        var chunks = new TransportCcChunkEncoder(destination.Slice(HeaderSize, 2 * counter.ChunkCount));
        var deltaAt = HeaderSize + (2 * counter.ChunkCount);
        var walk = new Plan(referenceTime * TicksPerReferenceUnit);
        for (var i = 0; i < count; i++)
        {
            walk.TryAdvance(packets, i, out var gap, out var symbol);
            chunks.Add((int)TransportCcStatus.NotReceived, gap);
            chunks.Add(symbol);
            if (symbol == (int)TransportCcStatus.ReceivedSmallDelta)
            {
                destination[deltaAt++] = (byte)walk.LastDelta;
            }
            else if (symbol == (int)TransportCcStatus.ReceivedLargeDelta)
            {
                BinaryPrimitives.WriteInt16BigEndian(destination[deltaAt..], (short)walk.LastDelta);
                deltaAt += 2;
            }
        }

        chunks.Finish();
        if (padding > 0)
        {
            destination[unpadded..(total - 1)].Clear();
            destination[total - 1] = (byte)padding;
        }

        bytesWritten = total;
        packetsWritten = count;
        return true;
    }

    private static int PaddedLength(int chunkCount, int deltaBytes) => (HeaderSize + (2 * chunkCount) + deltaBytes + 3) & ~3;

    /// <summary>The sequence and clock state shared by both writer passes.</summary>
    private struct Plan(long referenceTicks)
    {
        private long _ticks = referenceTicks;
        private ushort _previous;

        public int StatusCount { get; private set; }

        public int LastDelta { get; private set; }

        /// <summary>Takes entry <paramref name="index"/>: the not-received gap before it and its status symbol.</summary>
        public bool TryAdvance(ReadOnlySpan<TransportCcArrival> packets, int index, out int gap, out int symbol)
        {
            var packet = packets[index];
            gap = 0;
            symbol = (int)TransportCcStatus.NotReceived;
            if (index > 0)
            {
                var step = (ushort)(packet.SequenceNumber - _previous);
                if (step is 0 or > 0x7FFF)
                {
                    return false;
                }

                gap = step - 1;
            }

            if (StatusCount + gap + 1 > ushort.MaxValue)
            {
                return false;
            }

            if (packet.ArrivalTimeMicroseconds is { } arrival)
            {
                var ticks = Math.DivRem(arrival, TransportCcPacket.MicrosecondsPerTick, out var rest) - (rest < 0 ? 1 : 0);
                var delta = ticks - _ticks;
                if (delta is < short.MinValue or > short.MaxValue)
                {
                    return false;
                }

                symbol = delta is >= 0 and <= byte.MaxValue
                    ? (int)TransportCcStatus.ReceivedSmallDelta
                    : (int)TransportCcStatus.ReceivedLargeDelta;
                LastDelta = (int)delta;
                _ticks = ticks;
            }

            _previous = packet.SequenceNumber;
            StatusCount += gap + 1;
            return true;
        }
    }
}
