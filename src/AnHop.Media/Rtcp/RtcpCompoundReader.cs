namespace AnHop.Media.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) without copying or allocating.
/// Each packet's length field is checked against what is left; the walk stops at the first
/// malformed packet and <see cref="Error"/> says why. SR/RR-first is not required, because
/// browsers send reduced-size RTCP (RFC 5506) made of a lone feedback packet.
/// </summary>
/// <example><code>
/// var reader = new RtcpCompoundReader(datagram);
/// while (reader.MoveNext()) { Handle(reader.Current); }
/// if (reader.Error is not null) { drops.Increment(); }
/// </code></example>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public RtcpCompoundReader(ReadOnlySpan<byte> compound)
    {
        _data = compound;
        _offset = 0;
        Current = default;
        Error = compound.IsEmpty ? "empty RTCP compound packet" : null;
        PacketCount = 0;
    }

    /// <summary>The packet <see cref="MoveNext"/> last framed.</summary>
    public RtcpPacket Current { get; private set; }

    /// <summary>Why the walk stopped before the end of the data; null while none went wrong.</summary>
    public string? Error { get; private set; }

    /// <summary>Packets framed so far.</summary>
    public int PacketCount { get; private set; }

    /// <summary>True when every byte was framed into packets and nothing was malformed.</summary>
    public readonly bool Completed => Error is null && _offset == _data.Length;

    public readonly RtcpCompoundReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (Error is not null || _offset >= _data.Length)
        {
            Current = default;
            return false;
        }

        if (!RtcpPacket.TryParse(_data[_offset..], _offset, out var packet, out var reason))
        {
            Error = reason;
            Current = default;
            return false;
        }

        Current = packet;
        _offset += packet.Data.Length;
        PacketCount++;
        return true;
    }

    /// <summary>Frames every packet of <paramref name="compound"/> and reports the first problem.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> compound, out int packetCount, out string? reason)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
        }

        packetCount = reader.PacketCount;
        reason = reader.Error;
        return reason is null;
    }
}
