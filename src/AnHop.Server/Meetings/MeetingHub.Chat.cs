using AnHop.Core.Meetings;

namespace AnHop.Server.Meetings;

/// <summary>Chat, the raised hand, and the person's own microphone and camera state.</summary>
public sealed partial class MeetingHub
{
    /// <summary>
    /// Plain text, checked on the server (length, control and bidi characters; links need ChatLinks); a burst of
    /// <see cref="HubThrottle.ChatBurst"/> messages, then <see cref="HubThrottle.ChatPerSecond"/> a second, per connection.
    /// </summary>
    [RequiresCapability(Capabilities.Chat)]
    public Task SendChat(string text)
    {
        throttle.Take(Context.ConnectionId, nameof(SendChat), HubThrottle.ChatRefused);
        return Control((room, me) => room.SendChat(me, text));
    }

    [RequiresCapability(Capabilities.None)]
    public Task RaiseHand(bool raised) => Control((room, me) => room.RaiseHand(me, raised));

    /// <summary>Announces that the caller muted their microphone or stopped their camera (or started them again).</summary>
    [RequiresCapability(Capabilities.None)]
    public Task SetMediaState(bool audioMuted, bool videoOff) => Control((room, me) => room.SetMediaState(me, audioMuted, videoOff));
}
