using AnHop.Server.Hosting;
using AnHop.Server.Options;

namespace AnHop.Server.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--AnHop:Http:Port=70000", "AnHop:Http:Port = 70000 is not allowed")]
    [InlineData("--AnHop:Https:Port=-1", "AnHop:Https:Port = -1 is not allowed")]
    [InlineData("--AnHop:Http:Port=abc", "AnHop:Http:Port")]
    [InlineData("--AnHop:Http:Address=not-an-address", "AnHop:Http:Address = 'not-an-address' is not allowed")]
    [InlineData("--AnHop:Database:Provider=Oracle", "Allowed values: Sqlite")]
    [InlineData("--AnHop:Htps:Port=1", "Htps")]
    [InlineData("--AnHop:DataDirectory= ", "AnHop:DataDirectory is empty")]
    [InlineData("--AnHop:Https:CertificatePath=/nonexistent/cert.pfx", "AnHop:Https:CertificatePath = '/nonexistent/cert.pfx' does not exist")]
    [InlineData("--AnHop:Accounts:SignInPermitsPerIP=5", "SignInPermitsPerIP")]
    [InlineData("--AnHop:Accounts:SignInPermitsPerIpPerMinute=0", "AnHop:Accounts:SignInPermitsPerIpPerMinute must be between")]
    [InlineData("--AnHop:Meetings:PublicUrl=ftp://x", "AnHop:Meetings:PublicUrl must be an absolute http(s) URL")]
    [InlineData("--AnHop:Meetings:EmptyRoomGracePeriod=-00:00:01", "AnHop:Meetings:EmptyRoomGracePeriod = -00:00:01 is not allowed")]
    [InlineData("--AnHop:Meetings:EmptyRoomGracePeriod=02:00:00", "AnHop:Meetings:EmptyRoomGracePeriod = 02:00:00 is not allowed")]
    public void A_bad_value_stops_start_with_a_message_naming_the_key(string argument, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => AnHopApp.Build([argument]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("AnHop cannot start, the configuration is invalid:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_endpoints_on_one_port_are_refused()
    {
        var ex = Assert.Throws<ConfigurationException>(() => AnHopApp.Build(["--AnHop:Http:Port=9000", "--AnHop:Https:Port=9000"]));
        Assert.Contains("AnHop:Http:Port and AnHop:Https:Port are both 9000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_process_exits_with_status_2_and_prints_the_problem()
    {
        var (exitCode, stdout, stderr) = await ServerProcess.RunAsync(TimeSpan.FromSeconds(60), "--AnHop:Http:Port=70000");
        Assert.Equal(2, exitCode);
        Assert.Contains("AnHop:Http:Port = 70000 is not allowed: use a port from 1 to 65535", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_server_process_prints_its_version()
    {
        var (exitCode, stdout, _) = await ServerProcess.RunAsync(TimeSpan.FromSeconds(60), "--version");
        Assert.Equal(0, exitCode);
        Assert.Equal($"AnHop {AnHop.Server.Web.AppVersion.Current}", stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", AnHop.Server.Web.AppVersion.Current);
    }
}
