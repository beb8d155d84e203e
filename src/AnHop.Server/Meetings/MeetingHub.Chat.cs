using AnHop.Core.Meetings;

namespace AnHop.Server.Meetings;

/// <summary>Chat and the raised hand.</summary>
public sealed partial class MeetingHub
{
    /// <summary>Plain text, checked on the server (length, control and bidi characters; links need ChatLinks).</summary>
    [RequiresCapability(Capabilities.Chat)]
    public Task SendChat(string text) => Control((room, me) => room.SendChat(me, text));

    [RequiresCapability(Capabilities.None)]
    public Task RaiseHand(bool raised) => Control((room, me) => room.RaiseHand(me, raised));
}
