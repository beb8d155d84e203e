namespace AnHop.Media.Rtp;

/// <summary>
/// The sdes:mid header extension (RFC 8843 §15): the m= section's identification-tag as its bytes.
/// The tag is an SDP token (RFC 5888 §4, RFC 4566 §9), so only printable ASCII token characters are allowed.
/// </summary>
public static class SdesMidExtension
{
    private static readonly Func<byte, bool> TokenChar = IsTokenChar;

    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> mid) => TryParse(value, out mid, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> mid, out string? reason) =>
        TextIdentifierExtension.TryParse(value, TokenChar, out mid, out reason);

    /// <summary>Copies a valid MID into <paramref name="destination"/>; false when invalid or too long for it.</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> mid, out int bytesWritten) =>
        TextIdentifierExtension.TryWrite(destination, mid, TokenChar, out bytesWritten);

    public static bool IsValid(ReadOnlySpan<byte> mid) => TextIdentifierExtension.IsValid(mid, TokenChar);

    /// <summary>token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E (RFC 4566 §9).</summary>
    private static bool IsTokenChar(byte c) =>
        c is 0x21 or (>= 0x23 and <= 0x27) or 0x2A or 0x2B or 0x2D or 0x2E or (>= 0x30 and <= 0x39) or (>= 0x41 and <= 0x5A) or (>= 0x5E and <= 0x7E);
}
