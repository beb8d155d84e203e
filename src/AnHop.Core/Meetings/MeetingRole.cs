namespace AnHop.Core.Meetings;

/// <summary>A person's role in one meeting (account roles such as organisation admin are separate).</summary>
public enum MeetingRole
{
    /// <summary>No account; admitted only where policy allows guests, always through the waiting room.</summary>
    Guest = 0,

    /// <summary>Signed in with an account of the organisation.</summary>
    Participant = 1,

    CoHost = 2,

    Host = 3,
}
