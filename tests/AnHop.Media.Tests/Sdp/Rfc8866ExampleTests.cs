using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

public class Rfc8866ExampleTests
{
    // RFC 8866 §5, the example session description, byte for byte.
    private const string Example =
        "v=0\r\n" +
        "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n" +
        "s=Call to John Smith\r\n" +
        "i=SDP Offer #1\r\n" +
        "u=http://www.jdoe.example.com/home.html\r\n" +
        "e=Jane Doe <jane@jdoe.example.com>\r\n" +
        "p=+1 617 555-6011\r\n" +
        "c=IN IP4 198.51.100.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0\r\n" +
        "m=audio 49180 RTP/AVP 0\r\n" +
        "m=video 51372 RTP/AVP 99\r\n" +
        "c=IN IP6 2001:db8::2\r\n" +
        "a=rtpmap:99 h263-1998/90000\r\n";

    [Fact]
    public void Section5Example_ParsesEveryField()
    {
        var sdp = SdpTestData.Parse(Example);

        Assert.Equal(new SdpOrigin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"), sdp.Origin);
        Assert.Equal("Call to John Smith", sdp.SessionName);
        Assert.Equal("SDP Offer #1", sdp.Information);
        Assert.Equal("http://www.jdoe.example.com/home.html", sdp.Uri);
        Assert.Equal(["Jane Doe <jane@jdoe.example.com>"], sdp.Emails);
        Assert.Equal(["+1 617 555-6011"], sdp.Phones);
        Assert.Equal(new SdpConnection("IN", "IP4", "198.51.100.1"), sdp.Connection);
        Assert.Equal(new SdpTiming(0, 0, []), Assert.Single(sdp.Timings));
        Assert.Empty(sdp.Attributes);

        Assert.Equal(3, sdp.Media.Count);
        Assert.Equal(("audio", 49170, "RTP/AVP"), (sdp.Media[0].Media, sdp.Media[0].Port, sdp.Media[0].Protocol));
        Assert.Equal([(byte)0], sdp.Media[0].PayloadTypes);
        Assert.Equal(49180, sdp.Media[1].Port);
        var video = sdp.Media[2];
        Assert.Equal(("video", 51372), (video.Media, video.Port));
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::2"), Assert.Single(video.Connections));
        Assert.Equal(new RtpMap(99, "h263-1998", 90000), Assert.Single(video.Attributes.RtpMaps));
    }

    [Fact]
    public void Section5Example_WritesBackByteForByte()
    {
        Assert.Equal(Example, SdpTestData.Parse(Example).Write());
    }

    [Fact]
    public void Section5Example_BuiltFromTheModel_WritesTheSameText()
    {
        var sdp = new SessionDescription(new SdpOrigin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"), "Call to John Smith")
        {
            Information = "SDP Offer #1",
            Uri = "http://www.jdoe.example.com/home.html",
            Connection = new SdpConnection("IN", "IP4", "198.51.100.1"),
        };
        sdp.Emails.Add("Jane Doe <jane@jdoe.example.com>");
        sdp.Phones.Add("+1 617 555-6011");
        sdp.Timings.Add(new SdpTiming());
        sdp.Media.Add(new MediaDescription("audio", 49170, "RTP/AVP", ["0"]));
        sdp.Media.Add(new MediaDescription("audio", 49180, "RTP/AVP", ["0"]));
        var video = new MediaDescription("video", 51372, "RTP/AVP", ["99"]);
        video.Connections.Add(new SdpConnection("IN", "IP6", "2001:db8::2"));
        video.Attributes.AddValue(new RtpMap(99, "h263-1998", 90000));
        sdp.Media.Add(video);

        Assert.Equal(Example, sdp.Write());
    }
}
