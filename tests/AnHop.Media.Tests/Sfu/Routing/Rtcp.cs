using AnHop.Media.Rtcp;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>Builds RTCP for routing tests and finds packets in what the router sent.</summary>
public static class Rtcp
{
    public delegate bool Write(ref RtcpCompoundWriter writer);

    public static byte[] Build(Write write)
    {
        var buffer = new byte[1500];
        var writer = new RtcpCompoundWriter(buffer);
        Assert.True(write(ref writer));
        return buffer[..writer.Length];
    }

    public static byte[] Nack(uint mediaSsrc, params ushort[] lost) =>
        Build((ref RtcpCompoundWriter w) => w.TryAddGenericNack(0xFEED, mediaSsrc, lost));

    public static byte[] Pli(uint mediaSsrc) => Build((ref RtcpCompoundWriter w) => w.TryAddPictureLossIndication(0xFEED, mediaSsrc));

    public static byte[] Fir(uint mediaSsrc, byte seq)
    {
        var buffer = new byte[64];
        Assert.True(FullIntraRequest.TryWrite(buffer, 0xFEED, [new FirEntry(mediaSsrc, seq)], out var n));
        return buffer[..n];
    }

    public static byte[] Remb(ulong bitrate, params uint[] ssrcs) =>
        Build((ref RtcpCompoundWriter w) => w.TryAddReceiverEstimatedMaxBitrate(0xFEED, bitrate, ssrcs));

    public static byte[] ReceiverReport(params ReportBlock[] blocks) =>
        Build((ref RtcpCompoundWriter w) => w.TryAddReceiverReport(0xFEED, blocks));

    public static byte[] SenderReport(uint ssrc, ulong ntp, uint rtpTimestamp, uint packets = 10, uint octets = 1000) =>
        Build((ref RtcpCompoundWriter w) => w.TryAddSenderReport(new SenderInfo(ssrc, ntp, rtpTimestamp, packets, octets), []));

    /// <summary>Every RTCP packet in the sent compounds, as (type, format, bytes).</summary>
    public static List<(RtcpPacketType Type, byte Format, byte[] Data)> Packets(IEnumerable<byte[]> compounds)
    {
        var result = new List<(RtcpPacketType, byte, byte[])>();
        foreach (var compound in compounds)
        {
            var reader = new RtcpCompoundReader(compound);
            while (reader.MoveNext())
            {
                result.Add((reader.Current.PacketType, reader.Current.Header.Format, reader.Current.Data.ToArray()));
            }

            Assert.True(reader.Completed, reader.Error);
        }

        return result;
    }

    public static List<byte[]> OfType(IEnumerable<byte[]> compounds, RtcpPacketType type, byte? format = null) =>
        Packets(compounds).Where(p => p.Type == type && (format is null || p.Format == format)).Select(p => p.Data).ToList();

    public static List<byte[]> Plis(TestTransport transport) =>
        OfType(transport.SentRtcp, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.PictureLossIndication);

    public static List<byte[]> Firs(TestTransport transport) =>
        OfType(transport.SentRtcp, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.FullIntraRequest);

    public static List<ushort[]> Nacks(TestTransport transport) =>
        OfType(transport.SentRtcp, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.GenericNack)
            .Select(data =>
            {
                Assert.True(GenericNack.TryParse(data, out var nack));
                var list = new List<ushort>();
                foreach (var seq in nack.LostSequences)
                {
                    list.Add(seq);
                }

                return list.ToArray();
            })
            .ToList();
}
