using System.Diagnostics;
using AnHop.Media.Peer;
using AnHop.Media.Rtp;

namespace AnHop.LoadGenerator;

/// <summary>
/// Paces one publisher's media: video as 30 frames/s of ~1,100-byte packets (the first of each frame carrying a VP8
/// payload descriptor; every 2 s a keyframe, sent as a burst of four times the packets), and audio as evenly spaced
/// 100-byte packets. Called from the sender thread only; sends allocate nothing.
/// </summary>
internal sealed class SyntheticPublisher
{
    public const byte VideoPayloadType = 96;
    public const byte AudioPayloadType = 111;
    private const int FramesPerSecond = 30;
    private const int KeyframeEveryFrames = 2 * FramesPerSecond;
    private const int KeyframeBurstFactor = 4;
    private const int VideoPayloadLength = 1100;
    private const int AudioPayloadLength = 100;

    private readonly int _videoPps;
    private readonly int _audioPps;
    private readonly byte[] _payload = new byte[VideoPayloadLength + 64];
    private readonly byte[] _packet = new byte[1500 + 64];
    private long _framesSent;
    private long _audioSent;
    private ushort _videoSeq;
    private ushort _audioSeq;
    private uint _videoTimestamp;
    private uint _audioTimestamp;

    public SyntheticPublisher(WebRtcPeer peer, uint videoSsrc, uint audioSsrc, int videoPps, int audioPps)
    {
        Peer = peer;
        VideoSsrc = videoSsrc;
        AudioSsrc = audioSsrc;
        _videoPps = videoPps;
        _audioPps = audioPps;
        Random.Shared.NextBytes(_payload);
        _videoSeq = (ushort)Random.Shared.Next();
        _audioSeq = (ushort)Random.Shared.Next();
        _videoTimestamp = (uint)Random.Shared.Next();
        _audioTimestamp = (uint)Random.Shared.Next();
    }

    public WebRtcPeer Peer { get; }

    public uint VideoSsrc { get; }

    public uint AudioSsrc { get; }

    public long PacketsSent { get; private set; }

    public long SendFailures { get; private set; }

    /// <summary>Sends whatever is due <paramref name="elapsedTicks"/> (<see cref="Stopwatch"/> ticks) after the start.</summary>
    public void SendDue(long elapsedTicks)
    {
        if (_videoPps > 0)
        {
            var framesDue = elapsedTicks * FramesPerSecond / Stopwatch.Frequency;
            var packetsPerFrame = Math.Max(1, _videoPps / FramesPerSecond);
            while (_framesSent < framesDue)
            {
                var keyframe = _framesSent % KeyframeEveryFrames == 0;
                SendFrame(keyframe ? packetsPerFrame * KeyframeBurstFactor : packetsPerFrame, keyframe);
                _framesSent++;
                _videoTimestamp += 90_000 / FramesPerSecond;
            }
        }

        if (_audioPps > 0)
        {
            var audioDue = elapsedTicks * _audioPps / Stopwatch.Frequency;
            while (_audioSent < audioDue)
            {
                Send(new RtpHeaderFields(false, AudioPayloadType, _audioSeq++, _audioTimestamp, AudioSsrc), AudioPayloadLength);
                _audioSent++;
                _audioTimestamp += (uint)(48_000 / _audioPps);
            }
        }
    }

    private void SendFrame(int packets, bool keyframe)
    {
        for (var i = 0; i < packets; i++)
        {
            // RFC 7741 §4.2: S set and partition 0 on the frame's first packet; its payload header's P bit is 0 on a keyframe.
            _payload[0] = (byte)(i == 0 ? 0x10 : 0x00);
            _payload[1] = (byte)(keyframe ? 0x00 : 0x01);
            var length = VideoPayloadLength - 100 + ((_videoSeq * 37) % 150);
            Send(new RtpHeaderFields(i == packets - 1, VideoPayloadType, _videoSeq++, _videoTimestamp, VideoSsrc), length);
        }
    }

    private void Send(in RtpHeaderFields header, int payloadLength)
    {
        if (RtpPacketWriter.TryWrite(_packet, header, [], [], _payload.AsSpan(0, payloadLength), 0, out var length)
            && Peer.SendRtp(_packet, length))
        {
            PacketsSent++;
        }
        else
        {
            SendFailures++;
        }
    }
}
