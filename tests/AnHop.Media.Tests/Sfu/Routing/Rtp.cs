using System.Buffers.Binary;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>Builds RTP packets for routing tests, with one-byte header extensions (RFC 8285 §4.2).</summary>
public static class Rtp
{
    public static readonly byte[] Vp8KeyframeStart = [0x10, 0x00, 0x9D, 0x01, 0x2A];
    public static readonly byte[] Vp8DeltaStart = [0x10, 0x01, 0x00, 0x00];
    public static readonly byte[] Vp8Continuation = [0x00, 0xAA, 0xBB, 0xCC];

    public static byte[] Packet(uint ssrc, ushort seq, uint ts, byte pt, ReadOnlySpan<byte> payload, bool marker = false,
        params (byte Id, byte[] Value)[] extensions)
    {
        var extensionLength = 0;
        foreach (var (_, value) in extensions)
        {
            extensionLength += 1 + value.Length;
        }

        var extensionWords = (extensionLength + 3) / 4;
        var headerLength = 12 + (extensions.Length > 0 ? 4 + (extensionWords * 4) : 0);
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x80 | (extensions.Length > 0 ? 0x10 : 0));
        packet[1] = (byte)((marker ? 0x80 : 0) | pt);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ts);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        if (extensions.Length > 0)
        {
            packet[12] = 0xBE;
            packet[13] = 0xDE;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), (ushort)extensionWords);
            var at = 16;
            foreach (var (id, value) in extensions)
            {
                packet[at++] = (byte)((id << 4) | (value.Length - 1));
                value.CopyTo(packet, at);
                at += value.Length;
            }
        }

        payload.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }

    public static ushort Seq(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    public static uint Ts(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));

    public static uint Ssrc(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));

    public static byte Pt(byte[] packet) => (byte)(packet[1] & 0x7F);

    public static byte[] Ascii(string s) => System.Text.Encoding.ASCII.GetBytes(s);
}
