namespace AnHop.Media.Rtcp;

/// <summary>
/// What the receiver knows of one transport-wide sequence number, the input of
/// <see cref="TransportCcFeedback.TryWrite"/>: the arrival time in microseconds on the receiver's
/// clock, or null when the packet has not arrived.
/// </summary>
public readonly record struct TransportCcArrival(ushort SequenceNumber, long? ArrivalTimeMicroseconds)
{
    public bool IsReceived => ArrivalTimeMicroseconds.HasValue;
}
