namespace AnHop.Media.Rtcp;

/// <summary>
/// The sender SSRC and sender information section of a Sender Report (RFC 3550 §6.4.1).
/// <see cref="NtpTimestamp"/> is the 64-bit NTP time, seconds in the high word.
/// </summary>
public readonly record struct SenderInfo(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>The middle 32 bits of the NTP timestamp, which receivers echo as LSR (RFC 3550 §6.4.1).</summary>
    public uint CompactNtp => (uint)(NtpTimestamp >> 16);
}
