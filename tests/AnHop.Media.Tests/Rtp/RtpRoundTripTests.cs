using AnHop.Media.Rtp;
using CsCheck;

namespace AnHop.Media.Tests.Rtp;

/// <summary>Build → parse → equal, for whole packets, both extension forms and every typed extension.</summary>
public class RtpRoundTripTests
{
    internal sealed record PacketCase(
        RtpHeaderFields Header, uint[] Csrcs, RtpHeaderExtensionForm Form, (byte Id, byte[] Value)[] Elements,
        byte[] Payload, int Padding, byte AppBits)
    {
        public override string ToString() =>
            $"{Header} csrcs={Csrcs.Length} {Form}/{AppBits} [{string.Join(",", Elements.Select(e => $"{e.Id}:{Convert.ToHexString(e.Value)}"))}] payload={Convert.ToHexString(Payload)} padding={Padding}";
    }

    private static readonly Gen<(byte, byte[])[]> TwoByteElements =
        Gen.Select(Gen.Byte[1, 255], Gen.Byte.Array[0, 255]).Array[0, 5];

    private static readonly Gen<(byte, byte[])[]> OneByteElements =
        Gen.Select(Gen.Byte[1, 14], Gen.Byte.Array[1, 16]).Array[0, 8];

    internal static readonly Gen<PacketCase> Packets =
        Gen.Int[0, 2].SelectMany(form => Gen.Select(
            Gen.Select(Gen.Bool, Gen.Byte[0, 127], Gen.UShort, Gen.UInt, Gen.UInt, (m, pt, seq, ts, ssrc) => new RtpHeaderFields(m, pt, seq, ts, ssrc)),
            Gen.UInt.Array[0, 15],
            form == 2 ? TwoByteElements : form == 1 ? OneByteElements : Gen.Const(Array.Empty<(byte, byte[])>()),
            Gen.Byte.Array[0, 300],
            Gen.OneOf(Gen.Const(0), Gen.Int[1, 255]),
            Gen.Byte[0, 15],
            (header, csrcs, elements, payload, padding, appBits) => new PacketCase(
                header, csrcs, (RtpHeaderExtensionForm)form, elements, payload, padding, appBits)));

    /// <summary>Writes a case with the library writers; returns the packet bytes.</summary>
    internal static byte[] Build(PacketCase c)
    {
        var block = new byte[4 + (c.Elements.Length * 257) + 3];
        var blockLength = 0;
        if (c.Form != RtpHeaderExtensionForm.Unknown)
        {
            var writer = new RtpHeaderExtensionWriter(block, c.Form, c.AppBits);
            foreach (var (id, value) in c.Elements)
            {
                Assert.True(writer.TryAdd(id, value));
            }

            Assert.True(writer.TryFinish(out blockLength));
        }

        var length = RtpPacketWriter.GetWrittenLength(c.Csrcs.Length, blockLength, c.Payload.Length, c.Padding);
        var packet = new byte[length];
        Assert.False(RtpPacketWriter.TryWrite(new byte[length - 1], c.Header, c.Csrcs, block.AsSpan(0, blockLength), c.Payload, c.Padding, out _));
        Assert.True(RtpPacketWriter.TryWrite(packet, c.Header, c.Csrcs, block.AsSpan(0, blockLength), c.Payload, c.Padding, out var written));
        Assert.Equal(length, written);
        return packet;
    }

    [Fact]
    public void Packets_round_trip_through_writer_and_parser() => Packets.Sample(c =>
    {
        var data = Build(c);
        Assert.True(RtpPacket.TryParse(data, out var packet, out var reason), reason);
        Assert.Equal(c.Header, new RtpHeaderFields(packet.Marker, packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc));
        Assert.Equal(c.Csrcs, Enumerable.Range(0, c.Csrcs.Length).Select(i => RtpPacket.TryParse(data, out var p) ? p.GetCsrc(i) : 0).ToArray());
        Assert.Equal(c.Payload, packet.Payload.ToArray());
        Assert.Equal(c.Padding, packet.PaddingLength);
        Assert.Equal(c.Padding > 0, packet.HasPadding);
        Assert.Equal(c.Form != RtpHeaderExtensionForm.Unknown, packet.HasExtension);
        Assert.Equal(c.Form, packet.Extensions.Form);
        if (c.Form == RtpHeaderExtensionForm.TwoByte)
        {
            Assert.Equal(c.AppBits, packet.Extensions.AppBits);
        }

        var elements = new List<(byte, byte[])>();
        foreach (var element in packet.Extensions)
        {
            elements.Add((element.Id, element.Value.ToArray()));
        }

        Assert.Equal(c.Elements.Select(e => (e.Id, Convert.ToHexString(e.Value))), elements.Select(e => (e.Item1, Convert.ToHexString(e.Item2))));
        Assert.True(packet.Extensions.IsWellFormed());
    }, iter: 2_000);

