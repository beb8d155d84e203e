using AnHop.Media.Rtp;

namespace AnHop.Media.Tests.Rtp;

public class RtpHeaderExtensionsTests
{
    private static List<(byte Id, string Value, int Offset)> Elements(RtpHeaderExtensions extensions)
    {
        var list = new List<(byte, string, int)>();
        foreach (var element in extensions)
        {
            list.Add((element.Id, Convert.ToHexString(element.Value), element.ValueOffset));
        }

        return list;
    }

    [Fact]
    public void Rfc8285_4_2_one_byte_example_layout_parses()
    {
        Assert.True(RtpHeaderExtensions.TryParse(RtpTestData.Rfc8285OneByteBlock, out var extensions, out var reason), reason);
        Assert.Equal(RtpHeaderExtensionForm.OneByte, extensions.Form);
        Assert.Equal(12, extensions.Data.Length);
        Assert.Equal([(1, "AA", 1), (2, "BBCC", 3), (3, "01020304", 8)], Elements(extensions));
    }

    [Fact]
    public void Rfc8285_4_3_two_byte_example_layout_parses()
    {
        Assert.True(RtpHeaderExtensions.TryParse(RtpTestData.Rfc8285TwoByteBlock, out var extensions, out var reason), reason);
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, extensions.Form);
        Assert.Equal(0, extensions.AppBits);
        Assert.Equal([(1, "", 2), (2, "BB", 4), (3, "01020304", 8)], Elements(extensions));
    }

    [Theory]
    [InlineData((ushort)0xBEDE, RtpHeaderExtensionForm.OneByte)]
    [InlineData((ushort)0x1000, RtpHeaderExtensionForm.TwoByte)]
    [InlineData((ushort)0x100F, RtpHeaderExtensionForm.TwoByte)]
    [InlineData((ushort)0x1010, RtpHeaderExtensionForm.Unknown)]
    [InlineData((ushort)0x0000, RtpHeaderExtensionForm.Unknown)]
    [InlineData((ushort)0xBEDF, RtpHeaderExtensionForm.Unknown)]
    public void Profile_selects_the_form(ushort profile, RtpHeaderExtensionForm form) =>
        Assert.Equal(form, RtpHeaderExtensions.FormOf(profile));

    [Fact]
    public void One_byte_id_15_ends_the_block()
    {
        // RFC 8285 §4.2: ID 15 stops processing; its length field is ignored.
        Assert.True(RtpHeaderExtensions.TryParse(Convert.FromHexString("BEDE0002" + "10AA" + "F0" + "21BBCC" + "0000"), out var extensions));
        Assert.Equal([(1, "AA", 1)], Elements(extensions));
        Assert.True(extensions.IsWellFormed());
    }

    [Fact]
    public void An_element_running_past_the_block_is_malformed()
    {
        Assert.False(RtpHeaderExtensions.TryParse(Convert.FromHexString("BEDE0001" + "10AA" + "31BB"), out _, out var reason));
        Assert.Equal(RtpParseReasons.ExtensionElementOverflow, reason);
        Assert.False(RtpHeaderExtensions.TryParse(Convert.FromHexString("10000001" + "0100" + "0502"), out _, out reason));
        Assert.Equal(RtpParseReasons.ExtensionElementOverflow, reason);
        // Two-byte id in the last byte, with no room for its length byte.
        Assert.False(RtpHeaderExtensions.TryParse(Convert.FromHexString("10000001" + "000000" + "07"), out _, out reason));
        Assert.Equal(RtpParseReasons.ExtensionElementOverflow, reason);

        // In a packet the walk still yields the elements before the bad one.
        var enumerator = new RtpHeaderExtensions(0xBEDE, Convert.FromHexString("10AA31BB")).GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.Equal(1, enumerator.Current.Id);
        Assert.False(enumerator.MoveNext());
        Assert.True(enumerator.Malformed);
    }

    [Theory]
    [InlineData("", RtpParseReasons.ExtensionBlockTooShort)]
    [InlineData("BEDE00", RtpParseReasons.ExtensionBlockTooShort)]
    [InlineData("BEDE0001", RtpParseReasons.ExtensionOverflow)]
    [InlineData("BEDE000210AA0000", RtpParseReasons.ExtensionOverflow)]
    public void Short_blocks_are_refused(string hex, string expected)
    {
        Assert.False(RtpHeaderExtensions.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Unknown_profiles_are_opaque_and_yield_no_elements()
    {
        Assert.True(RtpHeaderExtensions.TryParse(Convert.FromHexString("ABCD0001" + "10AA0000"), out var extensions));
        Assert.Equal(RtpHeaderExtensionForm.Unknown, extensions.Form);
        Assert.Empty(Elements(extensions));
        Assert.False(extensions.TryFind(1, out ReadOnlySpan<byte> _));
    }

    [Fact]
    public void TryFind_returns_the_first_match_and_never_finds_id_0()
    {
        var extensions = new RtpHeaderExtensions(0xBEDE, Convert.FromHexString("10AA10BB000000"));
        Assert.True(extensions.TryFind(1, out ReadOnlySpan<byte> value));
        Assert.Equal([0xAA], value.ToArray());
        Assert.False(extensions.TryFind(0, out value));
        Assert.False(extensions.TryFind(2, out value));
    }

    [Fact]
    public void Writer_reproduces_the_rfc8285_4_2_block_up_to_padding_placement()
    {
        Span<byte> block = stackalloc byte[32];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.True(writer.TryAdd(1, [0xAA]));
        Assert.True(writer.TryAdd(2, [0xBB, 0xCC]));
        Assert.True(writer.TryAdd(3, [0x01, 0x02, 0x03, 0x04]));
        Assert.True(writer.TryFinish(out var written));
        // The writer packs the elements and pads at the end instead of in the middle.
        Assert.Equal("BEDE0003" + "10AA" + "21BBCC" + "3301020304" + "0000", Convert.ToHexString(block[..written]));
    }

    [Fact]
    public void Writer_reproduces_the_rfc8285_4_3_block_up_to_padding_placement()
    {
        Span<byte> block = stackalloc byte[32];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.TwoByte);
        Assert.True(writer.TryAdd(1, []));
        Assert.True(writer.TryAdd(2, [0xBB]));
        Assert.True(writer.TryAdd(3, [0x01, 0x02, 0x03, 0x04]));
        Assert.True(writer.TryFinish(out var written));
        Assert.Equal("10000003" + "0100" + "0201BB" + "030401020304" + "00", Convert.ToHexString(block[..written]));
    }

    [Fact]
    public void Writer_refuses_what_the_form_cannot_carry()
    {
        Span<byte> block = stackalloc byte[300];
        var oneByte = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.False(oneByte.TryAdd(0, [1]));
        Assert.False(oneByte.TryAdd(15, [1]));
        Assert.False(oneByte.TryAdd(1, []));
        Assert.False(oneByte.TryAdd(1, new byte[17]));
        Assert.True(oneByte.TryAdd(14, new byte[16]));

        var twoByte = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.TwoByte, appBits: 0x5);
        Assert.False(twoByte.TryAdd(0, [1]));
        Assert.False(twoByte.TryAdd(1, new byte[256]));
        Assert.True(twoByte.TryAdd(255, new byte[255]));
        Assert.True(twoByte.TryFinish(out var written));
        Assert.Equal(264, written);
        Assert.Equal(0x10, block[0]);
        Assert.Equal(0x05, block[1]);

        Assert.Equal(RtpHeaderExtensionForm.OneByte, RtpHeaderExtensionWriter.FormFor(14, 16));
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, RtpHeaderExtensionWriter.FormFor(15, 1));
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, RtpHeaderExtensionWriter.FormFor(1, 0));
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, RtpHeaderExtensionWriter.FormFor(1, 17));
        var unknown = new byte[8];
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeaderExtensionWriter(unknown, RtpHeaderExtensionForm.Unknown));
    }

    [Fact]
    public void Writer_reports_a_short_destination()
    {
        Span<byte> tiny = stackalloc byte[3];
        var none = new RtpHeaderExtensionWriter(tiny, RtpHeaderExtensionForm.OneByte);
        Assert.False(none.TryAdd(1, [1]));
        Assert.False(none.TryFinish(out _));

        Span<byte> small = stackalloc byte[6];
        var writer = new RtpHeaderExtensionWriter(small, RtpHeaderExtensionForm.OneByte);
        Assert.True(writer.TryAdd(1, [1]));
        Assert.False(writer.TryAdd(2, [1, 2]));
        Assert.False(writer.TryFinish(out _)); // 6 bytes used, 8 needed once padded

        Span<byte> empty = stackalloc byte[4];
        Assert.True(new RtpHeaderExtensionWriter(empty, RtpHeaderExtensionForm.OneByte).TryFinish(out var written));
        Assert.Equal(4, written);
        Assert.Equal("BEDE0000", Convert.ToHexString(empty));
    }
}
