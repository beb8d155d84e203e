using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Tests.MeetingDirectory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.Enforcement;

public sealed class AnswersTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Me_names_the_organisation_and_unit_of_the_membership_and_admission_names_the_host()
    {
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(_server, "Sở Tư pháp");
        using var _ = admin;
        var created = await admin.PostAsJsonAsync("/api/units", new { name = "Phòng Hành chính" });
        created.EnsureSuccessStatusCode();
        var unitId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (_, member) = await TestAccounts.CreateAsync(_server, "thanh.vien@example.gov.vn", unitId: unitId);
        using var __ = member;

        Guid organisationId;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var organisation = await scope.ServiceProvider.GetRequiredService<AnHopDbContext>().Set<Organisation>().SingleAsync();
            Assert.Equal("Sở Tư pháp", organisation.Name);
            organisationId = organisation.Id;
        }

        var memberMe = await member.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal(organisationId, memberMe.GetProperty("organisationId").GetGuid());
        Assert.Equal(unitId, memberMe.GetProperty("unitId").GetGuid());
        var adminMe = await admin.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal(organisationId, adminMe.GetProperty("organisationId").GetGuid());
        Assert.Equal(JsonValueKind.Null, adminMe.GetProperty("unitId").ValueKind);

        var meeting = await DirectoryApi.CreateMeetingAsync(admin);
        using var guest = TestAccounts.Anonymous(_server);
        var admitted = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, meeting.Code, meeting.Passcode));
        Assert.True(admitted.Waiting);
        Assert.Equal("Quản trị", admitted.HostName);
    }
}
