using System.Globalization;

namespace AnHop.LoadGenerator;

/// <summary>Who consumes whom: every subscriber every publisher, or a meeting where each participant publishes and watches the others.</summary>
internal enum LoadPattern
{
    /// <summary>N publishers and M subscriber-only peers; every subscriber consumes every publisher (1×M is a fan-out).</summary>
    FanOut,

    /// <summary>N participants, each a publisher peer and a subscriber peer (as the server wires a browser); each watches the N−1 others.</summary>
    Meeting,
}

/// <summary>The command line, parsed without exceptions.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        AnHop.LoadGenerator: an in-process SFU (MediaServer + Router) under load from synthetic WebRTC peers on loopback.
          --publishers N     publishing peers (default 1)
          --subscribers M    subscribing peers, fan-out pattern only (default 10)
          --pattern P        fanout (every subscriber consumes every publisher) or meeting (N participants watch each other)
          --seconds S        how long media flows, 1-600 (default 10)
          --tcp              connect the peers over ICE-TCP instead of UDP
          --video-pps V      video packets per second per publisher (default 300; 0 for none)
          --audio-pps A      audio packets per second per publisher (default 50; 0 for none)
          --connect-parallel K  peers connecting at once (default 8)
          --receive-threads R   SFU UDP sockets/receive threads on the port (SO_REUSEPORT; default: processor count)
          --fan-out-workers W   router fan-out worker threads (default: the router's, processor count - 1)
          --no-batch         one sendto per copy instead of sendmmsg batches
          --receive-batch B  datagrams per recvmmsg call on the SFU's receive threads (default 32; 1: one recvfrom each)
        """;

    public int Publishers { get; init; } = 1;

    public int Subscribers { get; init; } = 10;

    public LoadPattern Pattern { get; init; } = LoadPattern.FanOut;

    public int Seconds { get; init; } = 10;

    public bool Tcp { get; init; }

    public int VideoPacketsPerSecond { get; init; } = 300;

    public int AudioPacketsPerSecond { get; init; } = 50;

    public int ConnectParallelism { get; init; } = 8;

    public int ReceiveThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Null: the router's default.</summary>
    public int? FanOutWorkers { get; init; }

    public bool BatchSends { get; init; } = true;

    public int ReceiveBatchSize { get; init; } = 32;

    /// <summary>Subscriber peers the run creates.</summary>
    public int SubscriberPeers => Pattern == LoadPattern.Meeting ? Publishers : Subscribers;

    /// <summary>Publishers each subscriber consumes.</summary>
    public int ConsumedPerSubscriber => Pattern == LoadPattern.Meeting ? Publishers - 1 : Publishers;

    public static bool TryParse(IReadOnlyList<string> args, out LoadOptions options, out string? reason)
    {
        options = new LoadOptions();
        reason = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--tcp")
            {
                options = options with { Tcp = true };
                continue;
            }

            if (name == "--no-batch")
            {
                options = options with { BatchSends = false };
                continue;
            }

            if (name is "--help" or "-h")
            {
                reason = "help";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                reason = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            if (name == "--pattern")
            {
                if (value.Equals("fanout", StringComparison.OrdinalIgnoreCase))
                {
                    options = options with { Pattern = LoadPattern.FanOut };
                }
                else if (value.Equals("meeting", StringComparison.OrdinalIgnoreCase))
                {
                    options = options with { Pattern = LoadPattern.Meeting };
                }
                else
                {
                    reason = "--pattern is fanout or meeting";
                    return false;
                }

                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                reason = $"{name} needs a whole number, not '{value}'";
                return false;
            }

            switch (name)
            {
                case "--publishers" when number is >= 1 and <= 500:
                    options = options with { Publishers = number };
                    break;
                case "--subscribers" when number is >= 0 and <= 990:
                    options = options with { Subscribers = number };
                    break;
                case "--seconds" when number is >= 1 and <= 600:
                    options = options with { Seconds = number };
                    break;
                case "--video-pps" when number is >= 0 and <= 10_000:
                    options = options with { VideoPacketsPerSecond = number };
                    break;
                case "--audio-pps" when number is >= 0 and <= 1_000:
                    options = options with { AudioPacketsPerSecond = number };
                    break;
                case "--connect-parallel" when number is >= 1 and <= 64:
                    options = options with { ConnectParallelism = number };
                    break;
                case "--receive-threads" when number is >= 1 and <= 64:
                    options = options with { ReceiveThreads = number };
                    break;
                case "--receive-batch" when number is >= 1 and <= 1024:
                    options = options with { ReceiveBatchSize = number };
                    break;
                case "--fan-out-workers" when number is >= 0 and <= 8:
                    options = options with { FanOutWorkers = number };
                    break;
                default:
                    reason = $"unknown option {name}, or {value} is out of its range";
                    return false;
            }
        }

        if (options.Pattern == LoadPattern.Meeting && options.Publishers < 2)
        {
            reason = "a meeting needs at least 2 participants (--publishers)";
            return false;
        }

        return true;
    }
}
