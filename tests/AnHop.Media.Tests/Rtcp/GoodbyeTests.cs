using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class GoodbyeTests
{
    [Fact]
    public void Bye_with_reason_matches_rfc3550_section_6_6_layout()
    {
        var bytes = RtcpHex.Parse("""
            82 cb 00 04        # V=2 SC=2 PT=203 length=4 -> 20 bytes
            00 00 00 01        # SSRC 1
            00 00 00 02        # SSRC 2
            05 62 79 65 21 21  # reason: length 5, "bye!!"
            00 00              # zero padding to the 32-bit boundary
            """);
        Assert.True(Goodbye.TryParse(bytes, out var bye, out var reason), reason);
        Assert.Equal(2, bye.SourceCount);
        Assert.Equal(1u, bye.GetSsrc(0));
        Assert.Equal(2u, bye.GetSsrc(1));
        Assert.True(bye.HasReason);
        Assert.Equal("bye!!"u8.ToArray(), bye.Reason.ToArray());

        var buffer = new byte[32];
        Assert.True(Goodbye.TryWrite(buffer, [1, 2], "bye!!"u8, out var n));
        Assert.Equal(RtcpHex.ToHex(bytes), RtcpHex.ToHex(buffer.AsSpan(0, n)));
    }

    [Fact]
    public void Bye_without_reason()
    {
        var buffer = new byte[8];
        Assert.True(Goodbye.TryWrite(buffer, [0xABCDEF01], default, out var n));
        Assert.Equal("81cb0001abcdef01", RtcpHex.ToHex(buffer.AsSpan(0, n)));
        Assert.True(Goodbye.TryParse(buffer, out var bye));
        Assert.False(bye.HasReason);
        Assert.True(bye.Reason.IsEmpty);
    }

    [Theory]
    [InlineData("82cb0001 00000001", "BYE shorter than its SSRC list")]
    [InlineData("81cb0002 00000001 09616263", "BYE reason runs past the packet")]
    public void Malformed_bye_is_refused(string hex, string expected)
    {
        Assert.False(Goodbye.TryParse(RtcpHex.Parse(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Bye_writer_refuses_a_short_buffer()
    {
        Assert.False(Goodbye.TryWrite(new byte[11], [1], "x"u8, out _));
        Assert.True(Goodbye.TryWrite(new byte[12], [1], "x"u8, out var n));
        Assert.Equal(12, n);
    }
}
