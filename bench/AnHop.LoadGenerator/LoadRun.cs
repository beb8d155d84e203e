using System.Diagnostics;
using System.Globalization;
using AnHop.Media.Dtls;
using AnHop.Media.Peer;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;

namespace AnHop.LoadGenerator;

/// <summary>
/// One bounded run: an SFU (MediaServer on 127.0.0.1 + one Router, i.e. one meeting) in this process, publisher and
/// subscriber peers connected through ICE-lite, DTLS and SRTP, media for <see cref="LoadOptions.Seconds"/>, a line
/// per second and a summary at the end.
/// </summary>
internal sealed class LoadRun(LoadOptions options, TextWriter output) : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<IDisposable> _owned = [];
    private readonly List<SyntheticPublisher> _publishers = [];
    private readonly List<SyntheticSubscriber> _subscribers = [];
    private readonly List<(Producer Video, Producer Audio, string Participant)> _producers = [];
    private MediaServer? _server;
    private Router? _router;
    private DtlsCertificate? _peerCertificate;
    private int _failedConnections;
    private List<string> _sfuThreads = [];
    private volatile bool _stopSending;

    public async Task<int> RunAsync()
    {
        var setup = Stopwatch.StartNew();
        output.WriteLine(string.Create(Invariant,
            $"SFU load: {options.Publishers} publisher(s), {options.SubscriberPeers} subscriber peer(s), pattern {options.Pattern}, " +
            $"{(options.Tcp ? "ICE-TCP" : "UDP")}, video {options.VideoPacketsPerSecond} pps + audio {options.AudioPacketsPerSecond} pps per publisher, " +
            $"{options.Seconds} s, {Environment.ProcessorCount} cores"));
        var transports = options.Publishers + options.SubscriberPeers + 16;
        _server = new MediaServer(new MediaServerOptions
        {
            MaxTransports = transports,
            MaxTcpConnections = transports,
            ReceiveThreads = options.ReceiveThreads,
            BatchSends = options.BatchSends,
            ReceiveBatchSize = options.ReceiveBatchSize,
        }, DtlsCertificate.Generate("AnHop load SFU"));
        var routerOptions = new RouterOptions();
        _router = new Router((_, _) => true, options.FanOutWorkers is { } workers ? new RouterOptions { FanOutWorkers = workers } : routerOptions);
        output.WriteLine(string.Create(Invariant,
            $"SFU: {_server.ReceiveThreadCount} UDP receive thread(s), sendmmsg {(options.BatchSends ? "on" : "off")}, " +
            $"recvmmsg {(options.ReceiveBatchSize > 1 ? options.ReceiveBatchSize.ToString(Invariant) + " per call" : "off")}, " +
            $"{options.FanOutWorkers ?? routerOptions.FanOutWorkers} fan-out worker(s)"));
        _peerCertificate = DtlsCertificate.Generate("AnHop load peer");
        using var ticking = _router.StartTicking(TimeSpan.FromMilliseconds(20));

        await ConnectPublishersAsync();
        await ConnectSubscribersAsync();
        var threadsAfterSetup = Process.GetCurrentProcess().Threads.Count;
        output.WriteLine(string.Create(Invariant,
            $"setup: {setup.Elapsed.TotalSeconds:0.0} s, {_publishers.Count} publishers and {_subscribers.Count} subscribers connected, " +
            $"{_failedConnections} failed, {_subscribers.Sum(s => s.Streams.Count)} consumer streams, {threadsAfterSetup} threads in the process"));
        if (_publishers.Count == 0)
        {
            output.WriteLine("no publisher connected: nothing to measure");
            return 2;
        }

        var probe = ForwardingDelayProbe.Enable();
        try
        {
            return Measure(probe);
        }
        finally
        {
            ForwardingDelayProbe.Disable();
        }
    }

    public void Dispose()
    {
        Parallel.ForEach(Enumerable.Reverse(_owned).ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, owned => owned.Dispose());
        _server?.Dispose();
    }

    private async Task ConnectPublishersAsync()
    {
        var peers = await ConnectManyAsync(options.Publishers, i => $"participant-{i}");
        for (var i = 0; i < peers.Length; i++)
        {
            if (peers[i] is not { } connected)
            {
                continue;
            }

            var videoSsrc = 0x1000_0000u + ((uint)i * 2);
            var audioSsrc = videoSsrc + 1;
            var participant = $"participant-{i}";
            var video = _router!.Produce(connected.Transport, ProducerSource.Camera, new RtpParameters("0",
                new RtpCodec("video/VP8", SyntheticPublisher.VideoPayloadType, 90_000, 1, 97, "", ["nack", "nack pli", "ccm fir", "goog-remb"]),
                [new RtpEncoding(videoSsrc, 0x3000_0000u + (uint)i)], [], $"cname-{i}"));
            var audio = _router.Produce(connected.Transport, ProducerSource.Microphone, new RtpParameters("1",
                new RtpCodec("audio/opus", SyntheticPublisher.AudioPayloadType, 48_000, 2), [new RtpEncoding(audioSsrc)], [], $"cname-{i}"));
            _producers.Add((video, audio, participant));
            _publishers.Add(new SyntheticPublisher(connected.Peer, videoSsrc, audioSsrc, options.VideoPacketsPerSecond, options.AudioPacketsPerSecond));
        }
    }

    private async Task ConnectSubscribersAsync()
    {
        // In a meeting, participant i's receive transport belongs to the same participant as its send transport.
        var meeting = options.Pattern == LoadPattern.Meeting;
        var peers = await ConnectManyAsync(options.SubscriberPeers, i => meeting ? $"participant-{i}" : $"subscriber-{i}");
        for (var i = 0; i < peers.Length; i++)
        {
            if (peers[i] is not { } connected)
            {
                continue;
            }

            var subscriber = new SyntheticSubscriber(connected.Peer);
            foreach (var (video, audio, participant) in _producers)
            {
                if (meeting && participant == $"participant-{i}")
                {
                    continue;
                }

                foreach (var producer in new[] { video, audio })
                {
                    var parameters = _router!.CreateConsumerParameters(producer, producer.RtpParameters.Mid);
                    var consumer = _router.Consume(connected.Transport, producer, parameters);
                    subscriber.Watch(consumer.Ssrc);
                }
            }

            subscriber.Start();
            _subscribers.Add(subscriber);
        }
    }

    /// <summary>Creates transports and peers, connects at most <see cref="LoadOptions.ConnectParallelism"/> at once; null for a failure.</summary>
    private async Task<(WebRtcTransport Transport, WebRtcPeer Peer)?[]> ConnectManyAsync(int count, Func<int, string> participantOf)
    {
        using var gate = new SemaphoreSlim(options.ConnectParallelism);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await ConnectOneAsync(participantOf(i));
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks);
    }

    private async Task<(WebRtcTransport Transport, WebRtcPeer Peer)?> ConnectOneAsync(string participantId)
    {
        var server = _server!;
        var transport = server.CreateWebRtcTransport();
        var candidate = options.Tcp ? server.TcpEndPoint! : server.UdpEndPoint;
        var peer = new WebRtcPeer(transport.LocalUfrag, transport.LocalPassword, transport.LocalFingerprint, candidate, options.Tcp, _peerCertificate)
        {
            IceTimeout = TimeSpan.FromSeconds(60),
        };
        lock (_owned)
        {
            _owned.Add(peer);
            _owned.Add(transport);
        }

        transport.SetRemoteParameters(peer.LocalUfrag, peer.LocalPassword, peer.Fingerprint);
        _router!.AddTransport(transport, participantId);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await peer.ConnectAsync(timeout.Token);
            await transport.WhenConnected.WaitAsync(timeout.Token);
            return (transport, peer);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or DtlsHandshakeException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failedConnections);
            output.WriteLine($"{participantId}: not connected ({e.GetType().Name}: {e.Message})");
            return null;
        }
    }

    private int Measure(ForwardingDelayHistogram probe)
    {
        var started = Stopwatch.GetTimestamp();
        var sender = new Thread(() => SendLoop(started)) { IsBackground = true, Name = ThreadGroups.Sender, Priority = ThreadPriority.AboveNormal };
        _sfuThreads = ThreadCpuSampler.TaskDirectoriesOf(ThreadGroups.SfuUdp, ThreadGroups.SfuTcp);
        var first = TakeSample(probe, started, allThreads: true);
        var previous = first;
        sender.Start();
        output.WriteLine(LoadReport.SecondHeader);
        for (var second = 1; second <= options.Seconds; second++)
        {
            if (second == 2)
            {
                // Fan-out workers start on the first big packet: count them from here on.
                _sfuThreads = ThreadCpuSampler.TaskDirectoriesOf(ThreadGroups.SfuUdp, ThreadGroups.SfuTcp);
            }

            var due = started + (second * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            var sample = TakeSample(probe, started, allThreads: second == options.Seconds);
            output.WriteLine(LoadReport.SecondLine(previous, sample));
            previous = sample;
        }

        _stopSending = true;
        sender.Join();
        Thread.Sleep(300); // What is in flight lands; it counts in the totals, not in the rates.
        var last = TakeSample(probe, started, allThreads: true);
        output.WriteLine();
        output.WriteLine(LoadReport.Summary(options, first, previous, last, _publishers.Count, _subscribers.Count,
            _publishers.Sum(p => p.SendFailures), _subscribers.Sum(s => s.Unknown)));
        var nacked = _producers.Sum(p => p.Video.Metrics.Snapshot().NackedPackets);
        output.WriteLine(string.Create(Invariant,
            $"  {"video packets the SFU found missing",-40} {nacked} (sequence gaps in what it read from the publishers; it NACKed them, the synthetic publishers do not resend)"));
        return 0;
    }

    private void SendLoop(long started)
    {
        while (!_stopSending)
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (elapsed >= options.Seconds * Stopwatch.Frequency)
            {
                return;
            }

            foreach (var publisher in _publishers)
            {
                publisher.SendDue(elapsed);
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Counters now; CPU of every thread group when <paramref name="allThreads"/>, else of the SFU's threads only.</summary>
    private LoadSample TakeSample(ForwardingDelayHistogram probe, long started, bool allThreads)
    {
        var totals = _server!.GetTotals();
        long received = 0;
        long expected = 0;
        foreach (var subscriber in _subscribers)
        {
            foreach (var stream in subscriber.Streams)
            {
                received += stream.Received;
                expected += stream.Expected;
            }
        }

        using var process = Process.GetCurrentProcess();
        var socket = UdpDropCounters.Socket(_server.UdpEndPoint.Port);
        long producerIn = 0;
        foreach (var (video, audio, _) in _producers)
        {
            producerIn += video.Metrics.Snapshot().PacketsIn + audio.Metrics.Snapshot().PacketsIn;
        }

        return new LoadSample(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            totals.PacketsIn,
            totals.PacketsOut,
            _publishers.Sum(p => p.PacketsSent),
            received,
            expected,
            process.TotalProcessorTime.TotalSeconds,
            ThreadCpuSampler.Sample(allThreads ? null : _sfuThreads),
            probe.Snapshot(),
            socket.Drops,
            socket.QueuedBytes,
            producerIn,
            UdpDropCounters.ProcessSocketDrops(),
            _router!.PacketsDropped,
            totals.TotalDrops,
            // Every sample is taken on the reporting thread; its own allocations (procfs reads, text) are left out.
            GC.GetTotalAllocatedBytes(precise: true) - GC.GetAllocatedBytesForCurrentThread(),
            GC.CollectionCount(0),
            GC.CollectionCount(2),
            process.WorkingSet64,
            HostCpuSampler.Sample());
    }
}
