using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

/// <summary>The Chromium 156 offers under testdata/sdp, captured with createOffer + setLocalDescription.</summary>
internal static class SdpTestData
{
    public const string AudioVideo = "chromium156-audio-video.sdp";
    public const string Simulcast = "chromium156-simulcast.sdp";
    public const string ScreenShare = "chromium156-screenshare.sdp";
    public const string RecvOnly = "chromium156-recvonly.sdp";

    public static readonly string[] Captures = [AudioVideo, Simulcast, ScreenShare, RecvOnly];

    public static TheoryData<string> CaptureNames => new(Captures);

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "sdp", name));

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "sdp", name));

    public static SessionDescription Parse(string text)
    {
        Assert.True(SessionDescription.TryParse(text, out var sdp, out var reason), reason);
        Assert.Null(reason);
        return sdp;
    }
}
