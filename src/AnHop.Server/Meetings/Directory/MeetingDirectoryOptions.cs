using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings.Directory;

/// <summary>The "AnHop:Meetings" configuration section: links in invitations, the admission throttles, live rooms.</summary>
public sealed class MeetingDirectoryOptions
{
    public const string Section = "AnHop:Meetings";

    /// <summary>The longest <see cref="EmptyRoomGracePeriod"/> allowed.</summary>
    public static readonly TimeSpan MaxEmptyRoomGracePeriod = TimeSpan.FromHours(1);

    /// <summary>The address people open (https://meet.example.gov.vn); empty: taken from the host's own request.</summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>Admission attempts (passcode guesses) per client IP address per minute.</summary>
    [Range(1, 100_000)]
    public int AdmissionsPerIpPerMinute { get; set; } = 10;

    /// <summary>Admission attempts per meeting (or per typed code) per minute, whoever makes them.</summary>
    [Range(1, 100_000)]
    public int AdmissionsPerMeetingPerMinute { get; set; } = 20;

    /// <summary>
    /// How long a live room stays in memory once nobody is in it, waiting or holding a seat, before it is let go with
    /// its media router; a meeting ended for all is let go at once.
    /// </summary>
    public TimeSpan EmptyRoomGracePeriod { get; set; } = TimeSpan.FromMinutes(2);
}

[OptionsValidator]
public sealed partial class MeetingDirectoryOptionsRangeValidator : IValidateOptions<MeetingDirectoryOptions>;

/// <summary>The public URL, when set, must be an absolute http(s) address without path, query or fragment.</summary>
public sealed class MeetingDirectoryOptionsValidator : IValidateOptions<MeetingDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, MeetingDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ranges = new MeetingDirectoryOptionsRangeValidator().Validate(name, options);
        if (ranges.Failed)
        {
            return ranges;
        }

        if (options.EmptyRoomGracePeriod < TimeSpan.Zero || options.EmptyRoomGracePeriod > MeetingDirectoryOptions.MaxEmptyRoomGracePeriod)
        {
            return ValidateOptionsResult.Fail($"{MeetingDirectoryOptions.Section}:{nameof(MeetingDirectoryOptions.EmptyRoomGracePeriod)} = {options.EmptyRoomGracePeriod} is not allowed: use 00:00:00 to {MeetingDirectoryOptions.MaxEmptyRoomGracePeriod}.");
        }

        if (options.PublicUrl.Length > 0 && !(Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            return ValidateOptionsResult.Fail($"{MeetingDirectoryOptions.Section}:{nameof(MeetingDirectoryOptions.PublicUrl)} must be an absolute http(s) URL without a path, such as https://meet.example.gov.vn.");
        }

        return ValidateOptionsResult.Success;
    }
}
