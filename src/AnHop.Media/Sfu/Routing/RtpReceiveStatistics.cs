using AnHop.Media.Rtcp;
using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// What the SFU reports back to a publisher about one of its streams: the reception report block of
/// RFC 3550 §6.4.1, computed as in its appendix A.3 (loss) and A.8 (interarrival jitter), with LSR/DLSR
/// from the publisher's last Sender Report. Not thread-safe: used under the router's lock.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private readonly SequenceUnwrapper _unwrapper = new();
    private readonly int _clockRate;
    private long _baseIndex;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private uint _lastTransit;
    private bool _hasTransit;
    private double _jitter;
    private uint _lastSenderReport;
    private long _lastSenderReportArrivalMs = long.MinValue;

    public RtpReceiveStatistics(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _clockRate = clockRate;
    }

    public long PacketsReceived => _received;

    public bool HasStarted => _unwrapper.HasStarted;

    /// <summary>Counts a packet; <paramref name="retransmission"/> packets count as received but are left out of the jitter.</summary>
    public void OnPacket(ushort sequenceNumber, uint timestamp, long nowMs, bool retransmission)
    {
        if (!_unwrapper.HasStarted)
        {
            _baseIndex = sequenceNumber;
        }

        var index = _unwrapper.Unwrap(sequenceNumber);
        if (index < _baseIndex)
        {
            _baseIndex = index;
        }

        _received++;
        if (retransmission)
        {
            return;
        }

        // RFC 3550 A.8: J += (|D| - J) / 16, with arrival times in the stream's RTP clock.
        // Differences are taken modulo 2^32 so that a timestamp wrap is not a jump.
        var arrival = (uint)(nowMs * _clockRate / 1000);
        var transit = arrival - timestamp;
        if (_hasTransit)
        {
            var d = Math.Abs((long)(int)(transit - _lastTransit));
            _jitter += (d - _jitter) / 16;
        }

        _lastTransit = transit;
        _hasTransit = true;
    }

    /// <summary>Remembers the middle 32 bits of the SR's NTP time and when it came (for LSR and DLSR).</summary>
    public void OnSenderReport(ulong ntpTimestamp, long nowMs)
    {
        _lastSenderReport = (uint)(ntpTimestamp >> 16);
        _lastSenderReportArrivalMs = nowMs;
    }

    /// <summary>The report block for now; starts a new interval for the fraction lost.</summary>
    public ReportBlock CreateReportBlock(uint ssrc, long nowMs)
    {
        // RFC 3550 A.3.
        var extendedMax = _unwrapper.HighestIndex;
        var expected = extendedMax - _baseIndex + 1;
        var lost = expected - _received;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        var dlsr = _lastSenderReportArrivalMs == long.MinValue
            ? 0u
            : (uint)Math.Min(uint.MaxValue, (nowMs - _lastSenderReportArrivalMs) * 65536 / 1000);
        return new ReportBlock(
            ssrc,
            (byte)fraction,
            (int)Math.Clamp(lost, ReportBlock.MinCumulativeLost, ReportBlock.MaxCumulativeLost),
            (uint)extendedMax,
            (uint)_jitter,
            _lastSenderReportArrivalMs == long.MinValue ? 0 : _lastSenderReport,
            dlsr);
    }
}
