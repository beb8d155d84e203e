using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>A BYE packet (RFC 3550 §6.6) read in place, with its optional reason text.</summary>
public readonly ref struct Goodbye
{
    private readonly ReadOnlySpan<byte> _payload;

    private Goodbye(ReadOnlySpan<byte> payload, int sourceCount, bool hasReason, ReadOnlySpan<byte> reason)
    {
        _payload = payload;
        SourceCount = sourceCount;
        HasReason = hasReason;
        Reason = reason;
    }

    public int SourceCount { get; }

    public bool HasReason { get; }

    /// <summary>The reason for leaving, UTF-8, empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_payload[(index * 4)..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out Goodbye goodbye) => TryParse(data, out goodbye, out _);

    // RFC 3550 §6.6
    //        0                   1                   2                   3
    //        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //       |V=2|P|    SC   |   PT=BYE=203  |             length            |
    //       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //       |                           SSRC/CSRC                           |
    //       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //       :                              ...                              :
    //       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // (opt) |     length    |               reason for leaving            ...
    //       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out Goodbye goodbye, out string? reason)
    {
        goodbye = default;
        if (!RtcpPacket.TryParse(data, out var packet, out reason))
        {
            return false;
        }

        if (packet.PacketType != RtcpPacketType.Goodbye)
        {
            reason = "not a BYE (PT 203)";
            return false;
        }

        var payload = packet.Payload;
        var ssrcBytes = packet.Header.Count * 4;
        if (payload.Length < ssrcBytes)
        {
            reason = "BYE shorter than its SSRC list";
            return false;
        }

        var rest = payload[ssrcBytes..];
        if (rest.IsEmpty)
        {
            goodbye = new Goodbye(payload, packet.Header.Count, false, default);
            return true;
        }

        if (1 + rest[0] > rest.Length)
        {
            reason = "BYE reason runs past the packet";
            return false;
        }

        goodbye = new Goodbye(payload, packet.Header.Count, true, rest.Slice(1, rest[0]));
        return true;
    }

    public static int GetWrittenLength(int sourceCount, int reasonLength) =>
        RtcpHeader.Size + (sourceCount * 4) + (reasonLength == 0 ? 0 : (1 + reasonLength + 3) & ~3);

    /// <summary>Writes a BYE for up to 31 sources; an empty <paramref name="reasonText"/> writes no reason.</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<uint> ssrcs, ReadOnlySpan<byte> reasonText, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(ssrcs.Length, reasonText.Length);
        if (ssrcs.Length > RtcpHeader.MaxCount || reasonText.Length > 255 || destination.Length < length)
        {
            return false;
        }

        RtcpHeader.Write(destination, ssrcs.Length, RtcpPacketType.Goodbye, length);
        var at = RtcpHeader.Size;
        foreach (var ssrc in ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], ssrc);
            at += 4;
        }

        if (!reasonText.IsEmpty)
        {
            destination[at] = (byte)reasonText.Length;
            reasonText.CopyTo(destination[(at + 1)..]);
            destination[(at + 1 + reasonText.Length)..length].Clear();
        }

        bytesWritten = length;
        return true;
    }
}
