using System.Net;
using AnHop.Media.Sfu.Transport;
using CsCheck;

namespace AnHop.Media.Tests.Sfu.Transport;

public class DemuxKeyTests
{
    [Fact]
    public void Keys_are_equal_exactly_when_their_bytes_are()
    {
        Gen.Byte.Array[1, DemuxKey.MaxLength].Select(Gen.Byte.Array[1, DemuxKey.MaxLength]).Sample((a, b) =>
        {
            Assert.True(DemuxKey.TryCreate(a, out var keyA));
            Assert.True(DemuxKey.TryCreate(b, out var keyB));
            Assert.True(DemuxKey.TryCreate(a.ToArray(), out var keyA2));
            Assert.Equal(keyA, keyA2);
            Assert.Equal(keyA.GetHashCode(), keyA2.GetHashCode());
            Assert.Equal(a.AsSpan().SequenceEqual(b), keyA == keyB);
            Assert.Equal(a, keyA.Value.ToArray());
        });
    }

    [Fact]
    public void Empty_and_long_values_are_refused()
    {
        Assert.False(DemuxKey.TryCreate([], out _));
        Assert.False(DemuxKey.TryCreate(new byte[DemuxKey.MaxLength + 1], out _));
    }

    [Fact]
    public void Socket_addresses_key_by_family_address_and_port()
    {
        var a = new IPEndPoint(IPAddress.Loopback, 5000).Serialize();
        var same = new IPEndPoint(IPAddress.Loopback, 5000).Serialize();
        var otherPort = new IPEndPoint(IPAddress.Loopback, 5001).Serialize();
        var v6 = new IPEndPoint(IPAddress.IPv6Loopback, 5000).Serialize();
        Assert.True(DemuxKey.TryCreate(a, out var keyA));
        Assert.True(DemuxKey.TryCreate(same, out var keySame));
        Assert.True(DemuxKey.TryCreate(otherPort, out var keyOther));
        Assert.True(DemuxKey.TryCreate(v6, out var keyV6));
        Assert.Equal(keyA, keySame);
        Assert.NotEqual(keyA, keyOther);
        Assert.NotEqual(keyA, keyV6);
    }
}
