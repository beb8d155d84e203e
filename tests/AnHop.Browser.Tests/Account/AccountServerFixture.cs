using AnHop.Server.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests.Account;

/// <summary>
/// A server of its own for the account tests (sign-in is throttled per IP and per account: these tests should
/// neither feel nor add to the attempts of other test classes), set up with its first administrator as an operator
/// would, so the organisation that meetings belong to exists.
/// </summary>
public sealed class AccountServerFixture : IAsyncLifetime
{
    private AnHopServer? _server;

    public AnHopServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await AnHopServer.StartAsync();
        var link = _server.Console.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/setup#token=", StringComparison.Ordinal));
        await using var scope = _server.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>()
            .CompleteAsync(link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..], "quan.tri@anhop.test", "Quản Trị", AccountUsers.Password);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
