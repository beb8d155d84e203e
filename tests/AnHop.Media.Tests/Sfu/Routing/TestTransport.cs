using AnHop.Media.Sfu;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>An in-memory <see cref="IMediaTransport"/> that records what the router sends (or only counts, allocation-free).</summary>
public sealed class TestTransport(string id = "t") : IMediaTransport
{
    public string Id { get; } = id;

    public bool IsConnected { get; set; } = true;

    public IMediaTransportSink? Sink { get; set; }

    /// <summary>When false, sent packets are only counted, so that sending allocates nothing.</summary>
    public bool Recording { get; set; } = true;

    public List<byte[]> SentRtp { get; } = [];

    public List<byte[]> SentRtcp { get; } = [];

    public long RtpCount { get; private set; }

    public long RtcpCount { get; private set; }

    public int ClosedCount { get; private set; }

    public event EventHandler? Closed;

    public bool SendRtp(Span<byte> buffer, int length)
    {
        Assert.True(buffer.Length >= length + IMediaTransport.MaxProtectionOverhead, "the router must leave room for SRTP");
        RtpCount++;
        if (Recording)
        {
            SentRtp.Add(buffer[..length].ToArray());
        }

        return IsConnected;
    }

    public bool SendRtcp(Span<byte> buffer, int length)
    {
        Assert.True(buffer.Length >= length + IMediaTransport.MaxProtectionOverhead, "the router must leave room for SRTCP");
        RtcpCount++;
        if (Recording)
        {
            SentRtcp.Add(buffer[..length].ToArray());
        }

        return IsConnected;
    }

    public void Close()
    {
        ClosedCount++;
        IsConnected = false;
        Closed?.Invoke(this, EventArgs.Empty);
    }

    public void Receive(byte[] packet) => Sink!.OnRtp(this, packet.AsSpan().ToArray());

    public void ReceiveRtcp(byte[] packet) => Sink!.OnRtcp(this, packet.AsSpan().ToArray());

    public void Clear()
    {
        SentRtp.Clear();
        SentRtcp.Clear();
    }
}
