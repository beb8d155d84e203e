namespace AnHop.Media.Rtcp;

/// <summary>
/// Appends RTCP packets one after another into the caller's buffer to form a compound packet
/// (RFC 3550 §6.1), e.g. SR + SDES or RR + SDES + REMB. A failed append leaves what was written intact.
/// For a packet type without a helper, write it into <see cref="Remaining"/> and call <see cref="TryAdvance"/>.
/// </summary>
public ref struct RtcpCompoundWriter
{
    private readonly Span<byte> _destination;

    public RtcpCompoundWriter(Span<byte> destination)
    {
        _destination = destination;
        Length = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _destination[..Length];

    public readonly Span<byte> Remaining => _destination[Length..];

    /// <summary>Counts <paramref name="bytes"/> just written into <see cref="Remaining"/> as part of the compound.</summary>
    public bool TryAdvance(int bytes)
    {
        if (bytes < 0 || bytes > Remaining.Length || bytes % 4 != 0)
        {
            return false;
        }

        Length += bytes;
        return true;
    }

    public bool TryAddSenderReport(in SenderInfo sender, scoped ReadOnlySpan<ReportBlock> blocks) =>
        SenderReport.TryWrite(Remaining, sender, blocks, out var n) && TryAdvance(n);

    public bool TryAddReceiverReport(uint ssrc, scoped ReadOnlySpan<ReportBlock> blocks) =>
        ReceiverReport.TryWrite(Remaining, ssrc, blocks, out var n) && TryAdvance(n);

    public bool TryAddCname(uint ssrc, scoped ReadOnlySpan<byte> cname) =>
        SourceDescription.TryWriteCname(Remaining, ssrc, cname, out var n) && TryAdvance(n);

    public bool TryAddGoodbye(scoped ReadOnlySpan<uint> ssrcs, scoped ReadOnlySpan<byte> reason) =>
        Goodbye.TryWrite(Remaining, ssrcs, reason, out var n) && TryAdvance(n);

    public bool TryAddPictureLossIndication(uint senderSsrc, uint mediaSsrc) =>
        new PictureLossIndication(senderSsrc, mediaSsrc).TryWrite(Remaining, out var n) && TryAdvance(n);

    public bool TryAddGenericNack(uint senderSsrc, uint mediaSsrc, scoped ReadOnlySpan<ushort> lostSequences) =>
        GenericNack.TryWrite(Remaining, senderSsrc, mediaSsrc, lostSequences, out var n) && TryAdvance(n);

    public bool TryAddReceiverEstimatedMaxBitrate(uint senderSsrc, ulong bitrate, scoped ReadOnlySpan<uint> ssrcs) =>
        ReceiverEstimatedMaxBitrate.TryWrite(Remaining, senderSsrc, bitrate, ssrcs, out var n) && TryAdvance(n);
}
