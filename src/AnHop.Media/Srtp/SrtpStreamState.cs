namespace AnHop.Media.Srtp;

/// <summary>
/// What one context remembers about one SSRC in one direction (RFC 3711 §3.2.1): the highest SRTP index
/// (which holds the ROC), the SRTCP index, and, on the receiving side, the two replay windows.
/// </summary>
internal sealed class SrtpStreamState
{
    public SrtpStreamState(int rtpWindowBits, int rtcpWindowBits, bool receiving)
    {
        if (receiving)
        {
            RtpWindow = new SrtpReplayWindow(rtpWindowBits);
            RtcpWindow = new SrtpReplayWindow(rtcpWindowBits);
        }
    }

    /// <summary>Whether an RTP packet has been protected or authenticated for this SSRC yet.</summary>
    public bool HasRtpIndex { get; set; }

    /// <summary>The highest SRTP index so far: ROC in the upper 32 bits, s_l in the lower 16.</summary>
    public ulong HighestRtpIndex { get; set; }

    /// <summary>Sending side: the SRTCP index the next packet gets (RFC 3711 §3.4).</summary>
    public uint NextRtcpIndex { get; set; }

    public SrtpReplayWindow? RtpWindow { get; }

    public SrtpReplayWindow? RtcpWindow { get; }
}
