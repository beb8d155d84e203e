using AnHop.Media.Srtp;
using CsCheck;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>Property tests: random keys and packets survive protect → unprotect, and nothing else does.</summary>
public class SrtpRoundTripTests
{
    private static readonly Gen<(SrtpProfile Profile, byte[] Key, byte[] Salt)> GenKeys =
        Gen.Select(Gen.Int[0, 1], Gen.Byte.Array[16], Gen.Byte.Array[14])
            .Select((p, key, salt) => (Profiles[p], key, salt[..Profiles[p].MasterSaltLength()]));

    private static readonly Gen<(ushort Seq, uint Ssrc, int Csrcs, int ExtensionWords)> GenRtpHeader =
        Gen.Select(Gen.UShort, Gen.UInt, Gen.Int[0, 15], Gen.Int[-1, 6]);

    private static readonly Gen<byte[]> GenPayload = Gen.Byte.Array[0, 1300];

    private static (byte[] Buffer, int Length) BuildRtp((ushort Seq, uint Ssrc, int Csrcs, int ExtensionWords) h, byte[] payload)
    {
        var buffer = MakeRtp(h.Seq, h.Ssrc, payload.Length, h.Csrcs, h.ExtensionWords);
        var length = buffer.Length - 64;
        payload.CopyTo(buffer, length - payload.Length);
        return (buffer, length);
    }

    [Fact]
    public void Rtp_round_trips_and_rejects_tampering_and_replay()
    {
        Gen.Select(GenKeys, GenRtpHeader, GenPayload, Gen.Int[0, int.MaxValue]).Sample((keys, header, payload, pick) =>
        {
            using var sender = new SrtpContext(keys.Profile, keys.Key, keys.Salt);
            using var receiver = new SrtpContext(keys.Profile, keys.Key, keys.Salt);
            var (buffer, length) = BuildRtp(header, payload);
            var plain = buffer[..length];

            Assert.True(sender.ProtectRtp(buffer, length, out var protectedLength, out var reason), reason);
            Assert.Equal(length + sender.RtpOverhead, protectedLength);
            var wire = buffer[..protectedLength];

            var tampered = (byte[])wire.Clone();
            tampered[pick % tampered.Length] ^= (byte)(1 << (pick % 8));
            Assert.False(receiver.UnprotectRtp(tampered, out _));

            var received = (byte[])wire.Clone();
            Assert.True(receiver.UnprotectRtp(received, out var plainLength, out reason), reason);
            Assert.Equal(plain, received[..plainLength]);

            var replayed = (byte[])wire.Clone();
            Assert.False(receiver.UnprotectRtp(replayed, out _, out reason));
            Assert.Equal(SrtpErrors.Replayed, reason);
        }, iter: 300);
    }

    [Fact]
    public void Rtcp_round_trips_and_rejects_tampering_and_replay()
    {
        Gen.Select(GenKeys, Gen.UInt, Gen.Int[2, 300], Gen.Int[0, int.MaxValue]).Sample((keys, ssrc, words, pick) =>
        {
            using var sender = new SrtpContext(keys.Profile, keys.Key, keys.Salt);
            using var receiver = new SrtpContext(keys.Profile, keys.Key, keys.Salt);
            var length = 4 * words;
            var buffer = MakeRtcp(ssrc, length, (byte)pick);
            var plain = buffer[..length];

            Assert.True(sender.ProtectRtcp(buffer, length, out var protectedLength, out var reason), reason);
            Assert.Equal(length + sender.RtcpOverhead, protectedLength);
            var wire = buffer[..protectedLength];

            var tampered = (byte[])wire.Clone();
            tampered[pick % tampered.Length] ^= (byte)(1 << (pick % 8));
            Assert.False(receiver.UnprotectRtcp(tampered, out _));

            var received = (byte[])wire.Clone();
            Assert.True(receiver.UnprotectRtcp(received, out var plainLength, out reason), reason);
            Assert.Equal(plain, received[..plainLength]);

            var replayed = (byte[])wire.Clone();
            Assert.False(receiver.UnprotectRtcp(replayed, out _, out reason));
            Assert.Equal(SrtpErrors.Replayed, reason);
        }, iter: 300);
    }

