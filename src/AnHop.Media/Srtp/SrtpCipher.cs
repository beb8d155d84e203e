namespace AnHop.Media.Srtp;

/// <summary>
/// One profile's transform over whole packets, in place. The context has already parsed the header,
/// estimated the index and checked replay; the cipher only encrypts, authenticates and lays out the trailer.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>Bytes SRTP appends to an RTP packet.</summary>
    public abstract int RtpTrailerLength { get; }

    /// <summary>Bytes SRTCP appends to an RTCP packet: the E flag and index word plus the tag.</summary>
    public abstract int RtcpTrailerLength { get; }

    /// <summary>Where the E‖SRTCP index word starts, counted back from the end of the packet.</summary>
    public abstract int RtcpIndexOffsetFromEnd { get; }

    /// <summary>Encrypts packet[headerLength..length] and writes the tag after it; returns the new length.</summary>
    public abstract int EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>Checks the tag at the end of <paramref name="packet"/>, then decrypts the payload.</summary>
    public abstract bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>Encrypts packet[8..length], appends E‖index and the tag; returns the new length.</summary>
    public abstract int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index);

    /// <summary>Checks the tag, then decrypts when the E flag was set.</summary>
    public abstract bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted);

    public abstract void Dispose();
}
