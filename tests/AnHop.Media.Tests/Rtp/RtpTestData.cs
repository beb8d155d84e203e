namespace AnHop.Media.Tests.Rtp;

/// <summary>Packets shared by the RTP tests: captured-format browser packets and the RFC 8285 §4 blocks.</summary>
internal static class RtpTestData
{
    /// <summary>
    /// RFC 8285 §4.2 layout: elements with L=0 (1 byte), L=1 (2 bytes), two padding bytes, L=3 (4 bytes).
    /// </summary>
    public static readonly byte[] Rfc8285OneByteBlock = Convert.FromHexString(
        "BEDE0003" +   // 0xBE 0xDE, length=3 words
        "10AA" +       // ID=1, L=0, data AA
        "21BBCC" +     // ID=2, L=1, data BB CC
        "0000" +       // 0 (pad), 0 (pad)
        "3301020304"); // ID=3, L=3, data 01 02 03 04

    /// <summary>RFC 8285 §4.3 layout: L=0 (no data), L=1 (1 byte), one padding byte, L=4 (4 bytes).</summary>
    public static readonly byte[] Rfc8285TwoByteBlock = Convert.FromHexString(
        "10000003" +     // 0x10 0x00 (appbits 0), length=3 words
        "0100" +         // ID=1, L=0
        "0201BB" +       // ID=2, L=1, data BB
        "00" +           // 0 (pad)
        "030401020304"); // ID=3, L=4, data 01 02 03 04

    /// <summary>A Chromium VP8 key-frame packet: one-byte extensions abs-send-time (2), transport-cc (3), mid (4).</summary>
    public static byte[] ChromeVp8 => Capture("chrome-vp8-keyframe");

    /// <summary>A Chromium Opus packet: one-byte extensions audio level (1), abs-send-time (2), transport-cc (3), mid (4).</summary>
    public static byte[] ChromeOpus => Capture("chrome-opus-audio-level");

    public static byte[] Capture(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "rtp", name + ".hex")).Trim());
}
