namespace AnHop.Core.Meetings.Live;

/// <summary>Letting go of a room nobody uses, so rooms do not pile up in memory after their meetings.</summary>
public sealed partial class MeetingRoom
{
    /// <summary>The answer to a knock that reached a room just as it was let go (the hub then opens a fresh one).</summary>
    public const string ReleasedProblem = "The meeting room has closed.";

    /// <summary>
    /// Lets the room go when it is ended, or when it has been seen empty (nobody in it, waiting or holding a seat: a
    /// dropped host keeps theirs for <see cref="RejoinWindow"/>) for at least <paramref name="grace"/> since the first
    /// call that saw it so, with no knock since. A released room refuses every knock with <see cref="ReleasedProblem"/>.
    /// </summary>
    public bool TryRelease(TimeSpan grace)
    {
        lock (_gate)
        {
            if (_released)
            {
                return true;
            }

            Purge();
            if (!_ended && (_participants.Count > 0 || _waiting.Count > 0))
            {
                _emptySince = null;
                return false;
            }

            var now = _clock.GetUtcNow();
            _emptySince ??= now;
            _released = _ended || now - _emptySince.Value >= grace;
            return _released;
        }
    }
}
