using AnHop.Media.Rtp;

namespace AnHop.Media.Tests.Rtp;

/// <summary>
/// Packets in the exact format Chromium sends (testdata/rtp): RTP with RFC 8285 one-byte extensions at
/// Chromium's default extmap ids (1 audio level, 2 abs-send-time, 3 transport-cc, 4 mid).
/// </summary>
public class ChromeCaptureTests
{
    [Fact]
    public void Vp8_keyframe_packet_parses_with_mid_abs_send_time_and_transport_cc()
    {
        // 90 60 1F3C 8A3B2C1D 5C7E2A91       V=2 X=1 CC=0, M=0 PT=96, seq, timestamp, SSRC
        // BEDE 0003                          one-byte extensions, 3 words
        // 22 0A3C51 | 31 04D2 | 40 31 | 000000   abs-send-time, transport-cc 1234, mid "1", padding
        // 90 80 9A5C | B0 2D 01 9D 01 2A 80 02 E0 01 ...   VP8 descriptor (X, S, I, M, PictureID 0x1A5C), key frame 640x480
        Assert.True(RtpPacket.TryParse(RtpTestData.ChromeVp8, out var packet, out var reason), reason);
        Assert.False(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(0x1F3C, packet.SequenceNumber);
        Assert.Equal(0x8A3B2C1Du, packet.Timestamp);
        Assert.Equal(0x5C7E2A91u, packet.Ssrc);
        Assert.Equal(28, packet.HeaderLength);
        Assert.Equal(RtpHeaderExtensionForm.OneByte, packet.Extensions.Form);
        Assert.True(packet.Extensions.IsWellFormed());

        Assert.True(packet.Extensions.TryFind(2, out ReadOnlySpan<byte> abs));
        Assert.True(AbsSendTimeExtension.TryParse(abs, out var sendTime));
        Assert.Equal(0x0A3C51u, sendTime);
        Assert.True(packet.Extensions.TryFind(3, out ReadOnlySpan<byte> twcc));
        Assert.True(TransportWideSequenceNumberExtension.TryParse(twcc, out var transportSequence));
        Assert.Equal(1234, transportSequence);
        Assert.True(packet.Extensions.TryFind(4, out ReadOnlySpan<byte> midValue));
        Assert.True(SdesMidExtension.TryParse(midValue, out var mid));
        Assert.Equal("1"u8.ToArray(), mid.ToArray());

        Assert.Equal(78, packet.Payload.Length);
        Assert.Equal("90809A5CB02D019D012A8002E001", Convert.ToHexString(packet.Payload[..14]));
    }

    [Fact]
    public void Opus_packet_parses_with_audio_level()
    {
        // 90 EF 6B21 0001E240 3A4B5C6D       V=2 X=1, M=1 PT=111, seq, timestamp 123456, SSRC
        // BEDE 0003                          one-byte extensions, 3 words
        // 10 A8 | 22 0A3C8F | 31 04D3 | 40 30 | 00   audio level V=1 40 -dBov, abs-send-time, transport-cc, mid "0", padding
        // 78 ...                             Opus TOC byte, then the frame
        Assert.True(RtpPacket.TryParse(RtpTestData.ChromeOpus, out var packet, out var reason), reason);
        Assert.True(packet.Marker);
        Assert.Equal(111, packet.PayloadType);
        Assert.Equal(0x6B21, packet.SequenceNumber);
        Assert.Equal(123456u, packet.Timestamp);
        Assert.Equal(0x3A4B5C6Du, packet.Ssrc);

        var map = new RtpHeaderExtensionMap();
        map.TryAdd(1, RtpHeaderExtensionUris.AudioLevel);
        map.TryAdd(2, RtpHeaderExtensionUris.AbsSendTime);
        map.TryAdd(3, RtpHeaderExtensionUris.TransportWideSequenceNumber);
        map.TryAdd(4, RtpHeaderExtensionUris.Mid);

        Assert.True(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.AudioLevel, out var levelValue));
        Assert.True(AudioLevelExtension.TryParse(levelValue, out var level));
        Assert.Equal(new AudioLevel(true, 40), level);
        Assert.True(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.TransportWideSequenceNumber, out var twcc));
        Assert.True(TransportWideSequenceNumberExtension.TryParse(twcc, out var transportSequence));
        Assert.Equal(1235, transportSequence);
        Assert.True(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.Mid, out var mid));
        Assert.Equal("0"u8.ToArray(), mid.ToArray());

        Assert.Equal(72, packet.Payload.Length);
        Assert.Equal(0x78, packet.Payload[0]);
    }
}
