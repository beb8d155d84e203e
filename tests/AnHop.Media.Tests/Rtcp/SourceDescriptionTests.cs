using System.Text;
using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class SourceDescriptionTests
{
    [Fact]
    public void Two_chunks_with_several_items_and_exact_padding()
    {
        // RFC 3550 §6.5: each chunk's item list ends with a null octet and nulls to the next 32-bit boundary.
        var bytes = RtcpHex.Parse("""
            82 ca 00 06        # V=2 SC=2 PT=202 length=6 -> 28 bytes
            00 00 00 0a        # chunk 1: SSRC 10
            01 02 61 62        # CNAME "ab"
            06 01 74           # TOOL "t"
            00                 # end: 4 + 4 + 3 + 1 = 12, already aligned
            00 00 00 0b        # chunk 2: SSRC 11
            01 03 78 79 7a     # CNAME "xyz"
            00 00 00           # end + 2 nulls: 4 + 5 + 3 = 12
            """);
        Assert.True(SourceDescription.TryParse(bytes, out var sdes, out var reason), reason);
        var text = new StringBuilder();
        foreach (var chunk in sdes.Chunks)
        {
            text.Append(chunk.Ssrc).Append(':');
            foreach (var item in chunk.Items)
            {
                text.Append((int)item.Type).Append('=').Append(Encoding.ASCII.GetString(item.Text)).Append(';');
            }
        }

        Assert.Equal("10:1=ab;6=t;11:1=xyz;", text.ToString());

        var buffer = new byte[64];
        var writer = new SourceDescriptionWriter(buffer);
        Assert.True(writer.TryAddChunk(10));
        Assert.True(writer.TryAddItem(SdesItemType.Cname, "ab"u8));
        Assert.True(writer.TryAddItem(SdesItemType.Tool, "t"u8));
        Assert.True(writer.TryAddChunk(11));
        Assert.True(writer.TryAddItem(SdesItemType.Cname, "xyz"u8));
        Assert.True(writer.TryFinish(out var n));
        Assert.Equal(RtcpHex.ToHex(bytes), RtcpHex.ToHex(buffer.AsSpan(0, n)));
    }

    [Fact]
    public void A_chunk_without_items_is_its_ssrc_and_four_nulls()
    {
        var buffer = new byte[16];
        var writer = new SourceDescriptionWriter(buffer);
        Assert.True(writer.TryAddChunk(7));
        Assert.True(writer.TryFinish(out var n));
        Assert.Equal("81ca00020000000700000000", RtcpHex.ToHex(buffer.AsSpan(0, n)));
    }

    [Theory]
    [InlineData("81ca0002 00000001 01050000", "SDES item runs past the packet")]
    [InlineData("81ca0002 00000001 01026162", "SDES item list not terminated by a null octet")]
    [InlineData("81ca0001 000001", "RTCP length field exceeds the data")]
    [InlineData("82ca0002 00000001 00000000", "SDES chunk shorter than its SSRC")]
    public void Malformed_sdes_is_refused_with_a_reason(string hex, string expected)
    {
        Assert.False(SourceDescription.TryParse(RtcpHex.Parse(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Writer_refuses_what_does_not_fit_or_is_not_allowed()
    {
        var writer = new SourceDescriptionWriter(new byte[12]);
        Assert.True(writer.TryAddChunk(1));
        Assert.False(writer.TryAddItem(SdesItemType.Cname, "abcdefgh"u8));
        Assert.False(writer.TryFinish(out _));

        var noChunk = new SourceDescriptionWriter(new byte[64]);
        Assert.False(noChunk.TryAddItem(SdesItemType.Cname, "a"u8));
        Assert.False(new SourceDescriptionWriter(new byte[64]).TryFinish(out _));

        var tooLong = new SourceDescriptionWriter(new byte[600]);
        Assert.True(tooLong.TryAddChunk(1));
        Assert.False(tooLong.TryAddItem(SdesItemType.Note, new byte[256]));

        Assert.False(SourceDescription.TryWriteCname(new byte[SourceDescription.GetCnameWrittenLength(16) - 1], 1, new byte[16], out _));
        Assert.True(SourceDescription.TryWriteCname(new byte[SourceDescription.GetCnameWrittenLength(16)], 1, new byte[16], out var n));
        Assert.Equal(28, n);
    }
}
