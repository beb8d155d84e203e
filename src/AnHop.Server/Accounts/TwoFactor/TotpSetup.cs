using AnHop.Server.Data;
using QRCoder;

namespace AnHop.Server.Accounts.TwoFactor;

/// <summary>The otpauth URI an authenticator app reads, and its QR code drawn here as SVG (no outside service sees the key).</summary>
public static class TotpSetup
{
    public const string Issuer = "AnHop";

    public static string OtpAuthUri(AnHopUser user, string key)
    {
        ArgumentNullException.ThrowIfNull(user);
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";
    }

    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4);
    }
}
