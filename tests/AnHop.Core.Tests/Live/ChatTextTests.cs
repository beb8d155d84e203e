using AnHop.Core.Meetings.Live;

namespace AnHop.Core.Tests.Live;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("Xin chào\u202Ecả nhà\u2066!", "Xin chàocả nhà!")]
    [InlineData("dòng 1\r\ndòng 2", "dòng 1\ndòng 2")]
    public void Bidi_overrides_are_removed_and_newlines_kept(string text, string expected) =>
        Assert.Equal(expected, ChatText.Clean(text, out _));

    [Theory]
    [InlineData("bell\a")]
    [InlineData("tab\there")]
    [InlineData("   ")]
    public void Control_characters_and_empty_text_are_refused(string text)
    {
        Assert.Null(ChatText.Clean(text, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused() =>
        Assert.Null(ChatText.Clean(new string('a', ChatText.MaxLength + 1), out _));

    [Theory]
    [InlineData("https://example.vn/x", true)]
    [InlineData(@"\\10.0.0.5\share", true)]
    [InlineData("www.example", true)]
    [InlineData("xem tailieu.gov.vn nhé", true)]
    [InlineData("Họp lúc 9.30, phòng 2.", false)]
    [InlineData("Cảm ơn anh chị. Hẹn gặp lại!", false)]
    public void Link_like_text_is_recognised(string text, bool link) => Assert.Equal(link, ChatText.ContainsLink(text));
}
