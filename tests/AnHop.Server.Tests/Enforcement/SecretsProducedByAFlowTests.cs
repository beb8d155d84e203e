using System.Net;
using System.Net.Http.Json;
using AnHop.Server.Meetings;
using AnHop.Server.Meetings.Directory;
using AnHop.Server.Tests.LiveMeeting;
using AnHop.Server.Tests.MeetingDirectory;

namespace AnHop.Server.Tests.Enforcement;

/// <summary>
/// Issue 5: "No passcode or token appears in any URL, log line or e-mail produced during the tests". A realistic flow
/// with e-mail on through a real SMTP server (aiosmtpd): a meeting, two personal invitations (one invitee with an
/// account, one without), the link rotated ("link leaked", so both are re-sent), everyone admitted through the waiting
/// room. Then every request URL the server saw, every log line, every e-mail and the meeting links are scanned for
/// every passcode, invitation token, admission pass, join ticket, rejoin token and password of the flow.
/// </summary>
public sealed class SecretsProducedByAFlowTests
{
    private const string WrongPasscode = "Sai-Mat-Ma-99!";

    [Fact]
    public async Task No_secret_of_a_whole_meeting_flow_appears_in_a_url_a_log_line_or_an_e_mail()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var server = await AnHopServer.StartAsync(
        [
            .. smtp.ServerArgs, .. TestAccounts.ServerArguments,
            "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.AspNetCore.Hosting=Debug",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
        ]);
        var (_, host) = await TestAccounts.SetUpAdministratorAsync(server);
        var (_, binh) = await TestAccounts.CreateAsync(server, "binh@example.gov.vn");
        using var guest = TestAccounts.Anonymous(server);
        using var __ = host;
        using var ___ = binh;

        var created = await DirectoryApi.CreateMeetingAsync(host);
        var invited = await DirectoryApi.InviteAsync(host, created.Code, "binh@example.gov.vn", "khach@example.com");
        var rotation = await host.PostAsync($"/api/meetings/{created.Code}/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = (await rotation.Content.ReadFromJsonAsync<MeetingSecretsResponse>(DirectoryApi.Json))!;
        var mails = await smtp.WaitForMessagesAsync(4); // two invitations, then both re-sent after the rotation

        // Attempts that must fail: the old passcode and token, a wrong passcode.
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, rotated.Code, created.Passcode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DirectoryApi.AdmitAsync(guest, rotated.Code, WrongPasscode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await DirectoryApi.AdmitAsync(guest, rotated.Code, null, invitation: DirectoryApi.TokenOf(invited.Single(i => !i.AccountBound)))).StatusCode);

        var hostPass = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(host, rotated.Code, rotated.Passcode, "Chủ trì"));
        Assert.False(hostPass.Waiting);
        await using var hostHub = await HubClient.ConnectAsync(server.BaseUrl);
        var hostKnock = await hostHub.InvokeAsync<KnockAnswer>("Knock", hostPass.Pass);
        var hostJoined = await hostHub.InvokeAsync<JoinAnswer>("Join", hostKnock.Ticket);

        var guestToken = DirectoryApi.TokenOf(rotated.Invitations.Single(i => !i.AccountBound));
        var guestPass = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(guest, rotated.Code, null, "Khách mời", guestToken));
        var (guestHub, guestTicket, guestJoined) = await ThroughWaitingRoomAsync(server, hostHub, guestPass.Pass);
        await using var ____ = guestHub;

        var binhPass = await DirectoryApi.AdmittedAsync(await DirectoryApi.AdmitAsync(binh, rotated.Code, null, "Bình"));
        var (binhHub, binhTicket, binhJoined) = await ThroughWaitingRoomAsync(server, hostHub, binhPass.Pass);
        await using var _____ = binhHub;

        string[] secrets =
        [
            TestAccounts.Password, created.Passcode!, rotated.Passcode!, WrongPasscode,
            .. invited.Select(DirectoryApi.TokenOf), .. rotated.Invitations.Select(DirectoryApi.TokenOf),
            hostPass.Pass, guestPass.Pass, binhPass.Pass,
            hostKnock.Ticket!, guestTicket, binhTicket,
            Secret(hostJoined.Rejoin), Secret(guestJoined.Rejoin), Secret(binhJoined.Rejoin),
        ];
        Assert.Equal(secrets.Length, secrets.Distinct(StringComparer.Ordinal).Count());

        var logLines = server.LogLines;
        var requestedUrls = logLines.Where(l => l.Contains("Request starting", StringComparison.Ordinal)).ToList();
        Assert.True(requestedUrls.Count >= 15, "the request log was not captured: " + requestedUrls.Count);
        Assert.Contains(requestedUrls, l => l.Contains("/api/admission", StringComparison.Ordinal));
        Assert.Contains(requestedUrls, l => l.Contains(MeetingHub.Path, StringComparison.Ordinal));
        Assert.Equal(4, mails.Count);
        Assert.Contains(mails, m => m.To.Mailboxes.Any(a => a.Address == "khach@example.com"));

        // Personal links carry their token only in the fragment, which a browser never sends.
        var links = new[] { created.Link, rotated.Link }.Concat(invited.Concat(rotated.Invitations).Select(i => i.Link.Split('#')[0])).ToList();
        SecretScan.AssertAbsent(secrets, requestedUrls, logLines, smtp.AllTexts(), links);
    }

    private static async Task<(HubClient Client, string Ticket, JoinAnswer Joined)> ThroughWaitingRoomAsync(AnHopServer server, HubClient host, string pass)
    {
        var client = await HubClient.ConnectAsync(server.BaseUrl);
        Assert.Equal("waiting", (await client.InvokeAsync<KnockAnswer>("Knock", pass)).State);
        await host.InvokeAsync("Admit", host.Next("Knocked")[0].GetProperty("id").GetString());
        var ticket = client.Next("Admitted")[0].GetString()!;
        return (client, ticket, await client.InvokeAsync<JoinAnswer>("Join", ticket));
    }

    // The rejoin value is "meeting:token"; the meeting ID is no secret.
    private static string Secret(string rejoin) => rejoin[(rejoin.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
