using System.Security.Cryptography;
using AnHop.Media.Srtp;
using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>The use_srtp extension (RFC 5764 §4.1) and the SRTP key export (RFC 5764 §4.2).</summary>
internal static class DtlsSrtpNegotiation
{
    /// <summary>
    /// The server's choice: the first of our preferences that the client offered (RFC 5764 §4.1.1 lets the server
    /// choose; Chromium lists CM_80 first yet accepts AEAD_AES_128_GCM), or <see cref="SrtpProfile.Unknown"/>.
    /// </summary>
    public static SrtpProfile Choose(IReadOnlyList<SrtpProfile> preferences, int[] offered)
    {
        foreach (var profile in preferences)
        {
            if (Array.IndexOf(offered, (int)profile) >= 0)
            {
                return profile;
            }
        }

        return SrtpProfile.Unknown;
    }

    public static int[] ToProtectionProfiles(IReadOnlyList<SrtpProfile> profiles)
    {
        var result = new int[profiles.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (int)profiles[i];
        }

        return result;
    }

    /// <summary>
    /// Exports "EXTRACTOR-dtls_srtp" (RFC 5705) and splits it. BC allows the export only inside
    /// NotifyHandshakeComplete, so both roles call this from there.
    /// </summary>
    public static SrtpKeyingMaterial ExportKeys(TlsContext context, SrtpProfile profile, bool isDtlsClient)
    {
        var exported = context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.KeyingMaterialLength());
        try
        {
            return SrtpKeyingMaterial.FromExporter(profile, exported, isDtlsClient);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exported);
        }
    }
}
