using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AnHop.Server.Meetings.Directory;

namespace AnHop.Server.Tests.MeetingDirectory;

/// <summary>Small typed calls to the directory API, reading JSON as the browser client does (enums as camel-case names).</summary>
public static class DirectoryApi
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<MeetingSecretsResponse> CreateMeetingAsync(HttpClient host, object? request = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var answer = await host.PostAsJsonAsync("/api/meetings", request ?? new { title = "Giao ban tuần" }, Json);
        Assert.Equal(System.Net.HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<MeetingSecretsResponse>(Json))!;
    }

    public static Task<HttpResponseMessage> AdmitAsync(HttpClient client, string meeting, string? passcode, string displayName = "Khách", string? invitation = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync("/api/admission", new { meeting, passcode, displayName, invitation }, Json);
    }

    public static async Task<AdmissionResponse> AdmittedAsync(HttpResponseMessage answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<AdmissionResponse>(Json))!;
    }

    public static async Task<List<InvitationLink>> InviteAsync(HttpClient host, string code, params string[] emails)
    {
        ArgumentNullException.ThrowIfNull(host);
        var answer = await host.PostAsJsonAsync($"/api/meetings/{code}/invitations", new { emails }, Json);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<List<InvitationLink>>(Json))!;
    }

    /// <summary>The token of a personal link (it lives in the fragment).</summary>
    public static string TokenOf(InvitationLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Link[(link.Link.IndexOf("#invitation=", StringComparison.Ordinal) + "#invitation=".Length)..];
    }
}
