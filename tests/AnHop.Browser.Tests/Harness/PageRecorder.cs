using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>
/// Records every request a page makes, every console message and every uncaught error, so that a test
/// can fail on a request to any host but the AnHop server, on a CSP violation or on any console error.
/// </summary>
public sealed class PageRecorder
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _problems = new();

    public PageRecorder(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Request += (_, request) => _requests.Enqueue(request.Url);
        context.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        context.WebError += (_, error) => _problems.Enqueue($"page error: {error.Error}");
    }

    public IReadOnlyCollection<string> Requests => _requests.ToArray();

    public IReadOnlyCollection<string> Problems => _problems.ToArray();

    public void AssertOnlyRequestsTo(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Assert.NotEmpty(_requests);
        var foreign = _requests.Where(url =>
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme is "http" or "https" or "ws" or "wss")
            || uri.Host != server.Host
            || uri.Port != server.Port).ToList();
        Assert.True(foreign.Count == 0, "requests to a host other than the AnHop server: " + string.Join(", ", foreign));
    }

    public void AssertNoConsoleProblems() =>
        Assert.True(_problems.IsEmpty, "console problems: " + string.Join(" | ", _problems));
}
