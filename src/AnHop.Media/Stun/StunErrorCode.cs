using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// The ERROR-CODE value (RFC 8489 §14.8): a code 300–699 and a UTF-8 reason phrase.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Reserved, should be 0         |Class|     Number    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Reason Phrase (variable)                                ..
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly ref struct StunErrorCode
{
    public const int TryAlternate = 300;
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int UnknownAttribute = 420;
    public const int StaleNonce = 438;
    public const int RoleConflict = 487;
    public const int ServerError = 500;

    /// <summary>RFC 8489 §14.8: fewer than 128 characters, at most 763 bytes of UTF-8.</summary>
    public const int MaxReasonLength = 763;

    public StunErrorCode(int code, ReadOnlySpan<byte> reason)
    {
        Code = code;
        Reason = reason;
    }

    public int Code { get; }

    /// <summary>The reason phrase as UTF-8, aliasing the message.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    public static bool TryParse(ReadOnlySpan<byte> value, out StunErrorCode error) => TryParse(value, out error, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, out StunErrorCode error, out string? reason)
    {
        error = default;
        if (value.Length < 4)
        {
            reason = "ERROR-CODE shorter than 4 bytes";
            return false;
        }

        var @class = value[2] & 0x07;
        var number = value[3];
        if (@class is < 3 or > 6)
        {
            reason = "ERROR-CODE class outside 3..6";
            return false;
        }

        if (number > 99)
        {
            reason = "ERROR-CODE number above 99";
            return false;
        }

        if (value.Length - 4 > MaxReasonLength)
        {
            reason = "ERROR-CODE reason phrase longer than 763 bytes";
            return false;
        }

        error = new StunErrorCode(@class * 100 + number, value[4..]);
        reason = null;
        return true;
    }

    public static int GetLength(ReadOnlySpan<byte> reasonPhrase) => 4 + reasonPhrase.Length;

    public static bool TryWrite(Span<byte> destination, int code, ReadOnlySpan<byte> reasonPhrase, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetLength(reasonPhrase);
        if (code is < 300 or > 699 || reasonPhrase.Length > MaxReasonLength || destination.Length < length)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(((code / 100) << 8) | (code % 100)));
        reasonPhrase.CopyTo(destination[4..]);
        bytesWritten = length;
        return true;
    }

    /// <summary>The reason phrases RFC 8489 §14.8 and RFC 8445 §16.1 suggest, as UTF-8.</summary>
    public static ReadOnlySpan<byte> DefaultReason(int code) => code switch
    {
        TryAlternate => "Try Alternate"u8,
        BadRequest => "Bad Request"u8,
        Unauthorized => "Unauthorized"u8,
        UnknownAttribute => "Unknown Attribute"u8,
        StaleNonce => "Stale Nonce"u8,
        RoleConflict => "Role Conflict"u8,
        ServerError => "Server Error"u8,
        _ => default,
    };
}
