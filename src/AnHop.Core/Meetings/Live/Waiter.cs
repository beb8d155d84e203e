namespace AnHop.Core.Meetings.Live;

/// <summary>One person in the waiting room, on the connection that knocked.</summary>
internal sealed record Waiter(string Id, AdmissionPass Pass, string Endpoint, DateTimeOffset KnockedAt)
{
    public WaiterView View() => new(Id, Pass.DisplayName, Pass.Role, KnockedAt);
}
