namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// One dedicated fan-out thread with its own scratch buffer. Started on the first packet it is needed for, it parks on
/// a semaphore between packets and ends after <see cref="IdleMs"/> without work (a meeting that shrinks or ends holds
/// no thread); the next packet starts it again.
/// </summary>
internal sealed class FanOutWorker(FanOut owner, int slot, string name)
{
    internal const int IdleMs = 10_000;

    private readonly SemaphoreSlim _start = new(0);
    private readonly Lock _life = new();
    private readonly byte[] _scratch = new byte[Router.ScratchSize];
    private bool _running;

    /// <summary>Bytes this worker's threads allocated while forwarding.</summary>
    internal long AllocatedBytes;

    public bool IsRunning
    {
        get
        {
            lock (_life)
            {
                return _running;
            }
        }
    }

    /// <summary>Hands the current packet to this worker, starting its thread if it is not running.</summary>
    public void Post()
    {
        // Released under _life so an idle thread deciding to end either sees this work or is replaced here.
        lock (_life)
        {
            if (!_running)
            {
                new Thread(Run) { IsBackground = true, Name = name }.Start();
                _running = true;
            }

            _start.Release();
        }
    }

    private void Run()
    {
        // Copies sent through a media server are gathered for sendmmsg and flushed after each packet's share.
        Transport.UdpSendBatch.GatherOnThisThread = true;
        while (true)
        {
            if (!_start.Wait(IdleMs))
            {
                lock (_life)
                {
                    if (_start.CurrentCount == 0)
                    {
                        _running = false;
                        return;
                    }
                }

                continue;
            }

            owner.RunWorker(this, slot, _scratch);
        }
    }
}
