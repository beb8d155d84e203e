namespace AnHop.LoadGenerator;

/// <summary>
/// Loss on one consumer stream as a subscriber sees it: sequence numbers expected (first to highest, unwrapped)
/// minus packets received. Written by the subscriber peer's receive thread, read by the reporter.
/// </summary>
internal sealed class StreamLossTracker
{
    private long _received;
    private long _expected;
    private ushort _highest;
    private bool _started;

    public long Received => Interlocked.Read(ref _received);

    public long Expected => Interlocked.Read(ref _expected);

    public long Lost => Math.Max(0, Expected - Received);

    public void OnPacket(ushort sequenceNumber)
    {
        if (!_started)
        {
            _started = true;
            _highest = sequenceNumber;
            Interlocked.Increment(ref _expected);
        }
        else
        {
            var ahead = (short)(sequenceNumber - _highest);
            if (ahead > 0)
            {
                _highest = sequenceNumber;
                Interlocked.Add(ref _expected, ahead);
            }
        }

        Interlocked.Increment(ref _received);
    }
}
