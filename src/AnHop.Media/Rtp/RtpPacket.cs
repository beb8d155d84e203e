using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// A read-only, zero-copy view of one RTP packet (RFC 3550 §5.1) over the receive buffer.
/// Fields are read from the bytes on demand; the view holds only the span and two lengths.
/// For in-place rewriting use <see cref="RtpPacketView"/>, which wraps the same layout over a writable span.
/// </summary>
public readonly ref struct RtpPacket
{
    /// <summary>Length of the fixed header, before any CSRC (RFC 3550 §5.1).</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int RtpVersion = 2;

    /// <summary>One-byte header extension profile (RFC 8285 §4.2).</summary>
    public const ushort OneByteExtensionProfile = 0xBEDE;

    private RtpPacket(ReadOnlySpan<byte> data, int headerLength, int paddingLength)
    {
        Data = data;
        HeaderLength = headerLength;
        PaddingLength = paddingLength;
    }

    /// <summary>The whole packet: header, payload and padding, exactly as parsed.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Fixed header + CSRCs + header extension block, in bytes; the payload starts here.</summary>
    public int HeaderLength { get; }

    /// <summary>Padding bytes at the end, including the count byte itself; 0 when P is clear.</summary>
    public int PaddingLength { get; }

    public int Length => Data.Length;

    public int Version => Data[0] >> 6;

    public bool HasPadding => (Data[0] & 0x20) != 0;

    public bool HasExtension => (Data[0] & 0x10) != 0;

    public int CsrcCount => Data[0] & 0x0F;

    public bool Marker => (Data[1] & 0x80) != 0;

    public byte PayloadType => (byte)(Data[1] & 0x7F);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(Data[2..]);

    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(Data[4..]);

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Data[8..]);

    /// <summary>The CSRC list as raw big-endian words (4 × <see cref="CsrcCount"/> bytes).</summary>
    public ReadOnlySpan<byte> CsrcBytes => Data.Slice(FixedHeaderLength, 4 * CsrcCount);

    /// <summary>Offset of the header extension block (its profile word) when <see cref="HasExtension"/> is set.</summary>
    public int ExtensionOffset => FixedHeaderLength + (4 * CsrcCount);

    /// <summary>The "defined by profile" field of the extension header; 0 when there is no extension.</summary>
    public ushort ExtensionProfile => HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(Data[ExtensionOffset..]) : (ushort)0;

    /// <summary>
    /// The header extension block (RFC 3550 §5.3.1, RFC 8285): profile and the elements' bytes.
    /// Empty (profile 0, no data) when X is clear. TryParse checks only that the block fits the packet; the
    /// elements are walked leniently, a malformed tail ending the walk (see <see cref="RtpHeaderExtensions.IsWellFormed"/>).
    /// </summary>
    public RtpHeaderExtensions Extensions => HasExtension
        ? new RtpHeaderExtensions(ExtensionProfile, Data[(ExtensionOffset + 4)..HeaderLength])
        : default;

    /// <summary>The payload, without the header and without the padding.</summary>
    public ReadOnlySpan<byte> Payload => Data[HeaderLength..(Data.Length - PaddingLength)];

    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(Data[(FixedHeaderLength + (4 * index))..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet) => TryParse(data, out packet, out _);

    // RFC 3550 §5.1 fixed header, followed by the §5.3.1 extension and the payload with optional padding:
    //
    //     0                   1                   2                   3
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                           timestamp                           |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |           synchronization source (SSRC) identifier            |
    //    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    //    |            contributing source (CSRC) identifiers             |
    //    |                             ....                              |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |      defined by profile       |           length              |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                        header extension                       |
    //    |                             ....                              |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                            payload  ...   | padding | count   |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //
    // The extension length counts 32-bit words after its own 4-byte header. The last padding octet
    // counts the padding octets including itself, so it is at least 1 and at most the bytes after the header.
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out string? reason)
    {
        packet = default;
        if (data.Length < FixedHeaderLength)
        {
            reason = RtpParseReasons.TooShort;
            return false;
        }

        if (data[0] >> 6 != RtpVersion)
        {
            reason = RtpParseReasons.BadVersion;
            return false;
        }

        var headerLength = FixedHeaderLength + (4 * (data[0] & 0x0F));
        if (headerLength > data.Length)
        {
            reason = RtpParseReasons.CsrcOverflow;
            return false;
        }

        if ((data[0] & 0x10) != 0)
        {
            if (headerLength + 4 > data.Length)
            {
                reason = RtpParseReasons.ExtensionOverflow;
                return false;
            }

            headerLength += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(data[(headerLength + 2)..]));
            if (headerLength > data.Length)
            {
                reason = RtpParseReasons.ExtensionOverflow;
                return false;
            }
        }

        var paddingLength = 0;
        if ((data[0] & 0x20) != 0)
        {
            paddingLength = data.Length > headerLength ? data[^1] : 0;
            if (paddingLength == 0 || paddingLength > data.Length - headerLength)
            {
                reason = RtpParseReasons.BadPadding;
                return false;
            }
        }

        packet = new RtpPacket(data, headerLength, paddingLength);
        reason = null;
        return true;
    }
}
