using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AnHop.Media.Stun;

// MESSAGE-INTEGRITY and FINGERPRINT checks, and the ICE username split used to route a request.
public readonly ref partial struct StunMessage
{
    /// <summary>
    /// Checks MESSAGE-INTEGRITY (RFC 8489 §14.5) in constant time. The HMAC covers the message up to the
    /// attribute, with the header length counting through the end of MESSAGE-INTEGRITY, so a FINGERPRINT
    /// after it is excluded. False when the attribute is absent.
    /// </summary>
    public bool VerifyMessageIntegrity(StunIntegrityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_integrityOffset < 0)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[StunIntegrityKey.MacLength];
        key.Compute(Data[.._integrityOffset], (ushort)(_integrityOffset + 4 + IntegrityValueLength - HeaderLength), mac);
        return CryptographicOperations.FixedTimeEquals(mac, Data.Slice(_integrityOffset + 4, IntegrityValueLength));
    }

    /// <summary>Checks FINGERPRINT (RFC 8489 §14.7). False when the attribute is absent.</summary>
    public bool VerifyFingerprint()
    {
        if (_fingerprintOffset < 0)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(Data[(_fingerprintOffset + 4)..]);
        return StunFingerprint.Compute(Data[.._fingerprintOffset]) == expected;
    }

    /// <summary>
    /// Splits an ICE USERNAME "recipient-ufrag:sender-ufrag" (RFC 8445 §7.2.2). In a request the SFU
    /// receives, the first part is the SFU's own ufrag, so the transport layer can route by it.
    /// </summary>
    public bool TryGetIceUsername(out ReadOnlySpan<byte> recipientUfrag, out ReadOnlySpan<byte> senderUfrag)
    {
        recipientUfrag = default;
        senderUfrag = default;
        if (!TryGetUsername(out var username))
        {
            return false;
        }

        var colon = username.IndexOf((byte)':');
        if (colon <= 0 || colon == username.Length - 1)
        {
            return false;
        }

        recipientUfrag = username[..colon];
        senderUfrag = username[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// Reads the ICE username fragments straight from a datagram, before it is known which transport owns
    /// it. Nothing is verified here; the owning transport checks integrity afterwards.
    /// </summary>
    public static bool TryReadUsernameFragments(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> recipientUfrag,
        out ReadOnlySpan<byte> senderUfrag)
    {
        if (TryParse(datagram, out var message))
        {
            return message.TryGetIceUsername(out recipientUfrag, out senderUfrag);
        }

        recipientUfrag = default;
        senderUfrag = default;
        return false;
    }
}
