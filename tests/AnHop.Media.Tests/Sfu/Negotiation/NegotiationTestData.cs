using System.Net;
using AnHop.Media.Dtls;
using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Tests.Sdp;

namespace AnHop.Media.Tests.Sfu.Negotiation;

internal static class NegotiationTestData
{
    public const string SfuUfrag = "sfuA";
    public const string SfuPwd = "sfupassword0123456789ab";
    public const string SfuCname = "anhop-sfu";

    public static readonly DtlsFingerprint SfuFingerprint = DtlsFingerprint.FromDigest(Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray());

    /// <summary>The SFU's transport: UDP on 192.0.2.10:40000 and ICE-TCP passive on 192.0.2.10:40443.</summary>
    public static TransportDescription SfuTransport { get; } = new(SfuUfrag, SfuPwd, SfuFingerprint,
        [new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000)], [new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40443)]);

    public static string Capture(string name) => SdpTestData.Read(name);

    public static PublishAnswer Answer(string offer)
    {
        Assert.True(PublishNegotiation.TryAnswer(offer, SfuTransport, SfuCapabilities.Default, out var answer, out var reason), reason);
        Assert.Null(reason);
        return answer;
    }

    public static string Refusal(string offer)
    {
        Assert.False(PublishNegotiation.TryAnswer(offer, SfuTransport, SfuCapabilities.Default, out var answer, out var reason));
        Assert.Null(answer);
        Assert.False(string.IsNullOrEmpty(reason));
        return reason;
    }

    public static SessionDescription Parse(string text) => SdpTestData.Parse(text);

    public static ConsumerDescription Consumer(string mid, string mimeType, uint ssrc, uint? rtxSsrc, string streamId, bool active = true)
    {
        var producerCodec = mimeType == "audio/opus"
            ? new RtpCodec(mimeType, 109, 48000, 2)
            : new RtpCodec(mimeType, 120, 90000, RtxPayloadType: 121);
        var parameters = SfuCapabilities.Default.CreateConsumerParameters(mid, producerCodec, ssrc, rtxSsrc, SfuCname);
        return new ConsumerDescription(mid, parameters, streamId, streamId + "-" + mid, active);
    }

    /// <summary>Replaces every line that starts with <paramref name="prefix"/>, or removes them when replacement is null.</summary>
    public static string Edit(string sdp, string prefix, string? replacement)
    {
        var lines = sdp.Split("\r\n").ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                if (replacement is null)
                {
                    lines.RemoveAt(i--);
                }
                else
                {
                    lines[i] = replacement;
                }
            }
        }

        return string.Join("\r\n", lines);
    }
}
