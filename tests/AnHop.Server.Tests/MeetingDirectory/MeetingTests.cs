using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Data;
using AnHop.Server.Meetings.Directory;

namespace AnHop.Server.Tests.MeetingDirectory;

public sealed class MeetingTests : IAsyncLifetime
{
    private AnHopServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await AnHopServer.StartAsync([.. TestAccounts.ServerArguments, "--AnHop:Meetings:AdmissionsPerIpPerMinute=1000"]);
        (_, _admin) = await TestAccounts.SetUpAdministratorAsync(_server);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_host_creates_reads_changes_and_ends_a_meeting_and_nobody_else_can()
    {
        var (_, host) = await TestAccounts.CreateAsync(_server, "chu.tri@example.gov.vn");
        var (_, other) = await TestAccounts.CreateAsync(_server, "nguoi.khac@example.gov.vn");
        using (host)
        using (other)
        {
            var created = await DirectoryApi.CreateMeetingAsync(host, new { title = "Họp giao ban", startsAt = DateTimeOffset.UtcNow.AddDays(1), durationMinutes = 45 });
            Assert.True(MeetingCode.IsWellFormed(created.Code));
            Assert.EndsWith($"/m/{created.Code}", created.Link, StringComparison.Ordinal);
            Assert.Null(PasscodeGenerator.Problem(created.Passcode, MeetingPolicy.SecureDefault));
            Assert.DoesNotContain(created.Passcode!, created.Link, StringComparison.Ordinal);

            var read = await host.GetFromJsonAsync<MeetingResponse>($"/api/meetings/{created.Code}", DirectoryApi.Json);
            Assert.Equal(("Họp giao ban", 45, "host", true), (read!.Title, read.DurationMinutes, read.Relation, read.HasPasscode));
            Assert.Single(await host.GetFromJsonAsync<List<MeetingResponse>>("/api/meetings", DirectoryApi.Json) ?? []);
            Assert.Empty(await other.GetFromJsonAsync<List<MeetingResponse>>("/api/meetings", DirectoryApi.Json) ?? []);

            // Someone else's meeting is indistinguishable from none.
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/meetings/{created.Code}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PatchAsJsonAsync($"/api/meetings/{created.Code}", new { title = "Chiếm" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/meetings/{created.Code}/rotate", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/meetings/{created.Code}/invitations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/meetings/{created.Code}")).StatusCode);
            using var anonymous = TestAccounts.Anonymous(_server);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/meetings/{created.Code}")).StatusCode);

            var changed = await host.PatchAsJsonAsync($"/api/meetings/{created.Code}", new { title = "Họp giao ban (dời)", durationMinutes = 30 });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal("Họp giao ban (dời)", (await changed.Content.ReadFromJsonAsync<MeetingResponse>(DirectoryApi.Json))!.Title);

            var calendar = await host.GetAsync($"/api/meetings/{created.Code}/calendar.ics");
            Assert.Equal("text/calendar", calendar.Content.Headers.ContentType!.MediaType);
            var ics = await calendar.Content.ReadAsStringAsync();
            Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
            Assert.DoesNotContain(created.Passcode!, ics, StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(anonymous, created.Code, created.Passcode)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"/api/meetings/{created.Code}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(anonymous, created.Code, created.Passcode)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await host.PostAsync($"/api/meetings/{created.Code}/rotate", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Who_may_host_follows_the_effective_policy()
    {
        var policy = MeetingPolicy.SecureDefault with { WhoMayHost = HostPermission.UnitAdmins };
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync("/api/organisation/policy", policy, DirectoryApi.Json)).StatusCode);
        var (_, member) = await TestAccounts.CreateAsync(_server, "thanh.vien@example.gov.vn");
        var (_, unitAdmin) = await TestAccounts.CreateAsync(_server, "truong.phong@example.gov.vn", Roles.UnitAdmin);
        using (member)
        using (unitAdmin)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/meetings", new { title = "Không được" })).StatusCode);
            await DirectoryApi.CreateMeetingAsync(unitAdmin);
        }
    }

    [Fact]
    public async Task A_meeting_cannot_loosen_its_policy_and_a_chosen_passcode_must_meet_it()
    {
        var loosened = await _admin.PostAsJsonAsync("/api/meetings", new { title = "Lỏng", policy = new PolicyOverride { WaitingRoomRequired = false } }, DirectoryApi.Json);
        Assert.Equal(HttpStatusCode.BadRequest, loosened.StatusCode);
        Assert.True((await loosened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("waitingRoomRequired", out _));

        var weak = await _admin.PostAsJsonAsync("/api/meetings", new { title = "Yếu", passcode = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("passcode", out _));

        var numeric = await _admin.PostAsJsonAsync("/api/meetings", new { title = "Số", numericCode = true });
        Assert.Equal(HttpStatusCode.BadRequest, numeric.StatusCode);

        var chosen = await DirectoryApi.CreateMeetingAsync(_admin, new { title = "Tự chọn", passcode = "Giao-Ban-2026!" });
        Assert.Equal("Giao-Ban-2026!", chosen.Passcode);
        var tightened = await DirectoryApi.CreateMeetingAsync(_admin, new { title = "Chặt", policy = new PolicyOverride { PasscodeMinLength = 20 } });
        Assert.Equal(20, tightened.Passcode!.Length);
    }

    [Fact]
    public async Task Rotation_replaces_code_and_passcode_and_revokes_old_invitations_and_passes()
    {
        using var member = (await TestAccounts.CreateAsync(_server, "moi@example.gov.vn")).Client;
        var meeting = await DirectoryApi.CreateMeetingAsync(_admin);
        var invitations = await DirectoryApi.InviteAsync(_admin, meeting.Code, "khach@example.com", "moi@example.gov.vn");
        using var guest = TestAccounts.Anonymous(_server);
        var earlyPass = (await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, meeting.Code, meeting.Passcode))).Pass;

        var answer = await _admin.PostAsync($"/api/meetings/{meeting.Code}/rotate", null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var rotated = (await answer.Content.ReadFromJsonAsync<MeetingSecretsResponse>(DirectoryApi.Json))!;
        Assert.NotEqual(meeting.Code, rotated.Code);
        Assert.NotEqual(meeting.Passcode, rotated.Passcode);
        Assert.Equal(["khach@example.com", "moi@example.gov.vn"], rotated.Invitations.Select(i => i.Email).Order());
        Assert.All(rotated.Invitations, i => Assert.Contains($"/m/{rotated.Code}#invitation=", i.Link, StringComparison.Ordinal));

        var passes = (AdmissionPassStore)_server.Services.GetService(typeof(AdmissionPassStore))!;
        Assert.False(passes.TryRedeem(earlyPass, out _));
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, meeting.Passcode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, rotated.Passcode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, rotated.Code, meeting.Passcode)).StatusCode);
        var oldToken = DirectoryApi.TokenOf(invitations.Single(i => i.Email == "khach@example.com"));
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, rotated.Code, null, invitation: oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, null, invitation: oldToken)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(guest, rotated.Code, rotated.Passcode)).StatusCode);
        var newToken = DirectoryApi.TokenOf(rotated.Invitations.Single(i => i.Email == "khach@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(guest, rotated.Code, null, invitation: newToken)).StatusCode);

        var listed = (await _admin.GetFromJsonAsync<List<InvitationResponse>>($"/api/meetings/{rotated.Code}/invitations", DirectoryApi.Json))!;
        Assert.Equal(2, listed.Count(i => i.Revoked));
        Assert.Equal(2, listed.Count(i => !i.Revoked));
        Assert.Contains(listed, i => i.AccountBound && !i.Revoked && i.Email == "moi@example.gov.vn");
    }

    [Fact]
    public async Task An_invitation_token_is_single_use_for_a_guest_bound_to_an_account_and_revocable()
    {
        using var member = (await TestAccounts.CreateAsync(_server, "duoc.moi@example.gov.vn")).Client;
        var meeting = await DirectoryApi.CreateMeetingAsync(_admin);
        var links = await DirectoryApi.InviteAsync(_admin, meeting.Code, "khach@example.com", "duoc.moi@example.gov.vn", "bo@example.com");
        using var guest = TestAccounts.Anonymous(_server);

        var guestToken = DirectoryApi.TokenOf(links[0]);
        var admitted = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, meeting.Code, null, "Khách mời", guestToken));
        Assert.Equal(MeetingRole.Guest, admitted.Role);
        Assert.True(admitted.Waiting); // invitees skip the waiting room only where the policy says so
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, null, "Khách mời", guestToken)).StatusCode);

        // Bound to the account: useless to anyone else, and the signed-in invitee needs neither token nor passcode.
        var boundToken = DirectoryApi.TokenOf(links[1]);
        Assert.True(links[1].AccountBound);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, null, invitation: boundToken)).StatusCode);
        Assert.Equal(MeetingRole.Participant, (await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(member, meeting.Code, null, "Được mời", boundToken))).Role);
        Assert.Equal(HttpStatusCode.OK, (await DirectoryApi.AdmitAsync(member, meeting.Code, null, "Được mời")).StatusCode);
        var mine = await member.GetFromJsonAsync<List<MeetingResponse>>("/api/meetings", DirectoryApi.Json);
        Assert.Equal("invited", mine!.Single().Relation);

        var revokedToken = DirectoryApi.TokenOf(links[2]);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting.Code}/invitations/{links[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, meeting.Code, null, invitation: revokedToken)).StatusCode);
    }
}
