using AnHop.Core.Meetings;

namespace AnHop.Server.Meetings;

/// <summary>The host's and co-hosts' controls; the room checks who may act on whom, the SFU enforces the result.</summary>
public sealed partial class MeetingHub
{
    [RequiresCapability(Capabilities.Moderate)]
    public Task Admit(string id) => Control((room, me) => room.Admit(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task Deny(string id) => Control((room, me) => room.Deny(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task AdmitAll() => Control((room, me) => room.AdmitAll(me));

    [RequiresCapability(Capabilities.Moderate)]
    public Task Lock(bool locked) => Control((room, me) => room.SetLocked(me, locked));

    [RequiresCapability(Capabilities.Moderate)]
    public Task Remove(string id) => Control((room, me) => room.Remove(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task Ban(string id) => Control((room, me) => room.Ban(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task Mute(string id) => Control((room, me) => room.Mute(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task MuteAll() => Control((room, me) => room.MuteAll(me));

    [RequiresCapability(Capabilities.Moderate)]
    public Task AskToUnmute(string id) => Control((room, me) => room.AskToUnmute(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task StopCamera(string id) => Control((room, me) => room.StopCamera(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task AskToStartCamera(string id) => Control((room, me) => room.AskToStartCamera(me, id));

    [RequiresCapability(Capabilities.Moderate)]
    public Task AllowScreenShare(string id, bool allowed) => Control((room, me) => room.AllowScreenShare(me, id, allowed));

    [RequiresCapability(Capabilities.Moderate)]
    public Task SetChatEnabled(bool enabled) => Control((room, me) => room.SetChatEnabled(me, enabled));

    [RequiresCapability(Capabilities.Moderate, HostOnly = true)]
    public Task MakeCoHost(string id, bool coHost) => Control((room, me) => room.MakeCoHost(me, id, coHost));

    [RequiresCapability(Capabilities.Moderate, HostOnly = true)]
    public Task HandOverHost(string id) => Control((room, me) => room.HandOverHost(me, id));

    [RequiresCapability(Capabilities.Moderate, HostOnly = true)]
    public Task EndForAll() => Control((room, me) => room.EndForAll(me));

    private Task Control(Func<AnHop.Core.Meetings.Live.MeetingRoom, string, AnHop.Core.Meetings.Live.RoomResult> operation,
        [System.Runtime.CompilerServices.CallerMemberName] string action = "")
    {
        var (room, me) = Live;
        return ApplyAsync(room, operation(room, me), action);
    }
}
