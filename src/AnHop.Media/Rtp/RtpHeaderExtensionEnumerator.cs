namespace AnHop.Media.Rtp;

/// <summary>
/// Walks the elements of a one-byte or two-byte header extension block (RFC 8285 §4.2, §4.3) without allocating.
/// It stops at the first element that would run past the block and then reports <see cref="Malformed"/>.
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    /// <summary>One-byte form id that ends parsing of the whole block (RFC 8285 §4.2).</summary>
    private const int OneByteStopId = 15;

    private readonly ReadOnlySpan<byte> _data;
    private readonly RtpHeaderExtensionForm _form;
    private int _next;

    internal RtpHeaderExtensionEnumerator(ReadOnlySpan<byte> data, RtpHeaderExtensionForm form)
    {
        _data = data;
        _form = form;
        _next = 0;
        Current = default;
        Malformed = false;
    }

    public RtpHeaderExtensionElement Current { readonly get; private set; }

    /// <summary>True when the walk stopped because an element's length ran past the end of the block.</summary>
    public bool Malformed { readonly get; private set; }

    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    // RFC 8285 §4.2, one-byte form (ID 0 is a padding byte, ID 15 ends the block):
    //
    //     0                   1                   2                   3
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |       0xBE    |    0xDE       |           length=3            |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //          ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                          data                                 |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //
    // RFC 8285 §4.3, two-byte form (ID 0 is a padding byte, L is the data length itself):
    //
    //     0                   1                   2                   3
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |       0x10    |    0x00       |           length=3            |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |      ID       |     L=0       |     ID        |     L=1       |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |       data    |    0 (pad)    |       ID      |      L=4      |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                          data                                 |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public bool MoveNext()
    {
        while (_next < _data.Length)
        {
            var first = _data[_next];
            int id, valueOffset, length;
            if (_form == RtpHeaderExtensionForm.OneByte)
            {
                id = first >> 4;
                if (id == 0)
                {
                    // A padding byte; like libwebrtc, skip exactly one byte whatever its low nibble holds.
                    _next++;
                    continue;
                }

                if (id == OneByteStopId)
                {
                    break;
                }

                valueOffset = _next + 1;
                length = (first & 0x0F) + 1;
            }
            else if (_form == RtpHeaderExtensionForm.TwoByte)
            {
                id = first;
                if (id == 0)
                {
                    _next++;
                    continue;
                }

                if (_next + 1 >= _data.Length)
                {
                    Malformed = true;
                    break;
                }

                valueOffset = _next + 2;
                length = _data[_next + 1];
            }
            else
            {
                break;
            }

            if (length > _data.Length - valueOffset)
            {
                Malformed = true;
                break;
            }

            Current = new RtpHeaderExtensionElement((byte)id, _data.Slice(valueOffset, length), valueOffset);
            _next = valueOffset + length;
            return true;
        }

        _next = _data.Length;
        Current = default;
        return false;
    }
}
