namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Tracks the sequence-number gaps in one stream received from a publisher and says when to NACK them
/// (RFC 4585 §6.2.1). Driven by packet arrival (<see cref="OnPacket"/> records new gaps, <see cref="CollectDue"/>
/// right after returns them at once) and by a periodic tick (<see cref="CollectDue"/> returns the ones whose
/// retry interval has passed). Each lost packet is asked for at most <see cref="NackOptions.MaxRetries"/> times
/// and for at most <see cref="NackOptions.MaxAgeMs"/>; then it is given up. A gap larger than the list is not
/// repairable by NACK: the list is cleared and <see cref="OnPacket"/> returns true so that the caller asks for a keyframe.
/// Fixed capacity, allocated once; not thread-safe (used under the router's lock).
/// </summary>
public sealed class NackGenerator
{
    private readonly NackOptions _options;
    private readonly Entry[] _entries;
    private readonly Rtp.SequenceUnwrapper _unwrapper = new();
    private int _count;

    public NackGenerator(NackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMissing, 1);
        _options = options;
        _entries = new Entry[options.MaxMissing];
    }

    /// <summary>Sequence numbers currently waited for.</summary>
    public int MissingCount => _count;

    /// <summary>Lost packets given up (too many retries or too old) or dropped by an oversized gap.</summary>
    public long GivenUp { get; private set; }

    /// <summary>Lost packets that arrived after all (late or retransmitted).</summary>
    public long Recovered { get; private set; }

    /// <summary>Records an arrival. Returns true when a gap was too large to NACK and a keyframe is needed instead.</summary>
    public bool OnPacket(ushort sequenceNumber, long nowMs)
    {
        if (!_unwrapper.HasStarted)
        {
            _unwrapper.Unwrap(sequenceNumber);
            return false;
        }

        var highest = _unwrapper.HighestIndex;
        var index = _unwrapper.Unwrap(sequenceNumber);
        if (index <= highest)
        {
            Remove(index);
            return false;
        }

        var gap = index - highest - 1;
        if (gap == 0)
        {
            return false;
        }

        if (gap > _entries.Length - _count)
        {
            GivenUp += _count + gap;
            _count = 0;
            return true;
        }

        for (var missing = highest + 1; missing < index; missing++)
        {
            _entries[_count++] = new Entry(missing, 0, long.MinValue, nowMs);
        }

        return false;
    }

    /// <summary>
    /// Writes the sequence numbers to NACK now into <paramref name="destination"/> (ascending), counts a retry for
    /// each, and drops those past their limits. Returns how many were written.
    /// </summary>
    public int CollectDue(long nowMs, Span<ushort> destination)
    {
        var written = 0;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.Retries >= _options.MaxRetries || nowMs - entry.AddedMs > _options.MaxAgeMs)
            {
                GivenUp++;
                continue;
            }

            var due = entry.Retries == 0 || nowMs - entry.LastSentMs >= _options.RetryIntervalMs;
            if (due && written < destination.Length)
            {
                destination[written++] = (ushort)entry.Index;
                entry = entry with { Retries = entry.Retries + 1, LastSentMs = nowMs };
            }

            _entries[kept++] = entry;
        }

        _count = kept;
        return written;
    }

    public void Reset()
    {
        _count = 0;
        _unwrapper.Reset();
    }

    private void Remove(long index)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Index == index)
            {
                Array.Copy(_entries, i + 1, _entries, i, _count - i - 1);
                _count--;
                Recovered++;
                return;
            }
        }
    }

    private readonly record struct Entry(long Index, int Retries, long LastSentMs, long AddedMs);
}
