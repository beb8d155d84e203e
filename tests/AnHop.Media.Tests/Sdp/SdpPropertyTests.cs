using AnHop.Media.Sdp;
using CsCheck;

namespace AnHop.Media.Tests.Sdp;

public class SdpPropertyTests
{
    [Fact]
    public void GeneratedDescription_WriteThenParse_GivesAnEqualModel()
    {
        SdpGenerators.Session.Sample(built =>
        {
            var text = built.Write();

            Assert.True(SessionDescription.TryParse(text, out var parsed, out var reason), reason);
            Assert.Equal(built, parsed);
            Assert.Equal(text, parsed.Write());
        }, iter: 300);
    }

    [Fact]
    public void GeneratedDescription_WithLfLineEnds_ParsesTheSame()
    {
        SdpGenerators.Session.Sample(built =>
        {
            var lf = built.Write().Replace("\r\n", "\n", StringComparison.Ordinal);

            Assert.True(SessionDescription.TryParse(lf, out var parsed, out var reason), reason);
            Assert.Equal(built, parsed);
        }, iter: 100);
    }

    [Fact]
    public void Group_FormatThenParse() => RoundTrip(SdpGenerators.Group);

    [Fact]
    public void Fingerprint_FormatThenParse() => RoundTrip(SdpGenerators.Fingerprint);

    [Fact]
    public void Msid_FormatThenParse() => RoundTrip(SdpGenerators.Msid);

    [Fact]
    public void MsidSemantic_FormatThenParse() => RoundTrip(SdpGenerators.MsidSemantic);

    [Fact]
    public void Extmap_FormatThenParse() => RoundTrip(SdpGenerators.Extmap);

    [Fact]
    public void RtpMap_FormatThenParse() => RoundTrip(SdpGenerators.RtpMap);

    [Fact]
    public void Fmtp_FormatThenParse() => RoundTrip(SdpGenerators.Fmtp);

    [Fact]
    public void RtcpFeedback_FormatThenParse() => RoundTrip(SdpGenerators.RtcpFeedback);

    [Fact]
    public void Ssrc_FormatThenParse() => RoundTrip(SdpGenerators.Ssrc);

    [Fact]
    public void SsrcGroup_FormatThenParse() => RoundTrip(SdpGenerators.SsrcGroup);

    [Fact]
    public void Rid_FormatThenParse() => RoundTrip(SdpGenerators.Rid);

    [Fact]
    public void Simulcast_FormatThenParse() => RoundTrip(SdpGenerators.Simulcast);

    [Fact]
    public void Candidate_FormatThenParse() => RoundTrip(SdpGenerators.Candidate);

    private static void RoundTrip<T>(Gen<T> values) where T : class, ISdpAttributeValue<T>
    {
        values.Sample(value =>
        {
            var text = value.FormatValue();

            Assert.True(T.TryParse(text, out var parsed), text);
            Assert.Equal(value, parsed);
        }, iter: 500);
    }
}
