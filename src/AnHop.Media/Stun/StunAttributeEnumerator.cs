using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// Walks the attributes of a message that <see cref="StunMessage.TryParse(ReadOnlySpan{byte}, out StunMessage)"/>
/// already validated, so no bounds can fail here. Attributes after MESSAGE-INTEGRITY other than
/// FINGERPRINT are skipped, as RFC 8489 §14.5 requires receivers to ignore them.
/// </summary>
public ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _visibleEnd;
    private readonly int _fingerprintOffset;
    private int _next;

    internal StunAttributeEnumerator(ReadOnlySpan<byte> message, int visibleEnd, int fingerprintOffset)
    {
        _message = message;
        _visibleEnd = visibleEnd;
        _fingerprintOffset = fingerprintOffset;
        _next = StunMessage.HeaderLength;
        Current = default;
    }

    public StunAttribute Current { get; private set; }

    public readonly StunAttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_next >= _visibleEnd)
        {
            if (_fingerprintOffset < _next)
            {
                return false;
            }

            _next = _fingerprintOffset;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(_message[_next..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(_message[(_next + 2)..]);
        Current = new StunAttribute((StunAttributeType)type, _message.Slice(_next + 4, length));
        _next += 4 + StunMessage.Pad(length);
        return true;
    }
}