    [Fact]
    public void Successive_rtcp_packets_carry_increasing_indices_and_all_unprotect()
    {
        foreach (var profile in Profiles)
        {
            using var sender = Context(profile);
            using var receiver = Context(profile);
            for (var i = 0; i < 50; i++)
            {
                var buffer = MakeRtcp(0xCAFE, 32, (byte)i);
                Assert.True(sender.ProtectRtcp(buffer, 32, out var n));
                Assert.True(receiver.UnprotectRtcp(buffer.AsSpan(0, n), out var plain, out var reason), reason);
                Assert.Equal(32, plain);
            }
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Packets_larger_than_an_mtu_round_trip(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        ushort seq = 0;
        foreach (var payload in new[] { 100, 5000, 3000, 20000 })
        {
            var buffer = MakeRtp(seq++, 3, payload);
            var plain = buffer[..(12 + payload)];
            Assert.True(sender.ProtectRtp(buffer, 12 + payload, out var n));
            Assert.True(receiver.UnprotectRtp(buffer.AsSpan(0, n), out var plainLength, out var reason), reason);
            Assert.Equal(plain, buffer[..plainLength]);
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Flipping_any_bit_of_any_byte_fails(SrtpProfile profile)
    {
        using var sender = Context(profile);
        var rtp = MakeRtp(77, 0xABCD, 40, csrcCount: 1, extensionWords: 1);
        var rtpLength = rtp.Length - 64;
        Assert.True(sender.ProtectRtp(rtp, rtpLength, out var rtpProtected));
        var rtcp = MakeRtcp(0xABCD, 40);
        Assert.True(sender.ProtectRtcp(rtcp, 40, out var rtcpProtected));

        for (var at = 0; at < rtpProtected; at++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                using var receiver = Context(profile);
                var tampered = rtp[..rtpProtected];
                tampered[at] ^= (byte)(1 << bit);
                Assert.False(receiver.UnprotectRtp(tampered, out _), $"RTP byte {at} bit {bit}");
            }
        }

        for (var at = 0; at < rtcpProtected; at++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                using var receiver = Context(profile);
                var tampered = rtcp[..rtcpProtected];
                tampered[at] ^= (byte)(1 << bit);
                Assert.False(receiver.UnprotectRtcp(tampered, out _), $"RTCP byte {at} bit {bit}");
            }
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void A_disposed_context_throws(SrtpProfile profile)
    {
        var context = Context(profile);
        context.Dispose();
        Assert.Throws<ObjectDisposedException>(() => context.ProtectRtp(MakeRtp(1, 2, 50), 62, out _));
    }

    [Fact]
    public void Wrong_key_fails_authentication()
    {
        foreach (var profile in Profiles)
        {
            using var sender = Context(profile, seed: 1);
            using var receiver = Context(profile, seed: 2);
            var buffer = MakeRtp(1, 7, 100);
            Assert.True(sender.ProtectRtp(buffer, 112, out var n));
            Assert.False(receiver.UnprotectRtp(buffer.AsSpan(0, n), out _, out var reason));
            Assert.Equal(SrtpErrors.AuthenticationFailed, reason);
        }
    }

    [Fact]
    public void Protect_refuses_a_buffer_without_room_for_the_tag()
    {
        foreach (var profile in Profiles)
        {
            using var sender = Context(profile);
            var buffer = MakeRtp(1, 7, 100);
            Assert.False(sender.ProtectRtp(buffer.AsSpan(0, 112 + sender.RtpOverhead - 1), 112, out _, out var reason));
            Assert.Equal(SrtpErrors.NoRoomForTrailer, reason);
            var rtcp = MakeRtcp(7, 32);
            Assert.False(sender.ProtectRtcp(rtcp.AsSpan(0, 32 + sender.RtcpOverhead - 1), 32, out _, out reason));
            Assert.Equal(SrtpErrors.NoRoomForTrailer, reason);
        }
    }

    [Fact]
    public void Unprotect_refuses_short_and_malformed_packets()
    {
        foreach (var profile in Profiles)
        {
            using var receiver = Context(profile);
            Assert.False(receiver.UnprotectRtp(new byte[20], out _, out var reason));
            Assert.Equal(SrtpErrors.TooShort, reason);
            Assert.False(receiver.UnprotectRtcp(new byte[8 + receiver.RtcpOverhead - 1], out _, out reason));
            Assert.Equal(SrtpErrors.TooShort, reason);

            var badVersion = new byte[40];
            Assert.False(receiver.UnprotectRtp(badVersion, out _, out reason));
            Assert.Equal(SrtpErrors.BadVersion, reason);

            var longCsrcList = new byte[40];
            longCsrcList[0] = 0x8F;
            Assert.False(receiver.UnprotectRtp(longCsrcList, out _, out reason));
            Assert.Equal(SrtpErrors.HeaderTooLong, reason);
        }
    }

    [Fact]
    public void Ssrc_cap_bounds_the_state()
    {
        foreach (var profile in Profiles)
        {
            var (key, salt) = Keys(profile, 5);
            using var sender = new SrtpContext(profile, key, salt, maxSsrcs: 2);
            using var receiver = new SrtpContext(profile, key, salt, maxSsrcs: 2);
            for (uint ssrc = 1; ssrc <= 3; ssrc++)
            {
                var buffer = MakeRtp(1, ssrc, 20);
                var sent = sender.ProtectRtp(buffer, 32, out var n, out var reason);
                Assert.Equal(ssrc <= 2, sent);
                if (sent)
                {
                    Assert.True(receiver.UnprotectRtp(buffer.AsSpan(0, n), out _));
                }
                else
                {
                    Assert.Equal(SrtpErrors.TooManySsrcs, reason);
                }
            }

            sender.RemoveSsrc(1);
            Assert.True(sender.ProtectRtp(MakeRtp(1, 3, 20), 32, out _));
        }
    }

    [Fact]
    public void Keying_material_contexts_pair_up_across_the_two_sides()
    {
        foreach (var profile in Profiles)
        {
            var exported = new byte[profile.KeyingMaterialLength()];
            new Random(9).NextBytes(exported);
            var client = SrtpKeyingMaterial.FromExporter(profile, exported, isDtlsClient: true);
            var server = SrtpKeyingMaterial.FromExporter(profile, exported, isDtlsClient: false);
            using var clientOut = SrtpContext.CreateOutbound(client);
            using var serverIn = SrtpContext.CreateInbound(server);
            var buffer = MakeRtp(10, 99, 50);
            Assert.True(clientOut.ProtectRtp(buffer, 62, out var n));
            Assert.True(serverIn.UnprotectRtp(buffer.AsSpan(0, n), out var plain));
            Assert.Equal(62, plain);
        }
    }
}
