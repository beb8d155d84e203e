using AnHop.Media.Sfu.Transport;
using CsCheck;

namespace AnHop.Media.Tests.Sfu.Transport;

public class IceCredentialGeneratorTests
{
    [Fact]
    public void Credentials_use_ice_chars_and_rfc_8445_lengths()
    {
        Gen.Int.Sample(_ =>
        {
            var ufrag = IceCredentialGenerator.NewUfrag();
            var password = IceCredentialGenerator.NewPassword();
            Assert.True(ufrag.Length >= 4);
            Assert.True(password.Length >= 22);
            Assert.All(ufrag + password, c => Assert.Contains(c, IceCredentialGenerator.IceChars));
        }, iter: 1000);
    }

    [Fact]
    public void Transports_get_unique_ufrags()
    {
        using var server = TransportRig.NewServer(new MediaServerOptions { IceTcpEnabled = false });
        var transports = Enumerable.Range(0, 200).Select(_ => server.CreateWebRtcTransport()).ToList();
        Assert.Equal(200, transports.Select(t => t.LocalUfrag).Distinct().Count());
        Assert.Equal(200, transports.Select(t => t.Id).Distinct().Count());
        Assert.Equal(200, transports.Select(t => t.LocalPassword).Distinct().Count());
        transports.ForEach(t => t.Dispose());
        Assert.Equal(0, server.TransportCount);
    }
}
