using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Core.Policies;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Tests.MeetingDirectory;

namespace AnHop.Server.Tests.Organisations;

public sealed class OrganisationPolicyTests : IAsyncLifetime
{
    private AnHopServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);
        (_, _admin) = await TestAccounts.SetUpAdministratorAsync(_server, "Sở Nội vụ");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_first_administrator_administers_the_organisation_named_at_set_up_with_the_secure_default_policy()
    {
        var organisation = await _admin.GetFromJsonAsync<OrganisationResponse>("/api/organisation", DirectoryApi.Json);
        Assert.Equal("Sở Nội vụ", organisation!.Name);
        Assert.Equal(MeetingPolicy.SecureDefault, organisation.Policy);
        Assert.Empty(organisation.Units);

        var tightened = MeetingPolicy.SecureDefault with { GuestsAllowed = false, MaxParticipants = 50 };
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync("/api/organisation/policy", tightened, DirectoryApi.Json)).StatusCode);
        organisation = await _admin.GetFromJsonAsync<OrganisationResponse>("/api/organisation", DirectoryApi.Json);
        Assert.Equal(tightened, organisation!.Policy);
    }

    [Fact]
    public async Task The_organisation_policy_is_checked_against_its_ranges()
    {
        var answer = await _admin.PutAsJsonAsync("/api/organisation/policy", MeetingPolicy.SecureDefault with { MaxParticipants = 1 }, DirectoryApi.Json);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("MaxParticipants", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_cannot_loosen_the_level_above_and_each_loosened_rule_is_named()
    {
        var parent = await CreateUnitAsync(_admin, null, "Văn phòng");
        Assert.Equal(HttpStatusCode.OK, (await SetPolicyAsync(_admin, parent.Id, new PolicyOverride { GuestsAllowed = false, MaxParticipants = 50 })).StatusCode);
        var child = await CreateUnitAsync(_admin, parent.Id, "Phòng Tổng hợp");

        var refused = await SetPolicyAsync(_admin, child.Id,
            new PolicyOverride { GuestsAllowed = true, MaxParticipants = 80, WaitingRoomRequired = false, ChatLinksAllowed = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["guestsAllowed", "maxParticipants", "waitingRoomRequired"], errors.EnumerateObject().Select(p => p.Name).Order());

        Assert.Equal(HttpStatusCode.OK, (await SetPolicyAsync(_admin, child.Id, new PolicyOverride { MaxParticipants = 20, RecordingAllowed = false })).StatusCode);
        var effective = await _admin.GetFromJsonAsync<EffectivePolicyResponse>($"/api/units/{child.Id}/policy/effective", DirectoryApi.Json);
        Assert.Equal(MeetingPolicy.SecureDefault with { GuestsAllowed = false, MaxParticipants = 20 }, effective!.Policy);

        // The organisation tightening later binds the units below, whatever they stored.
        var organisation = MeetingPolicy.SecureDefault with { MaxParticipants = 10, E2eeRequired = true };
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync("/api/organisation/policy", organisation, DirectoryApi.Json)).StatusCode);
        effective = await _admin.GetFromJsonAsync<EffectivePolicyResponse>($"/api/units/{child.Id}/policy/effective", DirectoryApi.Json);
        Assert.Equal(10, effective!.Policy.MaxParticipants);
        Assert.True(effective.Policy.E2eeRequired);
        Assert.False(effective.Policy.GuestsAllowed);
        Assert.True(effective.Policy.IsAtLeastAsStrictAs(organisation));
    }

    [Fact]
    public async Task A_unit_admin_administers_their_own_subtree_and_nothing_else()
    {
        var north = await CreateUnitAsync(_admin, null, "Phía Bắc");
        var hanoi = await CreateUnitAsync(_admin, north.Id, "Hà Nội");
        var south = await CreateUnitAsync(_admin, null, "Phía Nam");
        var (unitAdminId, _) = await TestAccounts.CreateAsync(_server, "truong.phong@example.gov.vn");
        var assigned = await _admin.PutAsJsonAsync($"/api/accounts/{unitAdminId}/unit", new { unitId = north.Id, role = Roles.UnitAdmin }, DirectoryApi.Json);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        using var unitAdmin = await TestAccounts.SignInAsync(_server, unitAdminId);
        var created = await TestAccounts.CreateAsync(_server, "chuyen.vien@example.gov.vn", Roles.Member, hanoi.Id);
        using var member = created.Client;
        var memberId = created.Id;

        Assert.Equal(HttpStatusCode.OK, (await SetPolicyAsync(unitAdmin, hanoi.Id, new PolicyOverride { ChatEnabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetPolicyAsync(unitAdmin, north.Id, new PolicyOverride { RecordingAllowed = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SetPolicyAsync(unitAdmin, south.Id, new PolicyOverride { ChatEnabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await unitAdmin.PostAsJsonAsync("/api/units", new { parentId = hanoi.Id, name = "Tổ 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PostAsJsonAsync("/api/units", new { parentId = south.Id, name = "Tổ 2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PostAsJsonAsync("/api/units", new { name = "Gốc" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.DeleteAsync($"/api/units/{north.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PatchAsJsonAsync($"/api/units/{south.Id}", new { name = "Đổi" })).StatusCode);

        // Accounts: within the subtree only, and never above the unit admin's own role.
        Assert.Equal(HttpStatusCode.OK, (await unitAdmin.PutAsJsonAsync($"/api/accounts/{memberId}/unit", new { unitId = north.Id, role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PutAsJsonAsync($"/api/accounts/{memberId}/unit", new { unitId = south.Id, role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PutAsJsonAsync($"/api/accounts/{memberId}/unit", new { unitId = north.Id, role = Roles.OrganisationAdmin })).StatusCode);

        // A member administers nothing; anonymous callers see nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync($"/api/units/{hanoi.Id}/policy", new PolicyOverride(), DirectoryApi.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync("/api/organisation", new { name = "X" })).StatusCode);
        using var anonymous = TestAccounts.Anonymous(_server);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/organisation")).StatusCode);

        var tree = await _admin.GetFromJsonAsync<OrganisationResponse>("/api/organisation", DirectoryApi.Json);
        Assert.Equal(["Hà Nội"], tree!.Units.Single(u => u.Id == north.Id).Children.Select(c => c.Name));
    }

    [Fact]
    public async Task The_last_organisation_administrator_cannot_be_demoted_and_an_emptied_unit_can_be_deleted()
    {
        var adminId = await TestAccounts.IdOfAsync(_server, "admin@example.gov.vn");
        var demote = await _admin.PutAsJsonAsync($"/api/accounts/{adminId}/unit", new { unitId = (Guid?)null, role = "member" });
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);

        var unit = await CreateUnitAsync(_admin, null, "Tạm thời");
        var (memberId, member) = await TestAccounts.CreateAsync(_server, "tam@example.gov.vn", Roles.Member, unit.Id);
        member.Dispose(); // only the membership matters here
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.DeleteAsync($"/api/units/{unit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/accounts/{memberId}/unit", new { unitId = (Guid?)null, role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/units/{unit.Id}")).StatusCode);
    }

    private static async Task<UnitResponse> CreateUnitAsync(HttpClient client, Guid? parentId, string name)
    {
        var answer = await client.PostAsJsonAsync("/api/units", new { parentId, name });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<UnitResponse>(DirectoryApi.Json))!;
    }

    private static Task<HttpResponseMessage> SetPolicyAsync(HttpClient client, Guid unitId, PolicyOverride policy) =>
        client.PutAsJsonAsync($"/api/units/{unitId}/policy", policy, DirectoryApi.Json);
}
