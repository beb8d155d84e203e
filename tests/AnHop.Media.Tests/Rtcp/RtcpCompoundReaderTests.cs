using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Rtcp;

public class RtcpCompoundReaderTests
{
    [Fact]
    public void Reader_walks_every_packet_and_reports_offsets()
    {
        var compound = RtcpHex.Load("chromium-sr-sdes.hex");
        var reader = new RtcpCompoundReader(compound);
        Assert.True(reader.MoveNext());
        Assert.Equal(RtcpPacketType.SenderReport, reader.Current.PacketType);
        Assert.Equal(0, reader.Current.Offset);
        Assert.True(reader.MoveNext());
        Assert.Equal(RtcpPacketType.SourceDescription, reader.Current.PacketType);
        Assert.Equal(28, reader.Current.Offset);
        Assert.False(reader.MoveNext());
        Assert.True(reader.Completed);
        Assert.Null(reader.Error);
        Assert.Equal(2, reader.PacketCount);
    }

    [Fact]
    public void Reader_supports_foreach()
    {
        var types = new List<RtcpPacketType>();
        foreach (var packet in new RtcpCompoundReader(RtcpHex.Load("chromium-rr-remb.hex")))
        {
            types.Add(packet.PacketType);
        }

        Assert.Equal([RtcpPacketType.ReceiverReport, RtcpPacketType.PayloadFeedback], types);
    }

    [Fact]
    public void Reader_stops_at_a_truncated_second_packet_with_a_reason()
    {
        var compound = RtcpHex.Load("chromium-sr-sdes.hex");
        var reader = new RtcpCompoundReader(compound.AsSpan(0, compound.Length - 4));
        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.False(reader.Completed);
        Assert.Equal("RTCP length field exceeds the data", reader.Error);
    }

    [Theory]
    [InlineData("", "empty RTCP compound packet")]
    [InlineData("80c8", "shorter than the 4-byte RTCP header")]
    [InlineData("00c80000", "RTCP version is not 2")]
    public void Validate_names_the_first_problem(string hex, string expected)
    {
        Assert.False(RtcpCompoundReader.TryValidate(Convert.FromHexString(hex), out var count, out var reason));
        Assert.Equal(0, count);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Reader_stops_on_trailing_bytes_that_are_not_a_packet()
    {
        var compound = RtcpHex.Load("chromium-rr-remb.hex").Concat(new byte[] { 0x80, 0x00 }).ToArray();
        Assert.False(RtcpCompoundReader.TryValidate(compound, out var count, out var reason));
        Assert.Equal(2, count);
        Assert.Equal("shorter than the 4-byte RTCP header", reason);
    }

    [Fact]
    public void Compound_writer_builds_rr_plus_sdes_and_keeps_what_fit_when_full()
    {
        var buffer = new byte[36];
        var writer = new RtcpCompoundWriter(buffer);
        Assert.True(writer.TryAddReceiverReport(1, []));
        Assert.True(writer.TryAddCname(1, "user@host"u8));
        Assert.Equal(8 + 20, writer.Length);
        Assert.False(writer.TryAddPictureLossIndication(1, 2)); // 12 more bytes do not fit in 36
        Assert.Equal(28, writer.Length);
        Assert.False(writer.TryAdvance(3));

        var reader = new RtcpCompoundReader(writer.Written);
        Assert.True(reader.MoveNext());
        Assert.True(ReceiverReport.TryParse(reader.Current.Data, out var rr));
        Assert.Equal(0, rr.ReportCount);
        Assert.True(reader.MoveNext());
        Assert.True(SourceDescription.TryParse(reader.Current.Data, out _));
        Assert.False(reader.MoveNext());
        Assert.True(reader.Completed);
    }
}
