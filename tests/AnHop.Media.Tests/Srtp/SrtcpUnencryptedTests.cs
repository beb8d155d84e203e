using System.Buffers.Binary;
using System.Security.Cryptography;
using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>
/// SRTCP with the E flag clear (RFC 3711 §3.4): the packet is only authenticated. AnHop never sends such
/// packets, but a peer may; the packet here is built independently with .NET's one-shot HMAC-SHA1.
/// </summary>
public class SrtcpUnencryptedTests
{
    [Fact]
    public void Cm_packet_with_E_clear_is_authenticated_and_left_in_the_clear()
    {
        var (masterKey, masterSalt) = Keys(SrtpProfile.Aes128CmHmacSha1_80, 12);
        var authKey = new byte[20];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpAuthenticationLabel, authKey);

        var plain = MakeRtcp(0x1234, 28)[..28];
        var packet = new byte[28 + 4 + 10];
        plain.CopyTo(packet, 0);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(28), 17); // E = 0, index 17
        HMACSHA1.HashData(authKey, packet.AsSpan(0, 32)).AsSpan(0, 10).CopyTo(packet.AsSpan(32));

        using var receiver = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, masterKey, masterSalt);
        var received = (byte[])packet.Clone();
        Assert.True(receiver.UnprotectRtcp(received, out var plainLength, out var reason), reason);
        Assert.Equal(plain, received[..plainLength]);

        // Setting E afterwards breaks the tag: the flag is authenticated.
        var flipped = (byte[])packet.Clone();
        flipped[28] |= 0x80;
        using var other = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, masterKey, masterSalt);
        Assert.False(other.UnprotectRtcp(flipped, out _, out reason));
        Assert.Equal(SrtpErrors.AuthenticationFailed, reason);
    }
}
