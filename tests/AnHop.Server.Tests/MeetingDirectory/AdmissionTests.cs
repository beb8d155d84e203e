using System.Net;
using System.Net.Http.Json;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Data;
using AnHop.Server.Meetings.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.MeetingDirectory;

public sealed class AdmissionTests
{
    [Fact]
    public async Task Admission_gives_each_role_its_capabilities_and_only_hosts_skip_the_waiting_room()
    {
        await using var server = await AnHopServer.StartAsync([.. TestAccounts.ServerArguments, "--AnHop:Meetings:AdmissionsPerIpPerMinute=1000"]);
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(server);
        var (coHostId, coHost) = await TestAccounts.CreateAsync(server, "dong.chu.tri@example.gov.vn");
        var (_, member) = await TestAccounts.CreateAsync(server, "thanh.vien@example.gov.vn");
        using var guest = TestAccounts.Anonymous(server);
        using (admin)
        using (coHost)
        using (member)
        {
            var meeting = await DirectoryApi.CreateMeetingAsync(admin);
            Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/meetings/{meeting.Code}", new { coHosts = new[] { coHostId } })).StatusCode);
            var passes = server.Services.GetRequiredService<AdmissionPassStore>();

            var expected = new (HttpClient Client, MeetingRole Role, bool Waiting, Capabilities Has, Capabilities HasNot)[]
            {
                (admin, MeetingRole.Host, false, Capabilities.Moderate | Capabilities.PublishScreen | Capabilities.Chat, Capabilities.Record | Capabilities.ChatLinks),
                (coHost, MeetingRole.CoHost, false, Capabilities.Moderate | Capabilities.PublishScreen, Capabilities.Record),
                (member, MeetingRole.Participant, true, Capabilities.PublishAudio | Capabilities.PublishVideo | Capabilities.Chat, Capabilities.Moderate | Capabilities.PublishScreen),
                (guest, MeetingRole.Guest, true, Capabilities.PublishAudio | Capabilities.Subscribe, Capabilities.Moderate | Capabilities.PublishScreen),
            };
            foreach (var (client, role, waiting, has, hasNot) in expected)
            {
                var admitted = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(client, meeting.Code, meeting.Passcode, $"Người {role}"));
                Assert.Equal((role, waiting, "Giao ban tuần"), (admitted.Role, admitted.Waiting, admitted.Title));
                Assert.True(passes.TryRedeem(admitted.Pass, out var pass));
                Assert.Equal((role, !waiting, $"Người {role}"), (pass!.Role, pass.PreAdmitted, pass.DisplayName));
                Assert.Equal(MeetingPolicy.SecureDefault, pass.Policy);
                var capabilities = CapabilityResolver.Resolve(pass.Role, pass.Policy, ParticipantGrants.Default, meetingChatOn: true);
                Assert.Equal(has, capabilities & has);
                Assert.Equal(Capabilities.None, capabilities & hasNot);
                Assert.False(passes.TryRedeem(admitted.Pass, out _)); // single use
            }

            // The guest got a random device id in an HttpOnly, SameSite=Strict cookie.
            var again = await DirectoryApi.AdmitAsync(guest, meeting.Code, meeting.Passcode);
            Assert.True(passes.TryRedeem((await DirectoryApi.AdmittedAsync(again)).Pass, out var guestPass));
            Assert.Equal(SecretTokenLength, guestPass!.DeviceId.Length);
            Assert.Equal("127.0.0.1", guestPass.IpAddress);
            using var fresh = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseUrl };
            fresh.DefaultRequestHeaders.Add("X-AnHop-Request", "1");
            var setCookie = (await DirectoryApi.AdmitAsync(fresh, meeting.Code, meeting.Passcode)).Headers.GetValues("Set-Cookie").Single();
            Assert.StartsWith(AdmissionEndpoints.DeviceCookie + "=", setCookie, StringComparison.Ordinal);
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unknown_meeting_wrong_passcode_ended_meeting_and_refused_guest_get_byte_identical_answers()
    {
        await using var server = await AnHopServer.StartAsync([.. TestAccounts.ServerArguments, "--AnHop:Meetings:AdmissionsPerIpPerMinute=1000"]);
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(server);
        using var guest = TestAccounts.Anonymous(server);
        using (admin)
        {
            var open = await DirectoryApi.CreateMeetingAsync(admin);
            var membersOnly = await DirectoryApi.CreateMeetingAsync(admin, new { title = "Nội bộ", policy = new PolicyOverride { GuestsAllowed = false } });
            var ended = await DirectoryApi.CreateMeetingAsync(admin, new { title = "Đã xong" });
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/meetings/{ended.Code}")).StatusCode);

            var answers = new[]
            {
                await DirectoryApi.AdmitAsync(guest, MeetingCode.Create(), open.Passcode),
                await DirectoryApi.AdmitAsync(guest, "not-a-meeting", "x"),
                await DirectoryApi.AdmitAsync(guest, open.Code, open.Passcode + "x"),
                await DirectoryApi.AdmitAsync(guest, open.Code, null),
                await DirectoryApi.AdmitAsync(guest, ended.Code, ended.Passcode),
                await DirectoryApi.AdmitAsync(guest, membersOnly.Code, membersOnly.Passcode),
            };
            var first = await answers[0].Content.ReadAsByteArrayAsync();
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
                Assert.Equal(first, await answer.Content.ReadAsByteArrayAsync());
                Assert.False(answer.Headers.Contains("Set-Cookie"));
            }

            // The members-only meeting does admit a member.
            Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(admin, membersOnly.Code, membersOnly.Passcode)).StatusCode);
        }
    }

    [Fact]
    public async Task Thousands_of_passcode_guesses_from_one_address_are_throttled_with_no_success()
    {
        await using var server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(server);
        using var attacker = TestAccounts.Anonymous(server);
        using (admin)
        {
            var meeting = await DirectoryApi.CreateMeetingAsync(admin);
            var statuses = await GuessAsync(attacker, meeting.Code, 2000);
            Assert.Equal(0, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.NotFound)); // AdmissionsPerIpPerMinute
            Assert.Equal(1990, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            var last = await DirectoryApi.AdmitAsync(attacker, meeting.Code, meeting.Passcode);
            Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode); // even the right passcode waits out the window
            Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Thousands_of_guesses_against_one_meeting_are_throttled_per_meeting_whatever_the_address()
    {
        await using var server = await AnHopServer.StartAsync([.. TestAccounts.ServerArguments, "--AnHop:Meetings:AdmissionsPerIpPerMinute=100000"]);
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(server);
        using var attacker = TestAccounts.Anonymous(server);
        using (admin)
        {
            var meeting = await DirectoryApi.CreateMeetingAsync(admin);
            var statuses = await GuessAsync(attacker, meeting.Code, 2000);
            Assert.Equal(0, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.NotFound)); // AdmissionsPerMeetingPerMinute
            Assert.Equal(1980, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            var last = await DirectoryApi.AdmitAsync(attacker, meeting.Code, meeting.Passcode);
            Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
            Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);

            // Another meeting is not held up by the attack on this one.
            var other = await DirectoryApi.CreateMeetingAsync(admin);
            Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(attacker, other.Code, other.Passcode)).StatusCode);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_is_public_and_lists_the_directory_endpoints()
    {
        await using var server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);
        using var anonymous = TestAccounts.Anonymous(server);
        var document = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/organisation", "/api/organisation/policy", "/api/units", "/api/units/{id}", "/api/units/{id}/policy",
            "/api/units/{id}/policy/effective", "/api/accounts/{id}/unit", "/api/meetings", "/api/meetings/{code}",
            "/api/meetings/{code}/rotate", "/api/meetings/{code}/calendar.ics", "/api/meetings/{code}/invitations",
            "/api/meetings/{code}/invitations/{id}", "/api/admission",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        var admission = document.GetProperty("paths").GetProperty("/api/admission").GetProperty("post");
        Assert.Equal("AdmitToMeeting", admission.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(admission.GetProperty("summary").GetString()));
    }

    private const int SecretTokenLength = AnHop.Core.Security.SecretToken.Length;

    private static async Task<List<HttpStatusCode>> GuessAsync(HttpClient attacker, string code, int count)
    {
        var statuses = new List<HttpStatusCode>(count);
        for (var i = 0; i < count; i++)
        {
            using var answer = await DirectoryApi.AdmitAsync(attacker, code, $"Guess-{i:D6}!x");
            statuses.Add(answer.StatusCode);
        }

        return statuses;
    }
}
