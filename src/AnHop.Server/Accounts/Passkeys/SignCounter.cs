using System.Buffers.Binary;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>The WebAuthn signature counter rule: when either counter is non-zero, the new one must be above the stored one.</summary>
public static class SignCounter
{
    // authenticatorData: rpIdHash (32 bytes), flags (1), signCount (4, big-endian), ...
    private const int Offset = 33;

    /// <summary>The received counter when it breaks the rule; null when it is fine (or the data is too short to hold one).</summary>
    public static uint? WentBack(byte[]? authenticatorData, uint stored)
    {
        if (authenticatorData is null || authenticatorData.Length < Offset + 4)
        {
            return null;
        }

        var received = BinaryPrimitives.ReadUInt32BigEndian(authenticatorData.AsSpan(Offset, 4));
        return (received != 0 || stored != 0) && received <= stored ? received : null;
    }
}
