using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// A writable view of one RTP packet over the receive buffer. It reads like <see cref="RtpPacket"/>
/// and rewrites, in place and without moving the payload, the fields a forwarding consumer changes:
/// SSRC, sequence number, timestamp, payload type, marker and same-length header extension values.
/// </summary>
public readonly ref struct RtpPacketView
{
    private readonly Span<byte> _data;

    private RtpPacketView(Span<byte> data, RtpPacket packet)
    {
        _data = data;
        Packet = packet;
    }

    /// <summary>The read-only view of the same bytes.</summary>
    public RtpPacket Packet { get; }

    /// <summary>The whole packet, writable.</summary>
    public Span<byte> Data => _data;

    public bool Marker
    {
        get => Packet.Marker;
        set => _data[1] = (byte)((_data[1] & 0x7F) | (value ? 0x80 : 0));
    }

    /// <summary>The 7-bit payload type; the marker bit is kept.</summary>
    public byte PayloadType
    {
        get => Packet.PayloadType;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (byte)0x7F);
            _data[1] = (byte)((_data[1] & 0x80) | value);
        }
    }

    public ushort SequenceNumber
    {
        get => Packet.SequenceNumber;
        set => BinaryPrimitives.WriteUInt16BigEndian(_data[2..], value);
    }

    public uint Timestamp
    {
        get => Packet.Timestamp;
        set => BinaryPrimitives.WriteUInt32BigEndian(_data[4..], value);
    }

    public uint Ssrc
    {
        get => Packet.Ssrc;
        set => BinaryPrimitives.WriteUInt32BigEndian(_data[8..], value);
    }

    /// <summary>The payload without padding, writable.</summary>
    public Span<byte> Payload => _data[Packet.HeaderLength..(_data.Length - Packet.PaddingLength)];

    public static bool TryParse(Span<byte> data, out RtpPacketView view) => TryParse(data, out view, out _);

    /// <summary>Validates exactly as <see cref="RtpPacket.TryParse(ReadOnlySpan{byte}, out RtpPacket, out string?)"/>.</summary>
    public static bool TryParse(Span<byte> data, out RtpPacketView view, out string? reason)
    {
        if (!RtpPacket.TryParse(data, out var packet, out reason))
        {
            view = default;
            return false;
        }

        view = new RtpPacketView(data, packet);
        return true;
    }

    /// <summary>The value bytes of the first extension element with <paramref name="id"/>, writable.</summary>
    public bool TryGetExtensionValue(byte id, out Span<byte> value)
    {
        if (!Packet.Extensions.TryFind(id, out RtpHeaderExtensionElement element))
        {
            value = default;
            return false;
        }

        var start = Packet.ExtensionOffset + RtpHeaderExtensions.BlockHeaderLength + element.ValueOffset;
        value = _data.Slice(start, element.Value.Length);
        return true;
    }

    /// <summary>
    /// Overwrites the value of the element with <paramref name="id"/> (e.g. abs-send-time on egress).
    /// False when the element is absent or its length differs, since resizing would move the payload.
    /// </summary>
    public bool TrySetExtensionValue(byte id, ReadOnlySpan<byte> value)
    {
        if (!TryGetExtensionValue(id, out var target) || target.Length != value.Length)
        {
            return false;
        }

        value.CopyTo(target);
        return true;
    }
}
