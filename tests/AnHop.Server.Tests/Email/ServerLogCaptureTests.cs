namespace AnHop.Server.Tests.Email;

/// <summary>The harness's log capture, which the secret scans of every area rely on.</summary>
public sealed class ServerLogCaptureTests
{
    [Fact]
    public async Task Request_urls_are_captured_at_information_level_although_the_console_shows_warnings_only()
    {
        await using var server = await AnHopServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.GetAsync(new Uri("/healthz?probe=capture-check-42", UriKind.Relative));

        Assert.Contains(server.LogLines, line => line.StartsWith("Information AnHop[1000] AnHop ", StringComparison.Ordinal));
        Assert.Contains(server.LogLines, line =>
            line.StartsWith("Information Microsoft.AspNetCore.Hosting.Diagnostics[1] Request starting", StringComparison.Ordinal)
            && line.Contains("/healthz?probe=capture-check-42", StringComparison.Ordinal));
        Assert.Single(SecretScan.Find(["capture-check-42"], server.LogLines.Where(l => l.Contains("Request starting", StringComparison.Ordinal))));
    }
}
