namespace AnHop.Media.Rtp;

/// <summary>
/// The shared shape of the header extensions whose value is a short ASCII identifier (sdes:mid, rtp-stream-id,
/// repaired-rtp-stream-id): not empty, only allowed characters, at most a two-byte element long.
/// </summary>
internal static class TextIdentifierExtension
{
    public static bool TryParse(ReadOnlySpan<byte> value, Func<byte, bool> allowed, out ReadOnlySpan<byte> identifier, out string? reason)
    {
        identifier = default;
        if (value.IsEmpty)
        {
            reason = RtpParseReasons.ExtensionValueLength;
            return false;
        }

        if (!IsValid(value, allowed))
        {
            reason = RtpParseReasons.ExtensionValueCharacters;
            return false;
        }

        identifier = value;
        reason = null;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> identifier, Func<byte, bool> allowed, out int bytesWritten)
    {
        bytesWritten = 0;
        if (identifier.Length > RtpHeaderExtensionWriter.TwoByteMaxValueLength || !IsValid(identifier, allowed) || !identifier.TryCopyTo(destination))
        {
            return false;
        }

        bytesWritten = identifier.Length;
        return true;
    }

    public static bool IsValid(ReadOnlySpan<byte> identifier, Func<byte, bool> allowed)
    {
        foreach (var c in identifier)
        {
            if (!allowed(c))
            {
                return false;
            }
        }

        return !identifier.IsEmpty;
    }
}
