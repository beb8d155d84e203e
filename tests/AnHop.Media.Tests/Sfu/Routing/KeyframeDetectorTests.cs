using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class KeyframeDetectorTests
{
    [Theory]
    [InlineData("10 00 9D 01 2A", true)]          // RFC 7741 §4.2 S=1 PID=0, payload header P=0
    [InlineData("10 01 00", false)]               // P=1: interframe
    [InlineData("00 00 9D", false)]               // not the start of a partition
    [InlineData("11 00", false)]                  // partition 1
    [InlineData("90 80 81 23 00", true)]          // X, I with a 15-bit picture id, then P=0
    [InlineData("90 C0 05 07 00", true)]          // X, I (7-bit), L, then P=0
    [InlineData("90 F0 05 07 40 01", false)]      // X, I, L, T: P=1
    [InlineData("90 80 81", false)]               // truncated
    [InlineData("", false)]
    public void Vp8_keyframes_are_found_from_the_payload_descriptor(string hex, bool keyframe) =>
        Assert.Equal(keyframe, KeyframeDetector.IsVp8KeyframeStart(Convert.FromHexString(hex.Replace(" ", ""))));

    [Theory]
    [InlineData("08", true)]          // B=1, P=0, no layers
    [InlineData("48", false)]         // P=1
    [InlineData("00", false)]         // not the start of a frame
    [InlineData("A8 12 00", true)]    // I (7-bit), L: SID 0
    [InlineData("A8 12 02", false)]   // SID 1
    [InlineData("A8 92", false)]      // truncated
    public void Vp9_keyframes_are_found_from_the_payload_descriptor(string hex, bool keyframe) =>
        Assert.Equal(keyframe, KeyframeDetector.IsVp9KeyframeStart(Convert.FromHexString(hex.Replace(" ", ""))));

    [Theory]
    [InlineData("65 88", true)]                   // IDR slice
    [InlineData("67 42", true)]                   // SPS
    [InlineData("41 9A", false)]                  // non-IDR slice
    [InlineData("18 00 02 67 42 00 02 68 CE", true)] // STAP-A with SPS
    [InlineData("7C 85 88", true)]                // FU-A start of an IDR
    [InlineData("7C 05 88", false)]               // FU-A continuation
    [InlineData("18 FF FF", false)]               // STAP-A with a length past the end
    public void H264_keyframes_are_found_from_the_nal_unit_type(string hex, bool keyframe) =>
        Assert.Equal(keyframe, KeyframeDetector.IsH264KeyframeStart(Convert.FromHexString(hex.Replace(" ", ""))));
}
