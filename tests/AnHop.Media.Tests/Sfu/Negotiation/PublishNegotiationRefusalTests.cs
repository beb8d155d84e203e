using System.Text;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Tests.Sdp;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

/// <summary>Offers the SFU must refuse, each with a reason, and never by throwing.</summary>
public class PublishNegotiationRefusalTests
{
    private const string Sha1Fingerprint = "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB";

    public static TheoryData<string, string, string?, string> Mutations => new()
    {
        { "no fingerprint", "a=fingerprint:", null, "no a=fingerprint" },
        { "sha-1 fingerprint only", "a=fingerprint:", Sha1Fingerprint, "no valid sha-256 a=fingerprint" },
        { "malformed sha-256 fingerprint", "a=fingerprint:", "a=fingerprint:sha-256 F5:D3:ZZ", "no valid sha-256 a=fingerprint" },
        { "no BUNDLE", "a=group:BUNDLE", null, "no a=group:BUNDLE" },
        { "BUNDLE of an unknown mid", "a=group:BUNDLE", "a=group:BUNDLE 0 7", "unknown or repeated mid" },
        { "no rtcp-mux", "a=rtcp-mux", null, "has no a=rtcp-mux" },
        { "no ice-pwd", "a=ice-pwd:", null, "no a=ice-pwd" },
        { "no ice-ufrag", "a=ice-ufrag:", null, "no a=ice-ufrag" },
        { "short ice-ufrag", "a=ice-ufrag:", "a=ice-ufrag:ab", "a=ice-ufrag is not 4 to 256 ice-chars" },
        { "short ice-pwd", "a=ice-pwd:", "a=ice-pwd:short", "a=ice-pwd is not 22 to 256 ice-chars" },
        { "setup passive", "a=setup:", "a=setup:passive", "a=setup must be actpass or active" },
        { "no setup", "a=setup:", null, "a=setup must be actpass or active" },
        { "no mid", "a=mid:", null, "has no a=mid" },
        { "shared mid", "a=mid:", "a=mid:0", "share a=mid:0" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void HostileAudioVideoOffer_IsRefusedWithAReason(string what, string prefix, string? replacement, string expected)
    {
        var reason = Refusal(Edit(Capture(SdpTestData.AudioVideo), prefix, replacement));

        Assert.True(reason.Contains(expected, StringComparison.Ordinal), $"{what}: {reason}");
    }

    [Fact]
    public void OfferOf70KiB_IsRefusedBeforeParsing()
    {
        var offer = new StringBuilder(Capture(SdpTestData.AudioVideo));
        while (offer.Length < 70 * 1024)
        {
            offer.Append("a=x-padding:0123456789012345678901234567890123456789012345678901234567890123456789\r\n");
        }

        Assert.StartsWith("offer is not valid SDP: ", Refusal(offer.ToString()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "offer is not valid SDP")]
    [InlineData("hello", "offer is not valid SDP")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n", "offer has no m-lines")]
    public void NonOffers_AreRefused(string offer, string expected) =>
        Assert.StartsWith(expected, Refusal(offer), StringComparison.Ordinal);

    [Fact]
    public void NullOffer_IsRefused()
    {
        Assert.False(PublishNegotiation.TryAnswer(null!, SfuTransport, SfuCapabilities.Default, out var answer, out var reason));
        Assert.Null(answer);
        Assert.Equal("no offer", reason);
    }

    [Fact]
    public void OfferOfMoreThan32MLines_IsRefused()
    {
        var offer = new StringBuilder("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n");
        for (var i = 0; i < 33; i++)
        {
            offer.Append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:").Append(i).Append("\r\n");
        }

        Assert.Equal("offer has more than 32 m-lines", Refusal(offer.ToString()));
    }
}
