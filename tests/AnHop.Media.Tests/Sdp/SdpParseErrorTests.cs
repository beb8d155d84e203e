using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

public class SdpParseErrorTests
{
    private const string Minimal = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    public static TheoryData<string, string> Refused => new()
    {
        { "", SdpParseReason.Empty },
        { "o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "line 1: " + SdpParseReason.FirstLineNotVersion },
        { "v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "line 1: " + SdpParseReason.UnsupportedVersion },
        { "v=0\r\ns=-\r\nt=0 0\r\n", "line 2: " + SdpParseReason.MissingOrigin },
        { "v=0\r\n", SdpParseReason.MissingOrigin },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", "line 3: " + SdpParseReason.MissingSessionName },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", SdpParseReason.MissingSessionName },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", SdpParseReason.MissingTiming },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=ice-lite\r\n", "line 4: " + SdpParseReason.MissingTiming },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n", "line 4: " + SdpParseReason.MissingTiming },
        { "v=0\r\no=- x 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "line 2: " + SdpParseReason.BadOrigin },
        { "v=0\r\no=- 1 2 IN IP4\r\ns=-\r\nt=0 0\r\n", "line 2: " + SdpParseReason.BadOrigin },
        { "v=0\r\no=-  1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "line 2: " + SdpParseReason.BadOrigin },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=\r\nt=0 0\r\n", "line 3: " + SdpParseReason.EmptyValue },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\ns=-\r\nt=0 0\r\n", "line 4: " + SdpParseReason.Duplicate },
        { "v=0\r\nv=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "line 2: " + SdpParseReason.Duplicate },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nc=IN IP4 1.2.3.4\r\n", "line 5: " + SdpParseReason.OutOfOrder },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0\r\n", "line 4: " + SdpParseReason.BadTiming },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nb=AS:x\r\nt=0 0\r\n", "line 4: " + SdpParseReason.BadBandwidth },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n", "line 4: " + SdpParseReason.BadConnection },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nx=1\r\n", "line 5: " + SdpParseReason.UnknownType },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nhello\r\n", "line 5: " + SdpParseReason.NotTypeEqualsValue },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\r\na=ice-lite\r\n", "line 5: " + SdpParseReason.EmptyLine },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x\ry\r\n", "line 5: " + SdpParseReason.ControlCharacter },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x\0\r\n", "line 5: " + SdpParseReason.ControlCharacter },
        { Minimal + "a=\r\n", "line 5: " + SdpParseReason.AttributeWithoutValue },
        { Minimal + "a=bad name\r\n", "line 5: " + SdpParseReason.BadAttributeName },
        { Minimal + "a=:value\r\n", "line 5: " + SdpParseReason.BadAttributeName },
        { Minimal + "m=audio 9 RTP/AVP\r\n", "line 5: " + SdpParseReason.MissingFormats },
        { Minimal + "m=audio\r\n", "line 5: " + SdpParseReason.BadMediaLine },
        { Minimal + "m=audio  9 RTP/AVP 0\r\n", "line 5: " + SdpParseReason.BadMediaLine },
        { Minimal + "m=audio 65536 RTP/AVP 0\r\n", "line 5: " + SdpParseReason.PortOutOfRange },
        { Minimal + "m=audio -1 RTP/AVP 0\r\n", "line 5: " + SdpParseReason.PortOutOfRange },
        { Minimal + "m=audio 9/0 RTP/AVP 0\r\n", "line 5: " + SdpParseReason.PortOutOfRange },
        { Minimal + "m=audio 9 RTP//AVP 0\r\n", "line 5: " + SdpParseReason.BadProtocol },
        { Minimal + "m=audio 9 UDP/TLS/RTP/SAVPF 128\r\n", "line 5: " + SdpParseReason.PayloadTypeOutOfRange },
        { Minimal + "m=audio 9 UDP/TLS/RTP/SAVPF 96 99999999999\r\n", "line 5: " + SdpParseReason.PayloadTypeOutOfRange },
        { Minimal + "m=audio 9 UDP/TLS/RTP/SAVPF opus\r\n", "line 5: " + SdpParseReason.BadFormat },
        { Minimal + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n", "line 6: " + SdpParseReason.OutOfOrder },
        { Minimal + "m=audio 9 RTP/AVP 0\r\na=mid:0\r\nc=IN IP4 0.0.0.0\r\n", "line 7: " + SdpParseReason.OutOfOrder },
        { Minimal + "m=audio 9 RTP/AVP 0\r\na=\r\n", "line 6: " + SdpParseReason.AttributeWithoutValue },
        { Minimal + "m=audio 9 RTP/AVP 0\r\ni=a\r\ni=b\r\n", "line 7: " + SdpParseReason.Duplicate },
        { Minimal + "m=audio 9 RTP/AVP 0\r\ny=1\r\n", "line 6: " + SdpParseReason.UnknownType },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_WithLineNumberAndReason(string text, string expected)
    {
        Assert.False(SessionDescription.TryParse(text, out var sdp, out var reason));
        Assert.Null(sdp);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void AttributeWithoutValue_NamesItsLine()
    {
        var text = SdpTestData.Read(SdpTestData.Simulcast).Split("\r\n");
        text[11] = "a=";

        Assert.False(SessionDescription.TryParse(string.Join("\r\n", text), out _, out var reason));

        Assert.Equal("line 12: a= line without value", reason);
    }

    [Fact]
    public void InputOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var text = Minimal + string.Concat(Enumerable.Repeat("a=x-padding:0123456789abcdef\r\n", 3000));
        Assert.True(text.Length > SessionDescription.MaxLength);

        Assert.False(SessionDescription.TryParse(text, out _, out var reason));

        Assert.Equal(SdpParseReason.TooLarge, reason);
    }

    [Fact]
    public void Utf8Bytes_ParseLikeTheText()
    {
        var bytes = SdpTestData.ReadBytes(SdpTestData.AudioVideo);

        Assert.True(SessionDescription.TryParse(bytes, out var sdp, out var reason), reason);

        Assert.Equal(SdpTestData.Parse(SdpTestData.Read(SdpTestData.AudioVideo)), sdp);
        Assert.False(SessionDescription.TryParse(new byte[SessionDescription.MaxLength + 1], out _, out reason));
        Assert.Equal(SdpParseReason.TooLarge, reason);
    }

    [Fact]
    public void NonAsciiText_IsKeptInTextFields()
    {
        var sdp = SdpTestData.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=Réunion 会議\r\nt=0 0\r\na=x-label:écran\r\n");

        Assert.Equal("Réunion 会議", sdp.SessionName);
        Assert.Equal("écran", sdp.Attributes.GetValue("x-label"));
    }

    [Fact]
    public void NullInput_IsEmpty()
    {
        Assert.False(SessionDescription.TryParse((string?)null, out _, out var reason));
        Assert.Equal(SdpParseReason.Empty, reason);
    }

    [Theory]
    [InlineData(Minimal)]
    [InlineData("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n")]
    [InlineData("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\na=ice-lite")]
    public void LineEnds_CrlfLfAndAMissingFinalBreakAreAccepted(string text)
    {
        var sdp = SdpTestData.Parse(text);

        Assert.EndsWith("t=0 0\r\n", sdp.Write().Replace("a=ice-lite\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void PortZeroAndPortCountAndNonRtpFormats_AreAccepted()
    {
        var sdp = SdpTestData.Parse(Minimal +
            "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\n" +
            "m=video 49170/2 RTP/AVP 31 127\r\n" +
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n");

        Assert.Equal(0, sdp.Media[0].Port);
        Assert.Equal((49170, (int?)2), (sdp.Media[1].Port, sdp.Media[1].PortCount));
        Assert.Equal(["webrtc-datachannel"], sdp.Media[2].Formats);
        Assert.False(sdp.Media[2].IsRtp);
        Assert.Empty(sdp.Media[2].PayloadTypes);
    }

    [Fact]
    public void Writer_RefusesValuesThatWouldInjectLines()
    {
        var sdp = SdpTestData.Parse(Minimal);
        sdp.SessionName = "x\r\na=injected";

        Assert.Throws<InvalidOperationException>(() => sdp.Write());
        Assert.Throws<ArgumentException>(() => new SdpAttribute("mid", "0\r\na=injected"));
        Assert.Throws<ArgumentException>(() => new SdpAttribute("bad name"));
    }

    public static TheoryData<MediaDescription> UnwritableMedia => new()
    {
        new MediaDescription("audio", 70000, "RTP/AVP", ["0"]),
        new MediaDescription("audio", 9, "RTP/AVP", ["0"]) { PortCount = 0 },
        new MediaDescription("audio", 9, "RTP/AVP", ["128"]),
        new MediaDescription("audio", 9, "RTP/AVP"),
        new MediaDescription("audio video", 9, "RTP/AVP", ["0"]),
    };

    [Theory]
    [MemberData(nameof(UnwritableMedia))]
    public void Writer_RefusesAnMLineThatWouldNotParse(MediaDescription media)
    {
        var sdp = SdpTestData.Parse(Minimal);
        sdp.Media.Add(media);

        Assert.Throws<InvalidOperationException>(() => sdp.Write());
    }

    [Fact]
    public void Writer_RefusesOriginAndConnectionFieldsWithSpaces()
    {
        var sdp = SdpTestData.Parse(Minimal);
        sdp.Origin = sdp.Origin with { Username = "two words" };
        Assert.Throws<InvalidOperationException>(() => sdp.Write());

        sdp = SdpTestData.Parse(Minimal);
        sdp.Connection = new SdpConnection("IN", "IP4", "1.2.3.4 5");
        Assert.Throws<InvalidOperationException>(() => sdp.Write());
    }
}
