using System.Net;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// Up to 32 bytes held inline, with their hash: a dictionary key built from a receive <see cref="SocketAddress"/>
/// (16 bytes for IPv4, 28 for IPv6) or from an ICE ufrag, without allocating.
/// </summary>
internal readonly struct DemuxKey : IEquatable<DemuxKey>
{
    public const int MaxLength = 32;

    private readonly KeyBytes _bytes;
    private readonly int _length;
    private readonly int _hash;

    private DemuxKey(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_bytes);
        _length = value.Length;
        var hash = new HashCode();
        hash.AddBytes(value);
        _hash = hash.ToHashCode();
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Value => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>False when <paramref name="value"/> is empty or longer than <see cref="MaxLength"/>.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> value, out DemuxKey key)
    {
        key = default;
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        key = new DemuxKey(value);
        return true;
    }

    /// <summary>The key of a socket address: its family, port and address bytes as the kernel wrote them.</summary>
    public static bool TryCreate(SocketAddress address, out DemuxKey key) =>
        TryCreate(address.Buffer.Span[..address.Size], out key);

    public bool Equals(DemuxKey other) => _hash == other._hash && Value.SequenceEqual(other.Value);

    public override bool Equals(object? obj) => obj is DemuxKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public static bool operator ==(DemuxKey left, DemuxKey right) => left.Equals(right);

    public static bool operator !=(DemuxKey left, DemuxKey right) => !left.Equals(right);

    [InlineArray(MaxLength)]
    private struct KeyBytes
    {
        private byte _element;
    }
}
