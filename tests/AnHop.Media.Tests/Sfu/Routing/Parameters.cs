using AnHop.Media.Rtp;
using AnHop.Media.Sfu;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>RtpParameters as the negotiation layer would produce them from Chromium's SDP.</summary>
public static class Parameters
{
    public const byte MidId = 1;
    public const byte RidId = 2;
    public const byte RepairedRidId = 3;
    public const byte AudioLevelId = 4;
    public const byte Vp8Pt = 96;
    public const byte Vp8RtxPt = 97;
    public const byte OpusPt = 111;

    public static readonly RtpHeaderExtensionParameter[] Extensions =
    [
        new(MidId, RtpHeaderExtensionUris.Mid),
        new(RidId, RtpHeaderExtensionUris.RtpStreamId),
        new(RepairedRidId, RtpHeaderExtensionUris.RepairedRtpStreamId),
        new(AudioLevelId, RtpHeaderExtensionUris.AudioLevel),
    ];

    public static RtpCodec Vp8(IReadOnlyList<string>? feedback = null, bool rtx = true) =>
        new("video/VP8", Vp8Pt, 90000, 1, rtx ? Vp8RtxPt : null, "", feedback ?? ["nack", "nack pli", "ccm fir", "goog-remb"]);

    public static RtpParameters Video(uint ssrc, uint? rtxSsrc = null, string mid = "0", RtpCodec? codec = null) =>
        new(mid, codec ?? Vp8(rtx: rtxSsrc is not null), [new RtpEncoding(ssrc, rtxSsrc)], Extensions, "publisher-cname");

    public static RtpParameters Simulcast(string mid = "0") =>
        new(mid, Vp8(), [new RtpEncoding(null, null, "q", 4), new RtpEncoding(null, null, "h", 2), new RtpEncoding(null, null, "f", 1)],
            Extensions, "publisher-cname");

    public static RtpParameters Audio(uint ssrc, string mid = "1") =>
        new(mid, new RtpCodec("audio/opus", OpusPt, 48000, 2), [new RtpEncoding(ssrc)], Extensions, "publisher-cname");
}
