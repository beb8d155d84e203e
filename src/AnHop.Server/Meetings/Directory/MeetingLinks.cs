using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings.Directory;

/// <summary>Meeting links: <c>/m/{code}</c>, and personal ones with the invitation token in the fragment (never sent to a server).</summary>
public sealed class MeetingLinks(IOptions<MeetingDirectoryOptions> options)
{
    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = options.Value.PublicUrl;
        return configured.Length > 0 ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
    }

    public string Meeting(HttpRequest request, string code) => $"{BaseUrl(request)}/m/{code}";

    public string Personal(HttpRequest request, string code, string token) => $"{Meeting(request, code)}#invitation={token}";
}
