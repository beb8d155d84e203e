namespace AnHop.Media.Rtp;

/// <summary>
/// The rtp-stream-id ("rid") and repaired-rtp-stream-id header extensions (RFC 8852 §3.1, §3.2): a rid as
/// ASCII bytes with the RFC 8851 §10 syntax rid-id = 1*(alpha-numeric / "-" / "_"). Both carry the same format.
/// </summary>
public static class RtpStreamIdExtension
{
    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> rid) => TryParse(value, out rid, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> rid, out string? reason)
    {
        rid = default;
        if (value.IsEmpty)
        {
            reason = RtpParseReasons.ExtensionValueLength;
            return false;
        }

        if (!IsValid(value))
        {
            reason = RtpParseReasons.ExtensionValueCharacters;
            return false;
        }

        rid = value;
        reason = null;
        return true;
    }

    /// <summary>Copies a valid rid into <paramref name="destination"/>; false when invalid or too long for it.</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> rid, out int bytesWritten)
    {
        bytesWritten = 0;
        if (rid.Length > RtpHeaderExtensionWriter.TwoByteMaxValueLength || !IsValid(rid) || !rid.TryCopyTo(destination))
        {
            return false;
        }

        bytesWritten = rid.Length;
        return true;
    }

    public static bool IsValid(ReadOnlySpan<byte> rid)
    {
        foreach (var c in rid)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'_'))
            {
                return false;
            }
        }

        return !rid.IsEmpty;
    }
}
