namespace AnHop.Media.Srtp;

/// <summary>
/// The reasons <see cref="SrtpContext"/> gives when it refuses a packet. They are constant strings, so a
/// failure costs no allocation and callers can count them by reference.
/// </summary>
public static class SrtpErrors
{
    public const string TooShort = "packet too short for its header and SRTP trailer";
    public const string BadVersion = "not an RTP/RTCP version 2 packet";
    public const string HeaderTooLong = "CSRC list or header extension runs past the packet";
    public const string NoRoomForTrailer = "buffer has no room for the SRTP trailer";
    public const string Replayed = "packet index already received (replay)";
    public const string TooOld = "packet index is older than the replay window";
    public const string AuthenticationFailed = "authentication tag does not match";
    public const string TooManySsrcs = "too many SSRCs for this context";
    public const string IndexExhausted = "SRTCP index space exhausted: rekey";
}
