using AnHop.Media.Demux;
using AnHop.Media.Tests.Testing;
using CsCheck;

namespace AnHop.Media.Tests.Demux;

public class PacketClassifierTests
{
    public static TheoryData<string, PacketKind> Table => new()
    {
        // RFC 5769 §2.1 request header: type 0x0001, so the first byte is 0.
        { "000100582112a442b7e7a701bc34d686fa87dfae", PacketKind.Stun },
        // A STUN-looking first byte but shorter than the 20-byte header.
        { "0001000021", PacketKind.Unknown },
        // DTLS 1.2 handshake record: content type 22, version fefd, epoch 0, seq 0, length 0.
        { "16fefd00000000000000000000", PacketKind.Dtls },
        // DTLS application data (23) and the DTLS 1.3 unified header (0b001xxxxx = 32..63).
        { "17fefd00010000000000010000", PacketKind.Dtls },
        { "2f00000000000000000000000000", PacketKind.Dtls },
        // RTP: V=2, PT=111 (Opus), seq, timestamp, SSRC.
        { "806f00010000000012345678", PacketKind.Rtp },
        // RTP with the marker bit and PT=96: second byte 0xE0 = 224, just above the RTCP range.
        { "80e000010000000012345678", PacketKind.Rtp },
        // RTCP sender report (200) and receiver report (201) and PSFB (206).
        { "80c8000612345678", PacketKind.Rtcp },
        { "81c9000712345678", PacketKind.Rtcp },
        { "81ce000212345678", PacketKind.Rtcp },
        // RTCP-range second byte edges: 192 and 223.
        { "80c0000112345678", PacketKind.Rtcp },
        { "80df000112345678", PacketKind.Rtcp },
        // RTP too short for its fixed header.
        { "806f0001", PacketKind.Unknown },
        // ZRTP (16..19), TURN channel data (64..79), QUIC long header (0xC0..), and the gaps.
        { "1000000000000000000000000000000000000000", PacketKind.Unknown },
        { "4000000400000000", PacketKind.Unknown },
        { "c0000000010000000000000000000000", PacketKind.Unknown },
        { "0800000000000000000000000000000000000000", PacketKind.Unknown },
        { "", PacketKind.Unknown },
        { "80", PacketKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classifies_by_first_byte_per_Rfc7983_section7(string hex, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify(Convert.FromHexString(hex)));

    [Fact]
    public void Every_first_byte_maps_to_its_Rfc7983_range()
    {
        var datagram = new byte[64];
        for (var first = 0; first < 256; first++)
        {
            datagram[0] = (byte)first;
            datagram[1] = 0x60;
            var expected = first switch
            {
                <= 3 => PacketKind.Stun,
                >= 20 and <= 63 => PacketKind.Dtls,
                >= 128 and <= 191 => PacketKind.Rtp,
                _ => PacketKind.Unknown,
            };
            Assert.Equal(expected, PacketClassifier.Classify(datagram));
        }
    }

    [Fact]
    public void Second_byte_192_to_223_is_Rtcp_per_Rfc5761_section4() =>
        Gen.Byte[128, 191].Select(Gen.Byte).Sample((first, second) =>
        {
            byte[] datagram = [first, second, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            var expected = second is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp;
            Assert.Equal(expected, PacketClassifier.Classify(datagram));
        });

    [Theory]
    [InlineData("stun/chromium-156-binding-request.hex", PacketKind.Stun)]
    [InlineData("stun/chromium-156-binding-request-use-candidate.hex", PacketKind.Stun)]
    [InlineData("demux/chromium-156-dtls-client-hello.hex", PacketKind.Dtls)]
    public void Classifies_Chromium_captures(string file, PacketKind expected)
    {
        var datagram = Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", file)).Trim());
        Assert.Equal(expected, PacketClassifier.Classify(datagram));
    }

    [Fact]
    public void Classify_never_throws_and_never_reads_past_its_input() =>
        Fuzzer.Run("demux-classify", static input => PacketClassifier.Classify(input),
        [
            Convert.FromHexString("000100582112a442b7e7a701bc34d686fa87dfae"),
            Convert.FromHexString("16fefd00000000000000000000"),
            Convert.FromHexString("806f00010000000012345678"),
            Convert.FromHexString("80c8000612345678"),
        ]);

    [Fact]
    public void Classify_allocates_nothing()
    {
        var datagram = Convert.FromHexString("80c8000612345678");
        Allocations.AssertNone(() => PacketClassifier.Classify(datagram));
    }
}
