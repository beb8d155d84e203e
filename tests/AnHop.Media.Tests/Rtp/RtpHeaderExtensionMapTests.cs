using AnHop.Media.Rtp;
using CsCheck;

namespace AnHop.Media.Tests.Rtp;

public class RtpHeaderExtensionMapTests
{
    /// <summary>The a=extmap lines of a Chromium video m= section.</summary>
    private static RtpHeaderExtensionMap ChromeVideo()
    {
        var map = new RtpHeaderExtensionMap();
        Assert.False(map.TryAdd(1, "urn:ietf:params:rtp-hdrext:toffset"));
        Assert.True(map.TryAdd(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
        Assert.True(map.TryAdd(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"));
        Assert.True(map.TryAdd(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        Assert.True(map.TryAdd(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
        Assert.True(map.TryAdd(11, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"));
        return map;
    }

    [Fact]
    public void Extmap_ids_map_both_ways()
    {
        var map = ChromeVideo();
        Assert.Equal(RtpHeaderExtensionKind.AbsSendTime, map.GetKind(2));
        Assert.Equal(RtpHeaderExtensionKind.RepairedRtpStreamId, map.GetKind(11));
        Assert.Equal(RtpHeaderExtensionKind.Unknown, map.GetKind(1));
        Assert.Equal(4, map.GetId(RtpHeaderExtensionKind.Mid));
        Assert.Equal(10, map.GetId(RtpHeaderExtensionKind.RtpStreamId));
        Assert.Equal(0, map.GetId(RtpHeaderExtensionKind.AudioLevel));
        Assert.Equal(0, map.GetId(RtpHeaderExtensionKind.Unknown));
        Assert.Equal(0, map.GetId((RtpHeaderExtensionKind)99));
    }

    [Fact]
    public void Invalid_ids_and_unknown_uris_are_refused()
    {
        var map = new RtpHeaderExtensionMap();
        Assert.False(map.TryAdd(0, RtpHeaderExtensionUris.Mid));
        Assert.False(map.TryAdd(256, RtpHeaderExtensionUris.Mid));
        Assert.False(map.TryAdd(-1, RtpHeaderExtensionUris.Mid));
        Assert.False(map.TryAdd(5, "urn:ietf:params:rtp-hdrext:sdes:MID"));
        Assert.False(map.TryAdd(5, RtpHeaderExtensionKind.Unknown));
        Assert.True(map.TryAdd(255, RtpHeaderExtensionUris.Mid));
        Assert.Equal(255, map.GetId(RtpHeaderExtensionKind.Mid));
    }

    [Fact]
    public void Remapping_replaces_both_directions()
    {
        var map = new RtpHeaderExtensionMap();
        Assert.True(map.TryAdd(4, RtpHeaderExtensionKind.Mid));
        Assert.True(map.TryAdd(9, RtpHeaderExtensionKind.Mid));
        Assert.Equal(RtpHeaderExtensionKind.Unknown, map.GetKind(4));
        Assert.Equal(9, map.GetId(RtpHeaderExtensionKind.Mid));
        Assert.True(map.TryAdd(9, RtpHeaderExtensionKind.AudioLevel));
        Assert.Equal(0, map.GetId(RtpHeaderExtensionKind.Mid));
        Assert.Equal(RtpHeaderExtensionKind.AudioLevel, map.GetKind(9));
    }

    [Fact]
    public void Every_kind_has_a_uri_that_maps_back()
    {
        foreach (var kind in Enum.GetValues<RtpHeaderExtensionKind>().Where(k => k != RtpHeaderExtensionKind.Unknown))
        {
            Assert.Equal(kind, RtpHeaderExtensionUris.KindOf(RtpHeaderExtensionUris.UriOf(kind)));
        }

        Assert.Null(RtpHeaderExtensionUris.UriOf(RtpHeaderExtensionKind.Unknown));
    }

    [Fact]
    public void Map_finds_values_in_a_packet()
    {
        var map = ChromeVideo();
        Assert.True(RtpPacket.TryParse(RtpTestData.ChromeVp8, out var packet));
        Assert.True(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.Mid, out var mid));
        Assert.Equal("1"u8.ToArray(), mid.ToArray());
        Assert.False(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.RtpStreamId, out _));
        Assert.False(map.TryFind(packet.Extensions, RtpHeaderExtensionKind.AudioLevel, out _));
    }

    [Theory]
    [InlineData("4 urn:ietf:params:rtp-hdrext:sdes:mid", 4, RtpHeaderExtensionKind.Mid)]
    [InlineData("3/sendrecv http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", 3, RtpHeaderExtensionKind.TransportWideSequenceNumber)]
    [InlineData("1 urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on", 1, RtpHeaderExtensionKind.AudioLevel)]
    [InlineData("200  urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 200, RtpHeaderExtensionKind.RtpStreamId)]
    public void Extmap_attribute_values_are_parsed(string value, byte id, RtpHeaderExtensionKind kind)
    {
        var map = new RtpHeaderExtensionMap();
        Assert.True(map.TryAddExtmap(value));
        Assert.Equal(kind, map.GetKind(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("x urn:ietf:params:rtp-hdrext:sdes:mid")]
    [InlineData("-4 urn:ietf:params:rtp-hdrext:sdes:mid")]
    [InlineData("4096 urn:ietf:params:rtp-hdrext:sdes:mid")]
    [InlineData("0 urn:ietf:params:rtp-hdrext:sdes:mid")]
    [InlineData("2 urn:ietf:params:rtp-hdrext:toffset")]
    public void Malformed_or_unknown_extmap_values_are_refused(string value) =>
        Assert.False(new RtpHeaderExtensionMap().TryAddExtmap(value));

    [Fact]
    public void Extmap_parsing_never_throws_on_arbitrary_text() =>
        Gen.String.Sample(value => { new RtpHeaderExtensionMap().TryAddExtmap(value); }, iter: 5_000);
}
