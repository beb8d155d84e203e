namespace AnHop.Media.Sfu.Routing;

/// <summary>The video codecs whose keyframes the router can recognise in the RTP payload.</summary>
public enum VideoCodec
{
    Unknown = 0,
    Vp8,
    Vp9,
    H264,
}
