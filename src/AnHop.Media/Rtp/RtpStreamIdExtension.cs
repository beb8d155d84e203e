namespace AnHop.Media.Rtp;

/// <summary>
/// The rtp-stream-id ("rid") and repaired-rtp-stream-id header extensions (RFC 8852 §3.1, §3.2): a rid as
/// ASCII bytes with the RFC 8851 §10 syntax rid-id = 1*(alpha-numeric / "-" / "_"). Both carry the same format.
/// </summary>
public static class RtpStreamIdExtension
{
    private static readonly Func<byte, bool> RidChar = static c => char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'_';

    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> rid) => TryParse(value, out rid, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> rid, out string? reason) =>
        TextIdentifierExtension.TryParse(value, RidChar, out rid, out reason);

    /// <summary>Copies a valid rid into <paramref name="destination"/>; false when invalid or too long for it.</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> rid, out int bytesWritten) =>
        TextIdentifierExtension.TryWrite(destination, rid, RidChar, out bytesWritten);

    public static bool IsValid(ReadOnlySpan<byte> rid) => TextIdentifierExtension.IsValid(rid, RidChar);
}
