using System.Buffers.Binary;
using AnHop.Media.Srtp;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// RTP packets of one size from one template, for benchmarks of SRTP receive paths: every unprotect needs a packet
/// it has never seen (replay protection), so <see cref="Refill"/> protects a fresh batch outside the measurement and
/// <see cref="Next"/> hands them out in order. <see cref="NextPlain"/> gives the template with a new sequence number.
/// </summary>
internal sealed class SrtpPacketBatch
{
    private readonly byte[] _template;
    private readonly byte[] _plain;
    private readonly byte[][] _batch;
    private readonly int[] _lengths;
    private int _cursor;
    private ushort _batchSequence;
    private ushort _plainSequence;

    public SrtpPacketBatch(int count, int packetSize, uint ssrc, int spareBytes)
    {
        PacketSize = packetSize;
        _template = new byte[packetSize + spareBytes];
        _template[0] = 0x80;
        _template[1] = 96;
        BinaryPrimitives.WriteUInt32BigEndian(_template.AsSpan(8), ssrc);
        _template.AsSpan(12, packetSize - 12).Fill(0x5A);
        _plain = new byte[_template.Length];
        _batch = new byte[count][];
        _lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            _batch[i] = new byte[_template.Length];
        }
    }

    public int PacketSize { get; }

    public void Refill(SrtpContext sender)
    {
        for (var i = 0; i < _batch.Length; i++)
        {
            _template.CopyTo(_batch[i], 0);
            BinaryPrimitives.WriteUInt16BigEndian(_batch[i].AsSpan(2), _batchSequence++);
            sender.ProtectRtp(_batch[i], PacketSize, out _lengths[i]);
        }

        _cursor = 0;
    }

    /// <summary>The next protected packet of the batch.</summary>
    public Span<byte> Next()
    {
        var i = _cursor++;
        return _batch[i].AsSpan(0, _lengths[i]);
    }

    /// <summary>The plain template in a reused buffer (with room after it), with the next sequence number.</summary>
    public byte[] NextPlain()
    {
        _template.AsSpan(0, PacketSize).CopyTo(_plain);
        BinaryPrimitives.WriteUInt16BigEndian(_plain.AsSpan(2), _plainSequence++);
        return _plain;
    }
}
