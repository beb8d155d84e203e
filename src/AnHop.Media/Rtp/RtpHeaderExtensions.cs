using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// The header extension block of an RTP packet (RFC 3550 §5.3.1) read as RFC 8285 elements:
/// the profile word and the element bytes after the 4-byte block header, aliasing the packet.
/// </summary>
public readonly ref struct RtpHeaderExtensions
{
    /// <summary>The 4-byte "defined by profile" + length header in front of the elements.</summary>
    public const int BlockHeaderLength = 4;

    public RtpHeaderExtensions(ushort profile, ReadOnlySpan<byte> data)
    {
        Profile = profile;
        Data = data;
    }

    public ushort Profile { get; }

    /// <summary>The element bytes (a multiple of 4 when taken from a packet), without the block header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    public RtpHeaderExtensionForm Form => FormOf(Profile);

    /// <summary>The low 4 bits of a two-byte profile, which the application may use (RFC 8285 §4.3).</summary>
    public byte AppBits => (byte)(Profile & 0x0F);

    public static RtpHeaderExtensionForm FormOf(ushort profile) => profile switch
    {
        RtpPacket.OneByteExtensionProfile => RtpHeaderExtensionForm.OneByte,
        _ when (profile & 0xFFF0) == 0x1000 => RtpHeaderExtensionForm.TwoByte,
        _ => RtpHeaderExtensionForm.Unknown,
    };

    public RtpHeaderExtensionEnumerator GetEnumerator() => new(Data, Form);

    /// <summary>Finds the first element with <paramref name="id"/>. Id 0 (not negotiated) is never found.</summary>
    public bool TryFind(byte id, out RtpHeaderExtensionElement element)
    {
        if (id != 0)
        {
            foreach (var candidate in this)
            {
                if (candidate.Id == id)
                {
                    element = candidate;
                    return true;
                }
            }
        }

        element = default;
        return false;
    }

    public bool TryFind(byte id, out ReadOnlySpan<byte> value)
    {
        var found = TryFind(id, out RtpHeaderExtensionElement element);
        value = element.Value;
        return found;
    }

    /// <summary>True when every element of an RFC 8285 block fits inside it; other profiles are opaque and pass.</summary>
    public bool IsWellFormed()
    {
        var elements = GetEnumerator();
        while (elements.MoveNext())
        {
        }

        return !elements.Malformed;
    }

    public static bool TryParse(ReadOnlySpan<byte> block, out RtpHeaderExtensions extensions) =>
        TryParse(block, out extensions, out _);

    /// <summary>
    /// Parses a block that starts at its profile word (RFC 3550 §5.3.1). Bytes after the block are ignored;
    /// for RFC 8285 profiles each element must fit inside the block.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> block, out RtpHeaderExtensions extensions, out string? reason)
    {
        extensions = default;
        if (block.Length < BlockHeaderLength)
        {
            reason = RtpParseReasons.ExtensionBlockTooShort;
            return false;
        }

        var length = 4 * BinaryPrimitives.ReadUInt16BigEndian(block[2..]);
        if (length > block.Length - BlockHeaderLength)
        {
            reason = RtpParseReasons.ExtensionOverflow;
            return false;
        }

        var parsed = new RtpHeaderExtensions(
            BinaryPrimitives.ReadUInt16BigEndian(block), block.Slice(BlockHeaderLength, length));
        if (!parsed.IsWellFormed())
        {
            reason = RtpParseReasons.ExtensionElementOverflow;
            return false;
        }

        extensions = parsed;
        reason = null;
        return true;
    }
}
