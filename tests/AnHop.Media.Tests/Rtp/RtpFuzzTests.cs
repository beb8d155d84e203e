using AnHop.Media.Rtp;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Rtp;

/// <summary>
/// Every RTP parser under <see cref="Fuzzer.Run"/>: it must never throw or read past its input, and what it
/// accepts must survive a write → parse round trip with the same fields.
/// </summary>
public class RtpFuzzTests
{
    private static readonly byte[][] PacketSeeds =
    [
        RtpTestData.ChromeVp8,
        RtpTestData.ChromeOpus,
        Convert.FromHexString("B1EF6B210001E2403A4B5C6D" + "11111111" + "BEDE000110A80000" + "7801" + "000003"),
        Convert.FromHexString("9060000100000002000000031000000301000201BB00030401020304CAFE"),
        Convert.FromHexString("A0600001000000020000000300000004"),
        Convert.FromHexString("806000010000000200000003"),
    ];

    private static readonly byte[][] BlockSeeds =
    [
        RtpTestData.Rfc8285OneByteBlock,
        RtpTestData.Rfc8285TwoByteBlock,
        Convert.FromHexString("BEDE0002" + "10AA" + "F0" + "21BBCC" + "0000"),
        Convert.FromHexString("BEDE0003" + "10A8" + "220A3C8F" + "3104D3" + "4030" + "00"),
    ];

    [Fact]
    public void Fuzz_RtpPacket_TryParse() => Fuzzer.Run("rtp-packet", static input =>
    {
        if (!RtpPacket.TryParse(input, out var packet))
        {
            return;
        }

        Assert.Equal(packet.Length, packet.HeaderLength + packet.Payload.Length + packet.PaddingLength);
        Span<uint> csrcs = stackalloc uint[RtpPacketWriter.MaxCsrcCount];
        for (var i = 0; i < packet.CsrcCount; i++)
        {
            csrcs[i] = packet.GetCsrc(i);
        }

        var count = 0;
        foreach (var element in packet.Extensions)
        {
            count += element.Value.Length;
        }

        // Round trip: write the parsed fields back and parse again.
        Span<byte> copy = stackalloc byte[input.Length];
        var header = new RtpHeaderFields(packet.Marker, packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc);
        var block = packet.HasExtension ? packet.Data[packet.ExtensionOffset..packet.HeaderLength] : default;
        Assert.True(RtpPacketWriter.TryWrite(copy, header, csrcs[..packet.CsrcCount], block, packet.Payload, packet.PaddingLength, out var written));
        Assert.Equal(input.Length, written);
        Assert.True(RtpPacketView.TryParse(copy, out var view));
        Assert.Equal(header, new RtpHeaderFields(view.Marker, view.PayloadType, view.SequenceNumber, view.Timestamp, view.Ssrc));
        Assert.True(view.Payload.SequenceEqual(packet.Payload));
        Assert.Equal(packet.HeaderLength, view.Packet.HeaderLength);
        view.Ssrc = ~view.Ssrc;
        view.SequenceNumber++;
        view.Timestamp += 960;
        if (packet.Extensions.TryFind(2, out ReadOnlySpan<byte> value))
        {
            Assert.True(view.TrySetExtensionValue(2, value));
        }

        Assert.True(count <= packet.HeaderLength);
    }, PacketSeeds);

    [Fact]
    public void Fuzz_RtpHeaderExtensions_TryParse() => Fuzzer.Run("rtp-header-extensions", static input =>
    {
        // Also walk the block leniently, as a packet's extensions are walked without TryParse.
        if (input.Length >= 2)
        {
            var bytes = 0;
            foreach (var element in new RtpHeaderExtensions((ushort)((input[0] << 8) | input[1]), input[2..]))
            {
                bytes += element.Value.Length;
            }

            Assert.True(bytes <= input.Length);
        }

        if (!RtpHeaderExtensions.TryParse(input, out var extensions) || extensions.Form == RtpHeaderExtensionForm.Unknown)
        {
            return;
        }

        // Round trip: the writer packs the same elements into a block no longer than the original.
        Span<byte> rebuilt = stackalloc byte[input.Length + 4];
        var writer = new RtpHeaderExtensionWriter(rebuilt, extensions.Form, extensions.AppBits);
        var elements = 0;
        foreach (var element in extensions)
        {
            Assert.True(writer.TryAdd(element.Id, element.Value));
            elements++;
        }

        Assert.True(writer.TryFinish(out var written));
        Assert.True(written <= 4 + extensions.Data.Length);
        Assert.True(RtpHeaderExtensions.TryParse(rebuilt[..written], out var reparsed));
        var original = extensions.GetEnumerator();
        foreach (var element in reparsed)
        {
            Assert.True(original.MoveNext());
            Assert.Equal(original.Current.Id, element.Id);
            Assert.True(original.Current.Value.SequenceEqual(element.Value));
            elements--;
        }

        Assert.Equal(0, elements);
    }, BlockSeeds);

    [Fact]
    public void Fuzz_extension_values_TryParse() => Fuzzer.Run("rtp-extension-values", static input =>
    {
        Span<byte> buffer = stackalloc byte[256];
        if (SdesMidExtension.TryParse(input, out var mid))
        {
            Assert.True(SdesMidExtension.TryWrite(buffer, mid, out var n) && buffer[..n].SequenceEqual(input));
        }

        if (RtpStreamIdExtension.TryParse(input, out var rid))
        {
            Assert.True(RtpStreamIdExtension.TryWrite(buffer, rid, out var n) && buffer[..n].SequenceEqual(input));
        }

        if (AudioLevelExtension.TryParse(input, out var level))
        {
            Assert.True(AudioLevelExtension.TryWrite(buffer, level, out var n) && buffer[..n].SequenceEqual(input));
        }

        if (AbsSendTimeExtension.TryParse(input, out var sendTime))
        {
            Assert.True(AbsSendTimeExtension.TryWrite(buffer, sendTime, out var n) && buffer[..n].SequenceEqual(input));
        }

        if (TransportWideSequenceNumberExtension.TryParse(input, out var sequence))
        {
            Assert.True(TransportWideSequenceNumberExtension.TryWrite(buffer, sequence, out var n) && buffer[..n].SequenceEqual(input));
        }
    }, ["0"u8.ToArray(), "hi-res"u8.ToArray(), [0xA8], [0x0A, 0x3C, 0x51], [0x04, 0xD2]], maxLength: 300);

    [Fact]
    public void Fuzz_RtxPayload_TryParse_and_in_place_conversion() => Fuzzer.Run("rtx", static input =>
    {
        if (RtxPayload.TryParse(input, out var rtx))
        {
            Assert.Equal(input.Length - 2, rtx.OriginalPayload.Length);
        }

        Span<byte> buffer = stackalloc byte[input.Length + 2];
        input.CopyTo(buffer);
        if (RtxPacket.TryWrapInPlace(buffer, input.Length, 1, 2, 97, out var rtxLength)
            && RtxPacket.TryUnwrapInPlace(buffer[..rtxLength], 3, 96, out var originalLength))
        {
            Assert.True(RtpPacket.TryParse(input, out var original));
            Assert.Equal(original.HeaderLength + original.Payload.Length, originalLength);
            Assert.True(RtpPacket.TryParse(buffer[..originalLength], out var restored));
            Assert.True(restored.Payload.SequenceEqual(original.Payload));
            Assert.Equal(original.SequenceNumber, restored.SequenceNumber);
        }
    }, PacketSeeds);
}
