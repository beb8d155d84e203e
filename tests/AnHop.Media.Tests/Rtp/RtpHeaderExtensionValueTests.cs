using AnHop.Media.Rtp;

namespace AnHop.Media.Tests.Rtp;

public class RtpHeaderExtensionValueTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("audio")]
    [InlineData("a!#$%&'*+-.^_`{|}~Z9")]
    public void Mid_accepts_sdp_token_characters(string mid)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(mid);
        Assert.True(SdesMidExtension.TryParse(bytes, out var parsed, out var reason), reason);
        Assert.Equal(bytes, parsed.ToArray());
        Span<byte> buffer = stackalloc byte[32];
        Assert.True(SdesMidExtension.TryWrite(buffer, bytes, out var written));
        Assert.Equal(bytes, buffer[..written].ToArray());
    }

    [Theory]
    [InlineData("", RtpParseReasons.ExtensionValueLength)]
    [InlineData("20", RtpParseReasons.ExtensionValueCharacters)]   // space
    [InlineData("3100", RtpParseReasons.ExtensionValueCharacters)] // "1" then NUL
    [InlineData("22", RtpParseReasons.ExtensionValueCharacters)]   // '"'
    [InlineData("28", RtpParseReasons.ExtensionValueCharacters)]   // '('
    [InlineData("C3A9", RtpParseReasons.ExtensionValueCharacters)] // UTF-8 'é'
    [InlineData("7F", RtpParseReasons.ExtensionValueCharacters)]   // DEL
    public void Mid_refuses_non_token_bytes(string hex, string expected)
    {
        Assert.False(SdesMidExtension.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
        Assert.False(SdesMidExtension.TryWrite(new byte[8], Convert.FromHexString(hex), out _));
    }

    [Theory]
    [InlineData("h", true)]
    [InlineData("q", true)]
    [InlineData("hi-res_2", true)]
    [InlineData("", false)]
    [InlineData("a.b", false)]
    [InlineData("a b", false)]
    [InlineData("a~", false)]
    public void Rid_allows_rfc8851_rid_id_characters(string rid, bool valid)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(rid);
        Assert.Equal(valid, RtpStreamIdExtension.TryParse(bytes, out var parsed));
        Assert.Equal(valid, RtpStreamIdExtension.IsValid(bytes));
        Assert.Equal(valid, RtpStreamIdExtension.TryWrite(new byte[16], bytes, out var written));
        if (valid)
        {
            Assert.Equal(bytes, parsed.ToArray());
            Assert.Equal(bytes.Length, written);
        }
    }

    [Fact]
    public void Writers_report_a_short_destination()
    {
        Assert.False(SdesMidExtension.TryWrite(new byte[2], "abc"u8, out _));
        Assert.False(RtpStreamIdExtension.TryWrite(new byte[2], "abc"u8, out _));
        Assert.False(AudioLevelExtension.TryWrite([], new AudioLevel(true, 1), out _));
        Assert.False(AbsSendTimeExtension.TryWrite(new byte[2], 1, out _));
        Assert.False(TransportWideSequenceNumberExtension.TryWrite(new byte[1], 1, out _));
    }

    [Theory]
    [InlineData(0xA8, true, 40)]  // RFC 6464 §3: V=1, level 40 -dBov
    [InlineData(0x7F, false, 127)] // silence
    [InlineData(0x80, true, 0)]   // loudest, voiced
    [InlineData(0x00, false, 0)]
    public void Audio_level_splits_voice_flag_and_level(byte raw, bool voice, byte level)
    {
        Assert.True(AudioLevelExtension.TryParse([raw], out var parsed));
        Assert.Equal(new AudioLevel(voice, level), parsed);
        Span<byte> buffer = stackalloc byte[1];
        Assert.True(AudioLevelExtension.TryWrite(buffer, parsed, out var written));
        Assert.Equal(1, written);
        Assert.Equal(raw, buffer[0]);
    }

    [Fact]
    public void Audio_level_refuses_wrong_lengths_and_levels_above_127()
    {
        Assert.False(AudioLevelExtension.TryParse([], out _, out var reason));
        Assert.Equal(RtpParseReasons.ExtensionValueLength, reason);
        Assert.False(AudioLevelExtension.TryParse([0x80, 0x00], out _));
        Assert.False(AudioLevelExtension.TryWrite(new byte[1], new AudioLevel(false, 128), out _));
    }

    [Fact]
    public void Abs_send_time_is_6_18_fixed_point_seconds()
    {
        Assert.True(AbsSendTimeExtension.TryParse([0x04, 0x00, 0x00], out var oneSecond));
        Assert.Equal(1u << 18, oneSecond);
        Assert.Equal(TimeSpan.FromSeconds(1), AbsSendTimeExtension.ToTimeSpan(oneSecond));
        Assert.Equal(TimeSpan.FromSeconds(0.5), AbsSendTimeExtension.ToTimeSpan(0x020000));
        Assert.Equal(0x060000u, AbsSendTimeExtension.FromTimeSpan(TimeSpan.FromSeconds(65.5))); // wraps at 64 s
        Assert.Equal(0xFE0000u, AbsSendTimeExtension.FromTimeSpan(TimeSpan.FromSeconds(63.5)));
        Assert.Equal(0u, AbsSendTimeExtension.FromTimeSpan(TimeSpan.FromSeconds(64) - TimeSpan.FromTicks(1))); // rounds up, wraps
        Assert.Throws<ArgumentOutOfRangeException>(() => AbsSendTimeExtension.FromTimeSpan(TimeSpan.FromTicks(-1)));
        // NTP 32.32: the middle 24 bits, 6 bits of seconds and 18 of fraction.
        Assert.Equal(0xE20000u, AbsSendTimeExtension.FromNtpTime(0x12345678_80000000UL));

        Span<byte> buffer = stackalloc byte[3];
        Assert.True(AbsSendTimeExtension.TryWrite(buffer, 0xFF0A3C51, out var written));
        Assert.Equal(3, written);
        Assert.Equal("0A3C51", Convert.ToHexString(buffer));
        Assert.False(AbsSendTimeExtension.TryParse([0x01, 0x02], out _, out var reason));
        Assert.Equal(RtpParseReasons.ExtensionValueLength, reason);
    }

    [Fact]
    public void Transport_wide_sequence_number_is_16_bit_big_endian()
    {
        Assert.True(TransportWideSequenceNumberExtension.TryParse([0x04, 0xD2], out var sequence));
        Assert.Equal(1234, sequence);
        Span<byte> buffer = stackalloc byte[2];
        Assert.True(TransportWideSequenceNumberExtension.TryWrite(buffer, 0xBEEF, out var written));
        Assert.Equal(2, written);
        Assert.Equal("BEEF", Convert.ToHexString(buffer));
        Assert.False(TransportWideSequenceNumberExtension.TryParse([0x04], out _, out var reason));
        Assert.Equal(RtpParseReasons.ExtensionValueLength, reason);
        Assert.False(TransportWideSequenceNumberExtension.TryParse([0x04, 0xD2, 0x00], out _));
    }
}
