using AnHop.Media.Srtp;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>Hostile bytes into every SRTP entry point that reads the wire: nothing may throw or over-read.</summary>
public class SrtpFuzzTests
{
    private static List<byte[]> RtpSeeds(SrtpContext sender)
    {
        var seeds = new List<byte[]>();
        for (var i = 0; i < 12; i++)
        {
            var buffer = MakeRtp((ushort)(i * 6000), 0xF00D + (uint)(i % 3), 10 + (i * 37), csrcCount: i % 4, extensionWords: (i % 3) - 1);
            Assert.True(sender.ProtectRtp(buffer, buffer.Length - 64, out var n));
            seeds.Add(buffer[..n]);
        }

        return seeds;
    }

    private static List<byte[]> RtcpSeeds(SrtpContext sender)
    {
        var seeds = new List<byte[]>();
        for (var i = 0; i < 12; i++)
        {
            var length = 8 + (4 * i * 5);
            var buffer = MakeRtcp(0xBEEF + (uint)(i % 3), length);
            Assert.True(sender.ProtectRtcp(buffer, length, out var n));
            seeds.Add(buffer[..n]);
        }

        return seeds;
    }

    [Fact]
    public void Rtp_header_parser_survives_fuzzing()
    {
        using var sender = Context(SrtpProfile.Aes128CmHmacSha1_80);
        Fuzzer.Run("srtp-rtp-header", static input =>
        {
            if (SrtpRtpHeader.TryParse(input, out var header, out _) && header.Length > input.Length)
            {
                throw new InvalidOperationException("header longer than its input");
            }
        }, RtpSeeds(sender));
    }

    [Fact]
    public void Rtcp_header_parser_survives_fuzzing() =>
        Fuzzer.Run("srtp-rtcp-header", static input => SrtcpHeader.TryParse(input, out _, out _), [MakeRtcp(1, 28)[..28]]);

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void UnprotectRtp_survives_fuzzing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var scratch = new byte[2048];
        Fuzzer.Run($"srtp-unprotect-rtp-{profile}", input =>
        {
            input.CopyTo(scratch);
            if (receiver.UnprotectRtp(scratch.AsSpan(0, input.Length), out var n) && n > input.Length)
            {
                throw new InvalidOperationException("plain length past the input");
            }
        }, RtpSeeds(sender));
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void UnprotectRtcp_survives_fuzzing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var scratch = new byte[2048];
        Fuzzer.Run($"srtp-unprotect-rtcp-{profile}", input =>
        {
            input.CopyTo(scratch);
            if (receiver.UnprotectRtcp(scratch.AsSpan(0, input.Length), out var n) && n > input.Length)
            {
                throw new InvalidOperationException("plain length past the input");
            }
        }, RtcpSeeds(sender));
    }
}
