using AnHop.Server.Accounts;

namespace AnHop.Server.Tests.Accounts;

public sealed class AccountOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new AccountOptionsValidator().Validate(null, new AccountOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 5, 5)]
    [InlineData(10, 0, 5)]
    [InlineData(10, 5, 0)]
    [InlineData(10, 5, 30)]
    public void Limits_out_of_range_are_refused_with_the_setting_named(int perIp, int perAccount, int adminIdleMinutes)
    {
        var result = new AccountOptionsValidator().Validate(null, new AccountOptions
        {
            SignInPermitsPerIpPerMinute = perIp,
            SignInPermitsPerAccountPerMinute = perAccount,
            AdminIdleTimeout = TimeSpan.FromMinutes(adminIdleMinutes),
        });
        Assert.True(result.Failed);
        Assert.Contains("Accounts:", result.FailureMessage, StringComparison.Ordinal);
    }
}
