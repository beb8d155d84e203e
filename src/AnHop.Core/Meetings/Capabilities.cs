namespace AnHop.Core.Meetings;

/// <summary>
/// What a participant may do in a meeting (DESIGN §3): role + policy + the host's grants expand to this set,
/// and one authoriser checks it for every hub method and endpoint; the SFU checks it on every producer.
/// </summary>
[Flags]
public enum Capabilities
{
    None = 0,
    PublishAudio = 1 << 0,
    PublishVideo = 1 << 1,
    PublishScreen = 1 << 2,
    Subscribe = 1 << 3,
    Chat = 1 << 4,
    ChatLinks = 1 << 5,
    Moderate = 1 << 6,
    Record = 1 << 7,
}
