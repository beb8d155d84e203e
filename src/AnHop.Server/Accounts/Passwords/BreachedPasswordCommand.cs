using AnHop.Server.Hosting;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>
/// <c>AnHop.Server import-breached-passwords &lt;file&gt; [configuration arguments]</c>: an administrator imports a
/// Have I Been Pwned SHA-1 list into the data folder the server reads (the same configuration as the server's).
/// </summary>
public static class BreachedPasswordCommand
{
    public const string Name = "import-breached-passwords";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, int chunkSize = BreachedPasswordImport.DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0].StartsWith('-') || !File.Exists(args[0]))
        {
            await error.WriteLineAsync($"Usage: AnHop.Server {Name} <pwned-passwords-sha1.txt> [--AnHop:DataDirectory=<folder>]");
            return 2;
        }

        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args[1..], ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var options = AnHopApp.BindAndValidate(configuration);
        var target = Path.Combine(DataDirectory.Ensure(options.ResolvedDataDirectory), BreachedPasswords.FileName);
        var result = await BreachedPasswordImport.ImportAsync(args[0], target, chunkSize);
        await output.WriteLineAsync($"Imported {result.Imported} breached-password hashes into {target} ({result.SkippedLines} unreadable line(s) skipped).");
        return 0;
    }
}
