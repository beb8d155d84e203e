namespace AnHop.Media.Rtcp;

/// <summary>Yields the sequence numbers one NACK item reports lost: PID, then PID + i + 1 for each BLP bit i.</summary>
public struct NackLostSequenceEnumerator
{
    private readonly NackItem _item;
    private int _bit;

    internal NackLostSequenceEnumerator(NackItem item)
    {
        _item = item;
        _bit = -2;
        Current = 0;
    }

    public ushort Current { get; private set; }

    public bool MoveNext()
    {
        if (_bit == -2)
        {
            _bit = -1;
            Current = _item.PacketId;
            return true;
        }

        while (++_bit < 16)
        {
            if ((_item.LostBitmask & (1 << _bit)) != 0)
            {
                Current = (ushort)(_item.PacketId + _bit + 1);
                return true;
            }
        }

        _bit = 16;
        return false;
    }
}
