using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// Builds an RFC 8285 header extension block (profile word, length, elements, zero padding to 32 bits)
/// into a caller's span. Add elements, then <see cref="TryFinish"/>; the result is what follows the CSRCs
/// of a packet with X set.
/// </summary>
public ref struct RtpHeaderExtensionWriter
{
    /// <summary>Largest value the one-byte form can carry (4-bit length field holds length − 1).</summary>
    public const int OneByteMaxValueLength = 16;

    /// <summary>Largest id the one-byte form can carry; 15 is reserved (RFC 8285 §4.2).</summary>
    public const int OneByteMaxId = 14;

    public const int TwoByteMaxValueLength = 255;

    private readonly Span<byte> _destination;
    private readonly ushort _profile;
    private int _written;
    private readonly bool _failed;

    /// <param name="destination">Where the block goes, starting with its profile word.</param>
    /// <param name="form">One-byte or two-byte framing.</param>
    /// <param name="appBits">The low 4 bits of a two-byte profile (RFC 8285 §4.3); ignored for one-byte.</param>
    public RtpHeaderExtensionWriter(Span<byte> destination, RtpHeaderExtensionForm form, byte appBits = 0)
    {
        _destination = destination;
        Form = form;
        _profile = form switch
        {
            RtpHeaderExtensionForm.OneByte => RtpPacket.OneByteExtensionProfile,
            RtpHeaderExtensionForm.TwoByte => (ushort)(0x1000 | (appBits & 0x0F)),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "only the RFC 8285 forms can be written"),
        };
        _written = RtpHeaderExtensions.BlockHeaderLength;
        _failed = destination.Length < _written;
    }

    public readonly RtpHeaderExtensionForm Form { get; }

    /// <summary>The smallest form that can carry an element with this id and value length.</summary>
    public static RtpHeaderExtensionForm FormFor(byte id, int valueLength) =>
        id is >= 1 and <= OneByteMaxId && valueLength is >= 1 and <= OneByteMaxValueLength
            ? RtpHeaderExtensionForm.OneByte
            : RtpHeaderExtensionForm.TwoByte;

    /// <summary>
    /// Appends one element. False when the id or value length does not fit the form (one-byte: id 1–14,
    /// 1–16 bytes; two-byte: id 1–255, 0–255 bytes) or the destination is too small; nothing is written then.
    /// </summary>
    public bool TryAdd(byte id, ReadOnlySpan<byte> value)
    {
        int headerLength;
        if (Form == RtpHeaderExtensionForm.OneByte)
        {
            if (id is 0 or > OneByteMaxId || value.Length is 0 or > OneByteMaxValueLength)
            {
                return false;
            }

            headerLength = 1;
        }
        else
        {
            if (id == 0 || value.Length > TwoByteMaxValueLength)
            {
                return false;
            }

            headerLength = 2;
        }

        if (_failed || headerLength + value.Length > _destination.Length - _written)
        {
            return false;
        }

        if (headerLength == 1)
        {
            _destination[_written] = (byte)((id << 4) | (value.Length - 1));
        }
        else
        {
            _destination[_written] = id;
            _destination[_written + 1] = (byte)value.Length;
        }

        value.CopyTo(_destination[(_written + headerLength)..]);
        _written += headerLength + value.Length;
        return true;
    }

    /// <summary>
    /// Pads the elements with zero bytes to a multiple of 4 and writes the block header.
    /// <paramref name="bytesWritten"/> is the whole block length, header included.
    /// </summary>
    public readonly bool TryFinish(out int bytesWritten)
    {
        bytesWritten = 0;
        var padded = (_written + 3) & ~3;
        var words = (padded - RtpHeaderExtensions.BlockHeaderLength) / 4;
        if (_failed || padded > _destination.Length || words > ushort.MaxValue)
        {
            return false;
        }

        _destination[_written..padded].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(_destination, _profile);
        BinaryPrimitives.WriteUInt16BigEndian(_destination[2..], (ushort)words);
        bytesWritten = padded;
        return true;
    }
}
