using System.Diagnostics.CodeAnalysis;
using AnHop.Media.Dtls;
using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>The ICE and DTLS attributes both negotiations write for the SFU and read from the browser.</summary>
internal static class TransportAttributes
{
    /// <summary>a=ice-ufrag, a=ice-pwd, a=fingerprint and a=setup for the SFU side (RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4).</summary>
    public static void WriteLocal(SdpAttributeList attributes, TransportDescription local, SetupRole setup)
    {
        attributes.IceUfrag = local.IceUfrag;
        attributes.IcePwd = local.IcePwd;
        attributes.Add(SdpAttributeNames.Fingerprint, local.Fingerprint.ToSdpValue());
        attributes.Setup = setup;
    }

    /// <summary>The SFU's host candidates and a=end-of-candidates: an ICE-lite agent knows them all up front (RFC 8840 §8.2).</summary>
    public static void WriteCandidates(SdpAttributeList attributes, IReadOnlyList<IceCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            attributes.AddValue(candidate);
        }

        attributes.EndOfCandidates = true;
    }

    /// <summary>
    /// Reads the browser's ICE credentials, DTLS fingerprint and setup role from the BUNDLE tag m-line, falling back to
    /// the session level (RFC 8839 §5.4 and RFC 8122 §5 allow either). Only a sha-256 fingerprint is taken: AnHop's DTLS
    /// layer verifies nothing else, and every WebRTC browser sends one.
    /// </summary>
    public static bool TryReadRemote(SessionDescription description, MediaDescription? tag, [NotNullWhen(true)] out RemoteTransport? remote,
        [NotNullWhen(false)] out string? reason)
    {
        remote = null;
        var ufrag = tag?.Attributes.IceUfrag ?? description.Attributes.IceUfrag;
        var pwd = tag?.Attributes.IcePwd ?? description.Attributes.IcePwd;
        if (ufrag is null)
        {
            reason = "no a=ice-ufrag";
            return false;
        }

        if (pwd is null)
        {
            reason = "no a=ice-pwd";
            return false;
        }

        if (!IsIceChars(ufrag, 4))
        {
            reason = "a=ice-ufrag is not 4 to 256 ice-chars (RFC 8839 §5.4)";
            return false;
        }

        if (!IsIceChars(pwd, 22))
        {
            reason = "a=ice-pwd is not 22 to 256 ice-chars (RFC 8839 §5.4)";
            return false;
        }

        var values = (tag?.Attributes.FindAll(SdpAttributeNames.Fingerprint) ?? [])
            .Concat(description.Attributes.FindAll(SdpAttributeNames.Fingerprint))
            .Select(attribute => attribute.Value)
            .ToList();
        if (values.Count == 0)
        {
            reason = "no a=fingerprint";
            return false;
        }

        DtlsFingerprint? fingerprint = null;
        foreach (var value in values)
        {
            if (value is not null && DtlsFingerprint.TryParse(value, out fingerprint, out _))
            {
                break;
            }
        }

        if (fingerprint is null)
        {
            reason = "no valid sha-256 a=fingerprint (only other hash functions or malformed)";
            return false;
        }

        var setup = tag?.Attributes.Find(SdpAttributeNames.Setup) is not null ? tag.Attributes.Setup : description.Attributes.Setup;
        remote = new RemoteTransport(ufrag, pwd, fingerprint, setup);
        reason = null;
        return true;
    }

    public static bool IsIceChars(string value, int minimum)
    {
        if (value.Length < minimum || value.Length > 256)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '/')
            {
                return false;
            }
        }

        return true;
    }
}
