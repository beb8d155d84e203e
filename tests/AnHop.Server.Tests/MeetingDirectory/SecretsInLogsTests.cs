using System.Net;
using System.Net.Http.Json;
using AnHop.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnHop.Server.Tests.MeetingDirectory;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_passcode_invitation_token_or_admission_pass_appears_in_a_log_line_or_a_meeting_link()
    {
        await using var server = await AnHopServer.StartAsync(
            [.. TestAccounts.ServerArguments, "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning"]);
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var (_, admin) = await TestAccounts.SetUpAdministratorAsync(server);
        using var guest = TestAccounts.Anonymous(server);
        using (admin)
        {
            var meeting = await DirectoryApi.CreateMeetingAsync(admin);
            var invited = await DirectoryApi.InviteAsync(admin, meeting.Code, "khach@example.com");
            var byInvitation = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, meeting.Code, null, invitation: DirectoryApi.TokenOf(invited[0])));
            var byPasscode = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, meeting.Code, meeting.Passcode));
            var wrong = await DirectoryApi.AdmitAsync(guest, meeting.Code, "Sai-Mat-Ma-99!");
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            var rotated = await admin.PostAsync($"/api/meetings/{meeting.Code}/rotate", null);
            var secrets = await rotated.Content.ReadFromJsonAsync<AnHop.Server.Meetings.Directory.MeetingSecretsResponse>(DirectoryApi.Json);

            string[] secretValues =
            [
                meeting.Passcode!, secrets!.Passcode!, "Sai-Mat-Ma-99!", DirectoryApi.TokenOf(invited[0]), DirectoryApi.TokenOf(secrets.Invitations[0]),
                byInvitation.Pass, byPasscode.Pass,
            ];
            var text = logs.Text;
            Assert.Contains("4100", text, StringComparison.Ordinal); // the meetings log was captured
            Assert.All(secretValues, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            foreach (var link in new[] { meeting.Link, secrets.Link })
            {
                Assert.DoesNotContain("?", link, StringComparison.Ordinal);
                Assert.DoesNotContain("#", link, StringComparison.Ordinal);
                Assert.All(secretValues, secret => Assert.DoesNotContain(secret, link, StringComparison.Ordinal));
            }
        }
    }
}
