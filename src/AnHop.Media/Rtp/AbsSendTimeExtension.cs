namespace AnHop.Media.Rtp;

/// <summary>
/// The abs-send-time header extension (http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time):
/// the send time as 24-bit unsigned fixed point, 6 bits of seconds and 18 of fraction, wrapping every 64 s.
/// </summary>
public static class AbsSendTimeExtension
{
    public const int ValueLength = 3;

    /// <summary>One past the largest 24-bit value; the field wraps here (64 s).</summary>
    public const uint Modulus = 1 << 24;

    private const int FractionBits = 18;

    public static bool TryParse(ReadOnlySpan<byte> value, out uint sendTime) => TryParse(value, out sendTime, out _);

    //     0                   1                   2                   3
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |  ID   | len=2 |              absolute send time               |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> value, out uint sendTime, out string? reason)
    {
        if (value.Length != ValueLength)
        {
            sendTime = 0;
            reason = RtpParseReasons.ExtensionValueLength;
            return false;
        }

        sendTime = (uint)((value[0] << 16) | (value[1] << 8) | value[2]);
        reason = null;
        return true;
    }

    /// <summary>Writes the low 24 bits of <paramref name="sendTime"/>, big-endian.</summary>
    public static bool TryWrite(Span<byte> destination, uint sendTime, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < ValueLength)
        {
            return false;
        }

        destination[0] = (byte)(sendTime >> 16);
        destination[1] = (byte)(sendTime >> 8);
        destination[2] = (byte)sendTime;
        bytesWritten = ValueLength;
        return true;
    }

    /// <summary>The 6.18 value for a 64-bit NTP timestamp (32.32): its middle 24 bits.</summary>
    public static uint FromNtpTime(ulong ntpTime) => (uint)(ntpTime >> 14) & (Modulus - 1);

    /// <summary>The 6.18 value for a non-negative time since any epoch, rounded to 1/2^18 s and wrapped at 64 s.</summary>
    public static uint FromTimeSpan(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        var ticks = (ulong)time.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var fraction = ((ticks % TimeSpan.TicksPerSecond << FractionBits) + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond;
        return (uint)(((seconds << FractionBits) + fraction) & (Modulus - 1));
    }

    /// <summary>The time within the 64-second window that a 6.18 value stands for.</summary>
    public static TimeSpan ToTimeSpan(uint sendTime) =>
        TimeSpan.FromTicks((long)(((ulong)sendTime & (Modulus - 1)) * TimeSpan.TicksPerSecond >> FractionBits));
}
