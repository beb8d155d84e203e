namespace AnHop.Browser.Tests.Harness;

/// <summary>
/// A server of its own for tests that go through POST /api/admission: they make more attempts a minute than the
/// per-IP throttle allows one person, and must not use up the shared server's allowance for other tests.
/// </summary>
public sealed class AdmissionServer : IAsyncLifetime
{
    private AnHopServer? _server;

    public AnHopServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync("--AnHop:Meetings:AdmissionsPerIpPerMinute=1000");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
