namespace AnHop.Browser.Tests.Account;

/// <summary>
/// A server of its own for the account tests: sign-in is throttled per IP and per account, and these tests
/// should neither feel nor add to the attempts of other test classes.
/// </summary>
public sealed class AccountServerFixture : IAsyncLifetime
{
    private AnHopServer? _server;

    public AnHopServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
