namespace AnHop.Media.Rtcp;

/// <summary>
/// One packet reported in transport-wide CC feedback. <see cref="DeltaTicks"/> is the receive delta
/// in 250 µs ticks from the previous received packet (the first one counts from the reference time);
/// <see cref="ArrivalTimeMicroseconds"/> adds the deltas up from reference time × 64 ms.
/// Both are zero for a packet that was not received.
/// </summary>
public readonly record struct TransportCcPacket(
    ushort SequenceNumber,
    TransportCcStatus Status,
    int DeltaTicks,
    long ArrivalTimeMicroseconds)
{
    public const int MicrosecondsPerTick = 250;

    public bool IsReceived => Status != TransportCcStatus.NotReceived;

    public int DeltaMicroseconds => DeltaTicks * MicrosecondsPerTick;
}
