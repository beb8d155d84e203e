namespace AnHop.LoadGenerator;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!LoadOptions.TryParse(args, out var options, out var reason))
        {
            if (reason != "help")
            {
                await Console.Error.WriteLineAsync(reason);
            }

            await Console.Error.WriteLineAsync(LoadOptions.Usage);
            return reason == "help" ? 0 : 1;
        }

        // Bounded whatever happens: connecting hundreds of peers on a loaded machine may crawl; the run never hangs.
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine("watchdog: the run exceeded its time bound; exiting");
            Environment.Exit(3);
        }, null, TimeSpan.FromSeconds(options.Seconds + 240), Timeout.InfiniteTimeSpan);
        using var run = new LoadRun(options, Console.Out);
        return await run.RunAsync();
    }
}
