using AnHop.Media.Dtls;

namespace AnHop.Media.Tests.Dtls;

/// <summary>
/// One direction of an in-memory link between two sessions. Datagrams sent before the receiving session exists
/// are held and delivered on <see cref="Connect"/>, so a fast reply is never lost to the test's own setup.
/// </summary>
internal sealed class DtlsWire
{
    private readonly object _gate = new();
    private readonly List<byte[]> _held = [];
    private readonly List<byte[]> _sent = [];
    private DtlsSession? _target;

    /// <summary>Drops the datagram with this zero-based index when it returns true.</summary>
    public Func<int, byte[], bool>? Drop { get; init; }

    /// <summary>Makes extra datagrams to deliver after each real one (garbage injection).</summary>
    public Func<byte[], IEnumerable<byte[]>>? Inject { get; init; }

    public int Dropped { get; private set; }

    /// <summary>Every datagram the sender produced, in order, dropped ones included.</summary>
    public IReadOnlyList<byte[]> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var copy = datagram.ToArray();
        lock (_gate)
        {
            var index = _sent.Count;
            _sent.Add(copy);
            if (Drop?.Invoke(index, copy) == true)
            {
                Dropped++;
                return;
            }

            var batch = new List<byte[]> { copy };
            if (Inject is not null)
            {
                batch.AddRange(Inject(copy));
            }

            if (_target is null)
            {
                _held.AddRange(batch);
                return;
            }

            foreach (var item in batch)
            {
                _target.Enqueue(item);
            }
        }
    }

    public void Connect(DtlsSession target)
    {
        lock (_gate)
        {
            _target = target;
            foreach (var item in _held)
            {
                target.Enqueue(item);
            }

            _held.Clear();
        }
    }
}
