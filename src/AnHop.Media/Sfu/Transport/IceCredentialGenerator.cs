using System.Security.Cryptography;

namespace AnHop.Media.Sfu.Transport;

/// <summary>Random ICE credentials (RFC 8445 §5.3): ufrag and password drawn from ice-char (RFC 8839 §5.4).</summary>
public static class IceCredentialGenerator
{
    /// <summary>RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/".</summary>
    public const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>RFC 8445 §5.3 asks for at least 24 bits of randomness (4 ice-chars); 16 chars give 96 bits.</summary>
    public const int UfragLength = 16;

    /// <summary>RFC 8445 §5.3 asks for at least 128 bits of randomness (22 ice-chars); 32 chars give 192 bits.</summary>
    public const int PasswordLength = 32;

    public static string NewUfrag() => RandomNumberGenerator.GetString(IceChars, UfragLength);

    public static string NewPassword() => RandomNumberGenerator.GetString(IceChars, PasswordLength);
}
