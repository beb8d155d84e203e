using AnHop.Media.Sdp;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>SDP is signalling, not per packet: this tracks cost per offer, not allocation freedom.</summary>
[MemoryDiagnoser]
public class SdpBenchmarks
{
    // The video section of a Chromium 156 simulcast offer, cut to its first codecs.
    private const string Offer =
        "v=0\r\no=- 1275463452268156463 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=extmap-allow-mixed\r\n" +
        "a=msid-semantic: WMS 6ea9cadb-9d2c-4bfa-aad1-2ad7cdd1a52b\r\n" +
        "m=video 53921 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 192.0.2.2\r\na=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=candidate:1232237691 1 udp 2122194687 192.0.2.2 53921 typ host generation 0 network-id 1\r\n" +
        "a=candidate:935171811 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1\r\n" +
        "a=ice-ufrag:v7k7\r\na=ice-pwd:QGDSybxobC317qzQFDIpTv42\r\na=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 84:0D:49:AE:B7:E3:B1:13:BF:2A:EF:B8:16:EB:B6:82:D7:9A:05:E9:4F:3B:9A:30:A8:3D:D1:DD:04:7A:30:CC\r\n" +
        "a=setup:actpass\r\na=mid:0\r\na=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n" +
        "a=sendonly\r\na=msid:6ea9cadb-9d2c-4bfa-aad1-2ad7cdd1a52b 84e99bce-60ae-46be-9d31-ebb65b67ef82\r\na=rtcp-mux\r\na=rtcp-rsize\r\n" +
        "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 nack\r\n" +
        "a=rtcp-fb:96 nack pli\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n" +
        "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n";

    private readonly SessionDescription _parsed = SessionDescription.TryParse(Offer, out var sdp) ? sdp : throw new InvalidOperationException("bad offer");

    [Benchmark]
    public bool Parse() => SessionDescription.TryParse(Offer, out _, out _);

    [Benchmark]
    public string Write() => _parsed.Write();

    [Benchmark]
    public int TypedAccessors()
    {
        var attributes = _parsed.Media[0].Attributes;
        return attributes.RtpMaps.Count + attributes.RtcpFeedbacks.Count + attributes.Extmaps.Count + attributes.Rids.Count +
            attributes.Candidates.Count + (attributes.Simulcast?.Send.Count ?? 0);
    }
}
