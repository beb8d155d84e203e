namespace AnHop.Core.Meetings.Live;

/// <summary>The outcome of one room operation: refused with a reason (English, for the API), or the events it caused.</summary>
public sealed record RoomResult(string? Problem, IReadOnlyList<RoomEvent> Events)
{
    public bool Succeeded => Problem is null;

    public static RoomResult Refused(string problem) => new(problem, []);

    public static RoomResult Done(IReadOnlyList<RoomEvent> events) => new(null, events);
}
