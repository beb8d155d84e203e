using AnHop.Server.Accounts.Passwords;
using AnHop.Server.Hosting;
using AnHop.Server.Options;
using AnHop.Server.Web;

if (args.Contains("--version"))
{
    Console.WriteLine($"AnHop {AppVersion.Current}");
    return 0;
}

if (args.Length > 0 && args[0] == BreachedPasswordCommand.Name)
{
    return await BreachedPasswordCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

WebApplication app;
try
{
    app = AnHopApp.Build(args);
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

await using (app)
{
    await AnHopApp.StartAsync(app, Console.Out);
    await app.WaitForShutdownAsync();
}

return 0;
