using System.Buffers.Binary;

namespace AnHop.Media.Srtp;

/// <summary>
/// SRTP and SRTCP (RFC 3711; RFC 7714 for GCM) with one master key and salt. Protect and unprotect work in
/// place on the caller's buffer and allocate nothing per packet; only the first packet of an SSRC creates
/// that SSRC's state. A DTLS-SRTP association needs two contexts: one with the local keys to protect what
/// it sends and one with the remote keys to unprotect what it receives (<see cref="CreateOutbound"/>,
/// <see cref="CreateInbound"/>). Send and receive state are kept apart, so one context may also do both.
/// <para>Threading: a context is not thread-safe. Use it from one thread at a time (one receive loop or
/// one send path), as pion/srtp and libsrtp require too. After <see cref="Dispose"/> it throws
/// <see cref="ObjectDisposedException"/>.</para>
/// <para>Failures return false with a constant reason from <see cref="SrtpErrors"/>; nothing throws on
/// hostile bytes.</para>
/// </summary>
public sealed class SrtpContext : IDisposable
{
    /// <summary>Replay window for SRTP: 1024 packets, as Chromium configures libsrtp, so late NACK retransmissions still pass.</summary>
    public const int DefaultRtpReplayWindow = 1024;

    /// <summary>Replay window for SRTCP (libsrtp's fixed 128).</summary>
    public const int DefaultRtcpReplayWindow = 128;

    /// <summary>Most SSRCs a context tracks per direction; a bound on memory an attacker can make it use.</summary>
    public const int DefaultMaxSsrcs = 256;

    private const uint MaxRtcpIndex = 0x7FFF_FFFF;

    private readonly SrtpCipher cipher;
    private readonly Dictionary<uint, SrtpStreamState> outbound = [];
    private readonly Dictionary<uint, SrtpStreamState> inbound = [];
    private readonly int maxSsrcs;
    private readonly int rtpWindowBits;
    private readonly int rtcpWindowBits;

