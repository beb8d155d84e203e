namespace AnHop.Media.Rtp;

/// <summary>The ssrc-audio-level header extension (RFC 6464 §3).</summary>
public static class AudioLevelExtension
{
    public const int ValueLength = 1;

    public const byte MaxLevel = 127;

    public static bool TryParse(ReadOnlySpan<byte> value, out AudioLevel level) => TryParse(value, out level, out _);

    // RFC 6464 §3, one-byte form:
    //
    //     0                   1
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |  ID   | len=0 |V| level       |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> value, out AudioLevel level, out string? reason)
    {
        if (value.Length != ValueLength)
        {
            level = default;
            reason = RtpParseReasons.ExtensionValueLength;
            return false;
        }

        level = new AudioLevel((value[0] & 0x80) != 0, (byte)(value[0] & 0x7F));
        reason = null;
        return true;
    }

    /// <summary>False when the destination is empty or the level is above 127.</summary>
    public static bool TryWrite(Span<byte> destination, AudioLevel level, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < ValueLength || level.Level > MaxLevel)
        {
            return false;
        }

        destination[0] = (byte)((level.VoiceActivity ? 0x80 : 0) | level.Level);
        bytesWritten = ValueLength;
        return true;
    }
}