    [Theory]
    [InlineData(RtpHeaderExtensionForm.OneByte)]
    [InlineData(RtpHeaderExtensionForm.TwoByte)]
    public void Extension_blocks_round_trip(RtpHeaderExtensionForm form) =>
        (form == RtpHeaderExtensionForm.OneByte ? OneByteElements : TwoByteElements).Sample(elements =>
        {
            var block = new byte[4 + (elements.Length * 257) + 3];
            var writer = new RtpHeaderExtensionWriter(block, form);
            foreach (var (id, value) in elements)
            {
                Assert.True(writer.TryAdd(id, value));
            }

            Assert.True(writer.TryFinish(out var written));
            Assert.Equal(0, written % 4);
            Assert.True(RtpHeaderExtensions.TryParse(block.AsSpan(0, written), out var extensions, out var reason), reason);
            Assert.Equal(form, extensions.Form);
            var index = 0;
            foreach (var element in extensions)
            {
                Assert.Equal(elements[index].Item1, element.Id);
                Assert.Equal(elements[index].Item2, element.Value.ToArray());
                index++;
            }

            Assert.Equal(elements.Length, index);
        }, iter: 1_000);

    [Fact]
    public void Rtx_wrap_then_unwrap_restores_the_packet_without_padding() => Packets.Sample(c =>
    {
        var data = Build(c);
        var buffer = new byte[data.Length + 2];
        data.CopyTo(buffer, 0);
        Assert.True(RtxPacket.TryWrapInPlace(buffer, data.Length, (ushort)~c.Header.SequenceNumber, ~c.Header.Ssrc, 97, out var rtxLength));
        Assert.True(RtxPacket.TryUnwrapInPlace(buffer.AsSpan(0, rtxLength), c.Header.Ssrc, c.Header.PayloadType, out var length));
        var expected = Build(c with { Padding = 0 });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer.AsSpan(0, length)));
    }, iter: 1_000);

    [Fact]
    public void Writer_refuses_impossible_headers()
    {
        var buffer = new byte[64];
        var header = new RtpHeaderFields(false, 96, 1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacketWriter.TryWrite(buffer, header, new uint[16], [], [], 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacketWriter.TryWrite(buffer, header with { PayloadType = 128 }, [], [], [], 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacketWriter.TryWrite(buffer, header, [], [], [], 256, out _));
        Assert.Throws<ArgumentException>(() => RtpPacketWriter.TryWrite(buffer, header, [], Convert.FromHexString("BEDE0001"), [], 0, out _));
        Assert.Throws<ArgumentException>(() => RtpPacketWriter.TryWrite(buffer, header, [], [0xBE, 0xDE], [], 0, out _));
    }

    [Fact]
    public void Writer_output_matches_a_hand_built_packet()
    {
        var buffer = new byte[64];
        Assert.True(RtpPacketWriter.TryWrite(buffer, new RtpHeaderFields(true, 111, 0x6B21, 123456, 0x3A4B5C6D),
            [0x11111111], Convert.FromHexString("BEDE000110A80000"), [0x78, 0x01], 3, out var written));
        Assert.Equal("B1EF6B210001E2403A4B5C6D" + "11111111" + "BEDE000110A80000" + "7801" + "000003",
            Convert.ToHexString(buffer.AsSpan(0, written)));
    }

    [Fact]
    public void Mid_and_rid_round_trip() =>
        Gen.String[Gen.Char["abcXYZ019-_"], 1, 64].Sample(text =>
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(text);
            var buffer = new byte[64];
            Assert.True(RtpStreamIdExtension.TryWrite(buffer, bytes, out var written));
            Assert.True(RtpStreamIdExtension.TryParse(buffer.AsSpan(0, written), out var rid));
            Assert.Equal(bytes, rid.ToArray());
            Assert.True(SdesMidExtension.TryWrite(buffer, bytes, out written));
            Assert.True(SdesMidExtension.TryParse(buffer.AsSpan(0, written), out var mid));
            Assert.Equal(bytes, mid.ToArray());
        });

    [Fact]
    public void Audio_level_round_trips() =>
        Gen.Select(Gen.Bool, Gen.Byte[0, 127]).Sample((voice, level) =>
        {
            Span<byte> buffer = stackalloc byte[1];
            Assert.True(AudioLevelExtension.TryWrite(buffer, new AudioLevel(voice, level), out _));
            Assert.True(AudioLevelExtension.TryParse(buffer, out var parsed));
            Assert.Equal(new AudioLevel(voice, level), parsed);
        });

    [Fact]
    public void Abs_send_time_round_trips() =>
        Gen.UInt[0, AbsSendTimeExtension.Modulus - 1].Sample(time =>
        {
            Span<byte> buffer = stackalloc byte[3];
            Assert.True(AbsSendTimeExtension.TryWrite(buffer, time, out _));
            Assert.True(AbsSendTimeExtension.TryParse(buffer, out var parsed));
            Assert.Equal(time, parsed);
            Assert.Equal(time, AbsSendTimeExtension.FromTimeSpan(AbsSendTimeExtension.ToTimeSpan(time)));
        });

    [Fact]
    public void Transport_wide_sequence_number_round_trips() =>
        Gen.UShort.Sample(sequence =>
        {
            Span<byte> buffer = stackalloc byte[2];
            Assert.True(TransportWideSequenceNumberExtension.TryWrite(buffer, sequence, out _));
            Assert.True(TransportWideSequenceNumberExtension.TryParse(buffer, out var parsed));
            Assert.Equal(sequence, parsed);
        });
}
