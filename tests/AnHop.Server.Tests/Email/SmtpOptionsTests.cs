using AnHop.Server.Hosting;
using AnHop.Server.Options;
using Microsoft.Extensions.Configuration;

namespace AnHop.Server.Tests.Email;

public sealed class SmtpOptionsTests
{
    private static readonly string[] Working =
    [
        "--AnHop:Smtp:Enabled=true",
        "--AnHop:Smtp:Host=mail.so-tu-phap.gov.vn",
        "--AnHop:Smtp:FromAddress=anhop@so-tu-phap.gov.vn",
    ];

    [Fact]
    public void E_mail_is_off_by_default_with_starttls_on_587()
    {
        var smtp = Bind().Smtp;
        Assert.False(smtp.Enabled);
        Assert.Equal(587, smtp.Port);
        Assert.Equal(SmtpSecurity.StartTls, smtp.Security);
        Assert.Equal("AnHop", smtp.FromName);
    }

    [Fact]
    public void A_complete_configuration_binds()
    {
        var smtp = Bind([.. Working, "--AnHop:Smtp:Port=465", "--AnHop:Smtp:Security=SslOnConnect", "--AnHop:Smtp:Username=anhop", "--AnHop:Smtp:Password=mật-khẩu-thư"]).Smtp;
        Assert.True(smtp.Enabled);
        Assert.Equal("mail.so-tu-phap.gov.vn", smtp.Host);
        Assert.Equal(465, smtp.Port);
        Assert.Equal(SmtpSecurity.SslOnConnect, smtp.Security);
    }

    [Fact]
    public void Settings_of_a_disabled_smtp_section_are_not_checked()
    {
        Assert.False(Bind("--AnHop:Smtp:Host=", "--AnHop:Smtp:Port=0").Smtp.Enabled);
    }

    [Theory]
    [InlineData("--AnHop:Smtp:Host=", "AnHop:Smtp:Host = '' is not allowed")]
    [InlineData("--AnHop:Smtp:Host=mail server", "AnHop:Smtp:Host = 'mail server' is not allowed")]
    [InlineData("--AnHop:Smtp:Port=0", "AnHop:Smtp:Port = 0 is not allowed")]
    [InlineData("--AnHop:Smtp:Port=70000", "AnHop:Smtp:Port = 70000 is not allowed")]
    [InlineData("--AnHop:Smtp:Security=Tls", "AnHop:Smtp:Security")]
    [InlineData("--AnHop:Smtp:FromAddress=not-an-address", "AnHop:Smtp:FromAddress = 'not-an-address' is not allowed")]
    [InlineData("--AnHop:Smtp:FromAddress=", "AnHop:Smtp:FromAddress = '' is not allowed")]
    [InlineData("--AnHop:Smtp:Username=anhop", "AnHop:Smtp:Username and AnHop:Smtp:Password go together")]
    [InlineData("--AnHop:Smtp:Password=only-a-password", "AnHop:Smtp:Username and AnHop:Smtp:Password go together")]
    [InlineData("--AnHop:Smtp:Enabled=maybe", "AnHop:Smtp:Enabled")]
    public void A_bad_smtp_value_stops_start_with_a_message_naming_the_key(string argument, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Bind([.. Working, argument]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_over_an_unencrypted_connection_is_refused_without_showing_it()
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            Bind([.. Working, "--AnHop:Smtp:Security=None", "--AnHop:Smtp:Username=anhop", "--AnHop:Smtp:Password=Bí-mật-9f3kQ"]));
        Assert.Contains("AnHop:Smtp:Security = 'None' with AnHop:Smtp:Username set would send the password unencrypted", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bí-mật-9f3kQ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_refuses_to_build_with_a_bad_smtp_value()
    {
        var ex = Assert.Throws<ConfigurationException>(() => AnHopApp.Build([.. Working, "--AnHop:Smtp:Port=-5"]));
        Assert.Contains("AnHop:Smtp:Port = -5 is not allowed", ex.Message, StringComparison.Ordinal);
    }

    private static AnHopOptions Bind(params string[] args) =>
        AnHopApp.BindAndValidate(new ConfigurationBuilder().AddCommandLine(args).Build());
}
