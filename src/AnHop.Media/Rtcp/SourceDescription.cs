namespace AnHop.Media.Rtcp;

/// <summary>A Source Description packet (RFC 3550 §6.5) read in place; chunks and items alias the packet.</summary>
public readonly ref struct SourceDescription
{
    private readonly ReadOnlySpan<byte> _payload;

    private SourceDescription(ReadOnlySpan<byte> payload, int chunkCount)
    {
        _payload = payload;
        ChunkCount = chunkCount;
    }

    public int ChunkCount { get; }

    public SdesChunkEnumerator Chunks => new(_payload, ChunkCount);

    public static bool TryParse(ReadOnlySpan<byte> data, out SourceDescription description) =>
        TryParse(data, out description, out _);

    // RFC 3550 §6.5
    //         0                   1                   2                   3
    //         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // header |V=2|P|    SC   |  PT=SDES=202  |             length            |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // chunk  |                          SSRC/CSRC_1                          |
    //   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                           SDES items                          |
    //        |                              ...                              |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // chunk  |                          SSRC/CSRC_2                          |
    //   2    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                           SDES items                          |
    //        |                              ...                              |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // Each item (§6.5.1, CNAME shown):
    //    0                   1                   2                   3
    //    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //   |    CNAME=1    |     length    | user and domain name        ...
    //   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // and the list ends with a null octet plus nulls up to the next 32-bit boundary.
    public static bool TryParse(ReadOnlySpan<byte> data, out SourceDescription description, out string? reason)
    {
        description = default;
        if (!RtcpPacket.TryParse(data, out var packet, out reason))
        {
            return false;
        }

        if (packet.PacketType != RtcpPacketType.SourceDescription)
        {
            reason = "not a Source Description (PT 202)";
            return false;
        }

        var payload = packet.Payload;
        var offset = 0;
        for (var i = 0; i < packet.Header.Count; i++)
        {
            if (!SdesChunk.TryMeasure(payload[offset..], out var length, out reason))
            {
                return false;
            }

            offset += length;
        }

        description = new SourceDescription(payload, packet.Header.Count);
        return true;
    }

    /// <summary>Bytes an SDES packet with one chunk holding one CNAME of <paramref name="cnameLength"/> octets takes.</summary>
    public static int GetCnameWrittenLength(int cnameLength) => RtcpHeader.Size + ((4 + 2 + cnameLength + 4) & ~3);

    /// <summary>Writes the usual SDES packet: one chunk with a CNAME item (RFC 3550 §6.5.1).</summary>
    public static bool TryWriteCname(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname, out int bytesWritten)
    {
        var writer = new SourceDescriptionWriter(destination);
        bytesWritten = 0;
        return writer.TryAddChunk(ssrc) && writer.TryAddItem(SdesItemType.Cname, cname) && writer.TryFinish(out bytesWritten);
    }
}
