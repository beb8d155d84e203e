using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace AnHop.Testing;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (package python3-aiosmtpd) on 127.0.0.1 and a free port, keeping
/// every message it accepts in a Maildir. It accepts any sender and recipient, without TLS or authentication,
/// so the server under test is started with AnHop:Smtp:Security=None (see <see cref="ServerArgs"/>).
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    /// <summary>Debian's interpreter: the one python3-aiosmtpd installs into (a python3 earlier on PATH may lack it).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _mailDirectory;
    private readonly ConcurrentQueue<string> _output;

    private SmtpListener(Process process, string mailDirectory, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        _mailDirectory = mailDirectory;
        _output = output;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Configuration arguments for <see cref="AnHopServer.StartAsync"/> that send e-mail here.</summary>
    public string[] ServerArgs =>
    [
        "--AnHop:Smtp:Enabled=true",
        "--AnHop:Smtp:Host=127.0.0.1",
        $"--AnHop:Smtp:Port={Port}",
        "--AnHop:Smtp:Security=None",
        "--AnHop:Smtp:FromAddress=anhop@test.anhop.vn",
    ];

    public static async Task<SmtpListener> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: install python3-aiosmtpd (scripts/test.sh does).");
        }

        // The free port is found before aiosmtpd binds it, so a parallel test may take it first: then try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync();
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<SmtpListener> StartOnceAsync()
    {
        var mailDirectory = Directory.CreateTempSubdirectory("anhop-smtp-").FullName;
        foreach (var folder in (string[])["tmp", "new", "cur"])
        {
            Directory.CreateDirectory(Path.Combine(mailDirectory, folder)); // Python's Maildir adds them only to a folder it creates
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", mailDirectory])
        {
            start.ArgumentList.Add(arg);
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var listener = new SmtpListener(process, mailDirectory, port, output);
        try
        {
            await listener.WaitUntilListeningAsync();
            return listener;
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        new[] { "new", "cur" }
            .Select(folder => Path.Combine(_mailDirectory, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file.FullName))
            .ToList();

    /// <summary>For mail sent in the background: waits until <paramref name="count"/> messages have arrived (at most 30 s).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"{messages.Count} of {count} e-mails arrived at the SMTP listener within {StartTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>
    /// Everything a reader of the message could see, for <see cref="SecretScan"/>: the raw MIME text, every
    /// header decoded, and the decoded text of every part (including the .ics).
    /// </summary>
    public static IEnumerable<string> TextsOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        yield return System.Text.Encoding.UTF8.GetString(raw.ToArray());
        foreach (var header in message.Headers)
        {
            yield return $"{header.Field}: {header.Value}";
        }

        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            yield return part.Text;
        }
    }

    /// <summary><see cref="TextsOf"/> for every message received so far.</summary>
    public IEnumerable<string> AllTexts() => Messages().SelectMany(TextsOf).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_mailDirectory, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with status {_process.ExitCode}: {string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
