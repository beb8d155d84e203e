using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Finds the dominant speaker from the ssrc-audio-level extension (RFC 6464) of audio producers. Each
/// producer's loudness (127 − level, so 0 is silence) is smoothed by an exponential moving average on packet
/// arrival; on <see cref="Tick"/> the loudest producer above the speaking threshold takes over only when it has
/// been louder than the current dominant speaker by a margin for a hold time, so that a cough or crosstalk does
/// not flip the layout. A producer sending nothing (Opus DTX) decays to silence. The last dominant speaker stays
/// dominant while everybody is quiet. Not thread-safe: used under the router's lock.
/// </summary>
public sealed class ActiveSpeakerObserver
{
    private readonly ActiveSpeakerOptions _options;
    private readonly Dictionary<Producer, Entry> _entries = [];
    private Producer? _challenger;
    private long _challengerSinceMs;

    public ActiveSpeakerObserver(ActiveSpeakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The current dominant speaker, if any has spoken yet.</summary>
    public Producer? DominantSpeaker { get; private set; }

    /// <summary>Raised (from <see cref="Tick"/> or <see cref="RemoveProducer"/>) when the dominant speaker changes; null when it left.</summary>
    public event EventHandler<Producer?>? DominantSpeakerChanged;

    public void AddProducer(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        _entries.TryAdd(producer, new Entry());
    }

    public void RemoveProducer(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        _entries.Remove(producer);
        if (ReferenceEquals(_challenger, producer))
        {
            _challenger = null;
        }

        if (ReferenceEquals(DominantSpeaker, producer))
        {
            DominantSpeaker = null;
            DominantSpeakerChanged?.Invoke(this, null);
        }
    }

    /// <summary>Feeds one packet's audio level. Allocates nothing.</summary>
    public void OnAudioLevel(Producer producer, AudioLevel level, long nowMs)
    {
        if (!_entries.TryGetValue(producer, out var entry))
        {
            return;
        }

        var loudness = AudioLevelExtension.MaxLevel - Math.Min(level.Level, AudioLevelExtension.MaxLevel);
        entry.Smoothed += _options.Smoothing * (loudness - entry.Smoothed);
        entry.LastUpdateMs = nowMs;
    }

    /// <summary>The smoothed loudness of a producer (0 when unknown), for tests and metrics.</summary>
    public double GetLoudness(Producer producer) => _entries.TryGetValue(producer, out var entry) ? entry.Smoothed : 0;

    public void Tick(long nowMs)
    {
        Producer? loudest = null;
        var loudestLevel = 0.0;
        foreach (var (producer, entry) in _entries)
        {
            if (nowMs - entry.LastUpdateMs > _options.SilenceMs || producer.Paused)
            {
                entry.Smoothed = 0;
            }

            if (entry.Smoothed >= _options.SpeakingThreshold && entry.Smoothed > loudestLevel)
            {
                loudest = producer;
                loudestLevel = entry.Smoothed;
            }
        }

        if (loudest is null || ReferenceEquals(loudest, DominantSpeaker))
        {
            _challenger = null;
            return;
        }

        if (DominantSpeaker is null)
        {
            Switch(loudest);
            return;
        }

        var dominantLevel = GetLoudness(DominantSpeaker);
        if (loudestLevel < dominantLevel + _options.Margin)
        {
            _challenger = null;
            return;
        }

        if (!ReferenceEquals(_challenger, loudest))
        {
            _challenger = loudest;
            _challengerSinceMs = nowMs;
        }

        if (nowMs - _challengerSinceMs >= _options.HoldMs)
        {
            Switch(loudest);
        }
    }

    private void Switch(Producer speaker)
    {
        _challenger = null;
        DominantSpeaker = speaker;
        DominantSpeakerChanged?.Invoke(this, speaker);
    }

    private sealed class Entry
    {
        public double Smoothed { get; set; }

        public long LastUpdateMs { get; set; } = long.MinValue / 2;
    }
}
