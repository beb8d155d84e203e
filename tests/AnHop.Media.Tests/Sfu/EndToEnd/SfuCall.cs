using System.Buffers.Binary;
using AnHop.Media.Peer;
using AnHop.Media.Rtp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Tests.Sfu.Transport;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;
using Parameters = AnHop.Media.Tests.Sfu.Routing.Parameters;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

/// <summary>
/// A whole SFU in-process (a <see cref="MediaServer"/> on 127.0.0.1 and a <see cref="Router"/>), one publisher
/// peer with a VP8-like camera and an Opus-like microphone, and subscriber peers consuming both: browsers
/// replaced by <see cref="WebRtcPeer"/>s speaking ICE, DTLS and SRTP over loopback UDP.
/// </summary>
internal sealed class SfuCall : IAsyncDisposable
{
    public const uint VideoSsrc = 0x10001000;
    public const uint VideoRtxSsrc = 0x10001001;
    public const uint AudioSsrc = 0x20002000;
    public const string RefusedParticipant = "intruder";

    private readonly ITimer _ticking;
    private readonly List<IDisposable> _owned = [];
    private readonly byte[] _buffer = new byte[1500 + 64];
    private ushort _videoSeq = 1000;
    private ushort _audioSeq = 5000;
    private uint _videoTimestamp = 90_000;
    private uint _audioTimestamp = 48_000;
    private bool _tcp;

    private SfuCall(MediaServer server, Router router)
    {
        Server = server;
        Router = router;
        _ticking = router.StartTicking(TimeSpan.FromMilliseconds(20));
    }

    public MediaServer Server { get; }

    public Router Router { get; }

    public Participant Publisher { get; private set; } = null!;

    public Producer Video { get; private set; } = null!;

    public Producer Audio { get; private set; } = null!;

    public List<Subscriber> Subscribers { get; } = [];

    /// <summary>Payloads the publisher sent, in order, per kind.</summary>
    public List<byte[]> SentVideo { get; } = [];

    public List<byte[]> SentAudio { get; } = [];

    /// <param name="tcp">Every peer connects over ICE-TCP instead of UDP.</param>
    /// <param name="routerOptions">The router's settings (fan-out thresholds); null for the defaults.</param>
    public static async Task<SfuCall> StartAsync(int subscribers, bool tcp = false, RouterOptions? routerOptions = null)
    {
        var server = NewServer();
        var router = new Router((participant, _) => participant != RefusedParticipant, routerOptions);
        var call = new SfuCall(server, router) { _tcp = tcp };
        call.Publisher = await call.JoinAsync("publisher");
        call.Video = router.Produce(call.Publisher.Transport, ProducerSource.Camera, Parameters.Video(VideoSsrc, VideoRtxSsrc, mid: "0"));
        call.Audio = router.Produce(call.Publisher.Transport, ProducerSource.Microphone, Parameters.Audio(AudioSsrc, mid: "1"));
        for (var i = 0; i < subscribers; i++)
        {
            var participant = await call.JoinAsync($"subscriber-{i}");
            var video = router.Consume(participant.Transport, call.Video, router.CreateConsumerParameters(call.Video, "0"));
            var audio = router.Consume(participant.Transport, call.Audio, router.CreateConsumerParameters(call.Audio, "1"));
            call.Subscribers.Add(new Subscriber(participant, video, audio));
        }

        return call;
    }

    /// <summary>A connected transport and peer for <paramref name="participantId"/>, added to the router.</summary>
    public async Task<Participant> JoinAsync(string participantId)
    {
        var (transport, peer) = Pair(Server, _tcp);
        _owned.Add(peer);
        _owned.Add(transport);
        Router.AddTransport(transport, participantId);
        var recorder = new PeerRecorder();
        recorder.Attach(peer);
        await peer.ConnectAsync().WaitAsync(Patience);
        await transport.WhenConnected.WaitAsync(Patience);
        return new Participant(transport, peer, recorder);
    }

    /// <summary>
    /// One frame of <paramref name="packets"/> video packets (~1,100 bytes; the first carries a VP8 payload descriptor
    /// starting partition 0, a keyframe when asked), written with <see cref="RtpPacketWriter"/>.
    /// </summary>
    public void SendVideoFrame(int packets, bool keyframe, WebRtcPeer? from = null, uint ssrc = VideoSsrc)
    {
        for (var i = 0; i < packets; i++)
        {
            var payload = new byte[1100];
            Random.Shared.NextBytes(payload);
            payload[0] = (byte)(i == 0 ? 0x10 : 0x00); // S bit on the first packet of the frame, partition 0.
            if (i == 0)
            {
                payload[1] = (byte)(keyframe ? 0x00 : 0x01); // VP8 payload header: P = 0 marks a keyframe.
            }

            Send(from ?? Publisher.Peer, new RtpHeaderFields(i == packets - 1, Parameters.Vp8Pt, _videoSeq++, _videoTimestamp, ssrc), payload);
            if (from is null)
            {
                SentVideo.Add(payload);
            }
        }

        _videoTimestamp += 3000;
    }

    public void SendAudio(int packets)
    {
        for (var i = 0; i < packets; i++)
        {
            var payload = new byte[100];
            Random.Shared.NextBytes(payload);
            Send(Publisher.Peer, new RtpHeaderFields(false, Parameters.OpusPt, _audioSeq++, _audioTimestamp, AudioSsrc), payload);
            SentAudio.Add(payload);
            _audioTimestamp += 960;
        }
    }

    /// <summary>Waits until every subscriber has all the video and audio the publisher sent.</summary>
    public Task AllArrived(string what) => Eventually(
        () => Subscribers.All(s => s.Received(s.Video).Count >= SentVideo.Count && s.Received(s.Audio).Count >= SentAudio.Count),
        what);

    public static void SendRtcp(WebRtcPeer peer, byte[] plain)
    {
        var buffer = new byte[plain.Length + 64];
        plain.CopyTo(buffer, 0);
        Assert.True(peer.SendRtcp(buffer, plain.Length));
    }

    public async ValueTask DisposeAsync()
    {
        await _ticking.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        Server.Dispose();
    }

    private void Send(WebRtcPeer peer, in RtpHeaderFields header, byte[] payload)
    {
        Assert.True(RtpPacketWriter.TryWrite(_buffer, header, [], [], payload, 0, out var length));
        Assert.True(peer.SendRtp(_buffer, length));
    }
}

internal sealed record Participant(WebRtcTransport Transport, WebRtcPeer Peer, PeerRecorder Recorder);

internal sealed record Subscriber(Participant Participant, Consumer Video, Consumer Audio)
{
    public WebRtcPeer Peer => Participant.Peer;

    /// <summary>The RTP packets this subscriber received with <paramref name="consumer"/>'s SSRC, in arrival order.</summary>
    public List<byte[]> Received(Consumer consumer) => ReceivedWithSsrc(consumer.Ssrc);

    public List<byte[]> ReceivedWithSsrc(uint ssrc) =>
        Participant.Recorder.Rtp.Where(p => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8)) == ssrc).ToList();

    public int ReceivedCount => Participant.Recorder.Rtp.Count;
}
