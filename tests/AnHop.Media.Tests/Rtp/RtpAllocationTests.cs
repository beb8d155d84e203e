using AnHop.Media.Rtp;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Rtp;

public class RtpAllocationTests
{
    private static readonly byte[] Packet = RtpTestData.ChromeVp8;
    private static readonly RtpHeaderExtensionMap Map = CreateMap();
    private static readonly SequenceUnwrapper Unwrapper = new();

    private static RtpHeaderExtensionMap CreateMap()
    {
        var map = new RtpHeaderExtensionMap();
        map.TryAdd(2, RtpHeaderExtensionUris.AbsSendTime);
        map.TryAdd(3, RtpHeaderExtensionUris.TransportWideSequenceNumber);
        map.TryAdd(4, RtpHeaderExtensionUris.Mid);
        return map;
    }

    [Fact]
    public void Parse_read_extensions_and_rewrite_allocates_nothing() => Allocations.AssertNone(static () =>
    {
        Assert.True(RtpPacketView.TryParse(Packet, out var view, out _));
        var extensions = view.Packet.Extensions;
        Assert.True(Map.TryFind(extensions, RtpHeaderExtensionKind.Mid, out var midValue));
        Assert.True(SdesMidExtension.TryParse(midValue, out _));
        Assert.True(Map.TryFind(extensions, RtpHeaderExtensionKind.TransportWideSequenceNumber, out var twcc));
        Assert.True(TransportWideSequenceNumberExtension.TryParse(twcc, out _));
        var ids = 0;
        foreach (var element in extensions)
        {
            ids += element.Id;
        }

        Assert.True(ids == 2 + 3 + 4);

        Unwrapper.Unwrap(view.SequenceNumber);
        view.Ssrc = 0x01020304;
        view.SequenceNumber++;
        view.Timestamp += 3000;
        view.PayloadType = 96;
        view.Marker = false;
        Span<byte> sendTime = stackalloc byte[AbsSendTimeExtension.ValueLength];
        AbsSendTimeExtension.TryWrite(sendTime, 0x123456, out _);
        Assert.True(view.TrySetExtensionValue(Map.GetId(RtpHeaderExtensionKind.AbsSendTime), sendTime));
    });

    [Fact]
    public void Building_a_packet_and_rtx_allocates_nothing() => Allocations.AssertNone(static () =>
    {
        Span<byte> block = stackalloc byte[32];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        writer.TryAdd(4, "1"u8);
        writer.TryFinish(out var blockLength);
        Span<byte> packet = stackalloc byte[128];
        ReadOnlySpan<uint> noCsrcs = [];
        RtpPacketWriter.TryWrite(packet, new RtpHeaderFields(false, 96, 1, 2, 3), noCsrcs, block[..blockLength], "payload"u8, 0, out var length);
        RtxPacket.TryWrapInPlace(packet, length, 5, 6, 97, out _);
    });
}
