namespace AnHop.Media.Sfu;

/// <summary>What a producer carries; the meeting layer allows or refuses each source per participant.</summary>
public enum ProducerSource
{
    Microphone,
    Camera,
    Screen,
    ScreenAudio,
}
