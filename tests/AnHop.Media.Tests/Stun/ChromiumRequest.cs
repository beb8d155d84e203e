using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace AnHop.Media.Tests.Stun;

/// <summary>
/// Builds ICE Binding requests laid out the way Chromium's libwebrtc sends them (p2p/base/connection.cc:
/// USERNAME, GOOG-NETWORK-INFO, ICE-CONTROLLING, USE-CANDIDATE, PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT),
/// byte by byte and independently of <c>StunMessageWriter</c>: the HMAC comes from
/// <see cref="HMACSHA1.HashData(byte[], byte[])"/> and the CRC-32 from a gzip trailer.
/// </summary>
internal sealed class ChromiumRequest
{
    public string Username { get; init; } = "sfuU:brWs";
    public string Password { get; init; } = "sfuPasswordSfuPasswordXY";
    public byte[] TransactionId { get; init; } = Convert.FromHexString("4a6f686e446f653132333435");
    public uint? Priority { get; init; } = 0x6e7f1eff;
    public ulong? IceControlling { get; init; } = 0x1122334455667788;
    public ulong? IceControlled { get; init; }
    public bool UseCandidate { get; init; }
    public bool NetworkInfo { get; init; } = true;
    public bool WithUsername { get; init; } = true;
    public bool WithIntegrity { get; init; } = true;
    public bool WithFingerprint { get; init; } = true;
    public ushort MessageType { get; init; } = 0x0001;
    public List<(ushort Type, byte[] Value)> Extra { get; init; } = [];

    public byte[] Build()
    {
        var body = new List<byte>();
        if (WithUsername)
        {
            Attribute(body, 0x0006, Encoding.UTF8.GetBytes(Username));
        }

        if (NetworkInfo)
        {
            Attribute(body, 0xC057, [0x00, 0x01, 0x00, 0x0a]); // network id 1, cost 10
        }

        if (IceControlling is { } controlling)
        {
            Attribute(body, 0x802A, BigEndian(controlling));
        }

        if (IceControlled is { } controlled)
        {
            Attribute(body, 0x8029, BigEndian(controlled));
        }

        if (UseCandidate)
        {
            Attribute(body, 0x0025, []);
        }

        if (Priority is { } priority)
        {
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, priority);
            Attribute(body, 0x0024, value);
        }

        foreach (var (type, value) in Extra)
        {
            Attribute(body, type, value);
        }

        if (WithIntegrity)
        {
            var prefix = Message(body, body.Count + 24);
            var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), prefix);
            Attribute(body, 0x0008, mac);
        }

        if (WithFingerprint)
        {
            var prefix = Message(body, body.Count + 8);
            var crc = Crc32ByGzip(prefix) ^ 0x5354554eu;
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, crc);
            Attribute(body, 0x8028, value);
        }

        return Message(body, body.Count);
    }

    private byte[] Message(List<byte> body, int lengthField)
    {
        var message = new byte[20 + body.Count];
        BinaryPrimitives.WriteUInt16BigEndian(message, MessageType);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)lengthField);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), 0x2112A442);
        TransactionId.CopyTo(message, 8);
        body.CopyTo(message, 20);
        return message;
    }

    private static void Attribute(List<byte> body, ushort type, byte[] value)
    {
        body.Add((byte)(type >> 8));
        body.Add((byte)type);
        body.Add((byte)(value.Length >> 8));
        body.Add((byte)value.Length);
        body.AddRange(value);
        while (body.Count % 4 != 0)
        {
            body.Add(0);
        }
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>The CRC-32 a gzip member ends with (RFC 1952 §2.3.1), as an oracle independent of our table.</summary>
    internal static uint Crc32ByGzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        var bytes = output.ToArray();
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
    }
}