    /// <summary>Derives the session keys from a master key and salt (RFC 3711 §4.3, kdr 0).</summary>
    /// <param name="rtpReplayWindow">SRTP replay window in packets; a multiple of 64, at least 64.</param>
    /// <param name="rtcpReplayWindow">SRTCP replay window in packets; a multiple of 64, at least 64.</param>
    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt,
        int maxSsrcs = DefaultMaxSsrcs, int rtpReplayWindow = DefaultRtpReplayWindow, int rtcpReplayWindow = DefaultRtcpReplayWindow)
        : this(profile, CreateCipher(profile, masterKey, masterSalt), maxSsrcs, rtpReplayWindow, rtcpReplayWindow)
    {
    }

    internal SrtpContext(SrtpProfile profile, SrtpCipher cipher, int maxSsrcs = DefaultMaxSsrcs,
        int rtpReplayWindow = DefaultRtpReplayWindow, int rtcpReplayWindow = DefaultRtcpReplayWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSsrcs, 1);
        if (rtpReplayWindow < 64 || rtpReplayWindow % 64 != 0 || rtcpReplayWindow < 64 || rtcpReplayWindow % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rtpReplayWindow), "replay windows must be positive multiples of 64");
        }

        Profile = profile;
        this.cipher = cipher;
        this.maxSsrcs = maxSsrcs;
        rtpWindowBits = rtpReplayWindow;
        rtcpWindowBits = rtcpReplayWindow;
    }

    public SrtpProfile Profile { get; }

    /// <summary>Bytes <see cref="ProtectRtp(Span{byte}, int, out int)"/> appends: 10 for CM-HMAC, 16 for GCM.</summary>
    public int RtpOverhead => cipher.RtpTrailerLength;

    /// <summary>Bytes <see cref="ProtectRtcp(Span{byte}, int, out int)"/> appends: 14 for CM-HMAC, 20 for GCM.</summary>
    public int RtcpOverhead => cipher.RtcpTrailerLength;

    /// <summary>A context that protects with this side's keys (what it sends).</summary>
    public static SrtpContext CreateOutbound(SrtpKeyingMaterial keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new SrtpContext(keys.Profile, keys.LocalMasterKey, keys.LocalMasterSalt);
    }

    /// <summary>A context that unprotects with the peer's keys (what it receives).</summary>
    public static SrtpContext CreateInbound(SrtpKeyingMaterial keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
    }

    /// <summary>
    /// Encrypts the RTP packet in buffer[..length] and appends the tag. The buffer must have
    /// <see cref="RtpOverhead"/> spare bytes after the packet.
    /// </summary>
    public bool ProtectRtp(Span<byte> buffer, int length, out int protectedLength) =>
        ProtectRtp(buffer, length, out protectedLength, out _);

    public bool ProtectRtp(Span<byte> buffer, int length, out int protectedLength, out string? reason)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (!SrtpRtpHeader.TryParse(buffer[..length], out var header, out reason))
        {
            return false;
        }

        if (buffer.Length - length < cipher.RtpTrailerLength)
        {
            reason = SrtpErrors.NoRoomForTrailer;
            return false;
        }

        if (!TryGetState(outbound, header.Ssrc, receiving: false, out var state))
        {
            reason = SrtpErrors.TooManySsrcs;
            return false;
        }

        // The sender keeps its own ROC: it rolls over when the sequence number wraps (RFC 3711 §3.3.1).
        ulong index = header.SequenceNumber;
        if (state.HasRtpIndex)
        {
            index = SrtpIndex.Estimate(state.HighestRtpIndex, header.SequenceNumber);
        }

        if (!state.HasRtpIndex || index > state.HighestRtpIndex)
        {
            state.HighestRtpIndex = index;
            state.HasRtpIndex = true;
        }

        protectedLength = cipher.EncryptRtp(buffer, header.Length, length, header.Ssrc, index);
        return true;
    }

    /// <summary>
    /// Authenticates and decrypts the SRTP packet that fills <paramref name="packet"/>; the plain RTP packet
    /// is then packet[..plainLength]. On false the packet must be dropped (its bytes may have changed).
    /// </summary>
    public bool UnprotectRtp(Span<byte> packet, out int plainLength) => UnprotectRtp(packet, out plainLength, out _);

    public bool UnprotectRtp(Span<byte> packet, out int plainLength, out string? reason)
    {
        plainLength = 0;
        var end = packet.Length - cipher.RtpTrailerLength;
        if (end < 12)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (!SrtpRtpHeader.TryParse(packet[..end], out var header, out reason))
        {
            return false;
        }

        // State is created only once a packet authenticates, so forged SSRCs cannot fill the table.
        var known = inbound.TryGetValue(header.Ssrc, out var state);
        ulong index = header.SequenceNumber;
        if (known && state!.HasRtpIndex)
        {
            index = SrtpIndex.Estimate(state.HighestRtpIndex, header.SequenceNumber);
            reason = state.RtpWindow!.Check(index);
            if (reason is not null)
            {
                return false;
            }
        }
        else if (!known && inbound.Count >= maxSsrcs)
        {
            reason = SrtpErrors.TooManySsrcs;
            return false;
        }

        if (!cipher.DecryptRtp(packet, header.Length, header.Ssrc, index))
        {
            reason = SrtpErrors.AuthenticationFailed;
            return false;
        }

        if (!known)
        {
            state = new SrtpStreamState(rtpWindowBits, rtcpWindowBits, receiving: true);
            inbound.Add(header.Ssrc, state);
        }

        state!.RtpWindow!.Accept(index);
        if (!state.HasRtpIndex || index > state.HighestRtpIndex)
        {
            state.HighestRtpIndex = index;
            state.HasRtpIndex = true;
        }

        plainLength = end;
        return true;
    }

    /// <summary>
    /// Encrypts the (compound) RTCP packet in buffer[..length] and appends E‖SRTCP index and the tag.
    /// The buffer must have <see cref="RtcpOverhead"/> spare bytes after the packet.
    /// </summary>
    public bool ProtectRtcp(Span<byte> buffer, int length, out int protectedLength) =>
        ProtectRtcp(buffer, length, out protectedLength, out _);

    public bool ProtectRtcp(Span<byte> buffer, int length, out int protectedLength, out string? reason)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (!SrtcpHeader.TryParse(buffer[..length], out var header, out reason))
        {
            return false;
        }

        if (buffer.Length - length < cipher.RtcpTrailerLength)
        {
            reason = SrtpErrors.NoRoomForTrailer;
            return false;
        }

        if (!TryGetState(outbound, header.Ssrc, receiving: false, out var state))
        {
            reason = SrtpErrors.TooManySsrcs;
            return false;
        }

        var index = state.NextRtcpIndex;
        if (index > MaxRtcpIndex)
        {
            reason = SrtpErrors.IndexExhausted;
            return false;
        }

        state.NextRtcpIndex = index + 1;
        protectedLength = cipher.EncryptRtcp(buffer, length, header.Ssrc, index);
        return true;
    }

    /// <summary>
    /// Authenticates and, when its E flag is set, decrypts the SRTCP packet that fills <paramref name="packet"/>;
    /// the plain RTCP packet is then packet[..plainLength].
    /// </summary>
    public bool UnprotectRtcp(Span<byte> packet, out int plainLength) => UnprotectRtcp(packet, out plainLength, out _);

    public bool UnprotectRtcp(Span<byte> packet, out int plainLength, out string? reason)
    {
        plainLength = 0;
        var end = packet.Length - cipher.RtcpTrailerLength;
        if (end < SrtcpHeader.Length)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (!SrtcpHeader.TryParse(packet[..end], out var header, out reason))
        {
            return false;
        }

        // RFC 3711 §3.4:
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |E|                         SRTCP index                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[^cipher.RtcpIndexOffsetFromEnd..]);
        var encrypted = (word & 0x8000_0000u) != 0;
        var index = word & MaxRtcpIndex;

        var known = inbound.TryGetValue(header.Ssrc, out var state);
        if (known)
        {
            reason = state!.RtcpWindow!.Check(index);
            if (reason is not null)
            {
                return false;
            }
        }
        else if (inbound.Count >= maxSsrcs)
        {
            reason = SrtpErrors.TooManySsrcs;
            return false;
        }

        if (!cipher.DecryptRtcp(packet, header.Ssrc, index, encrypted))
        {
            reason = SrtpErrors.AuthenticationFailed;
            return false;
        }

        if (!known)
        {
            state = new SrtpStreamState(rtpWindowBits, rtcpWindowBits, receiving: true);
            inbound.Add(header.Ssrc, state);
        }

        state!.RtcpWindow!.Accept(index);
        plainLength = end;
        return true;
    }

    /// <summary>The rollover counter this context has reached for an SSRC it sends, if it has sent any RTP.</summary>
    public bool TryGetOutboundRolloverCounter(uint ssrc, out uint rolloverCounter)
    {
        var found = outbound.TryGetValue(ssrc, out var state) && state.HasRtpIndex;
        rolloverCounter = found ? SrtpIndex.RolloverCounter(state!.HighestRtpIndex) : 0;
        return found;
    }

    /// <summary>The rollover counter this context has reached for an SSRC it receives, if any RTP authenticated.</summary>
    public bool TryGetInboundRolloverCounter(uint ssrc, out uint rolloverCounter)
    {
        var found = inbound.TryGetValue(ssrc, out var state) && state.HasRtpIndex;
        rolloverCounter = found ? SrtpIndex.RolloverCounter(state!.HighestRtpIndex) : 0;
        return found;
    }

    /// <summary>Forgets an SSRC in both directions (the stream ended), freeing its slot.</summary>
    public void RemoveSsrc(uint ssrc)
    {
        outbound.Remove(ssrc);
        inbound.Remove(ssrc);
    }

    public void Dispose() => cipher.Dispose();

    private bool TryGetState(Dictionary<uint, SrtpStreamState> states, uint ssrc, bool receiving, out SrtpStreamState state)
    {
        if (states.TryGetValue(ssrc, out var found))
        {
            state = found;
            return true;
        }

        if (states.Count >= maxSsrcs)
        {
            state = null!;
            return false;
        }

        state = new SrtpStreamState(rtpWindowBits, rtcpWindowBits, receiving);
        states.Add(ssrc, state);
        return true;
    }

    private static SrtpCipher CreateCipher(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (masterKey.Length != profile.MasterKeyLength() || masterSalt.Length != profile.MasterSaltLength())
        {
            throw new ArgumentException($"key or salt length does not match {profile}");
        }

        return profile switch
        {
            SrtpProfile.Aes128CmHmacSha1_80 => new SrtpAesCmHmacSha1Cipher(masterKey, masterSalt),
            SrtpProfile.AeadAes128Gcm => new SrtpAesGcmCipher(masterKey, masterSalt),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile"),
        };
    }
}
