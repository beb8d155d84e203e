using System.Net;
using System.Text;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Stun;

/// <summary>Real Binding requests from Chromium 156 (see testdata/stun/README.md).</summary>
public class ChromiumCaptureTests
{
    private const string Password = "sfuPasswordSfuPasswordXY";
    private static readonly StunAddress Remote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.2"), 52338));

    internal static byte[] Load(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "stun", name)).Trim());

    internal static byte[] Check => Load("chromium-156-binding-request.hex");

    internal static byte[] NominatingCheck => Load("chromium-156-binding-request-use-candidate.hex");

    [Fact]
    public void Chromium_check_parses_and_authenticates()
    {
        Assert.True(StunMessage.TryParse(Check, out var message, out var reason), reason);
        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.True(message.TryGetIceUsername(out var local, out var remote));
        Assert.Equal("sfuU", Encoding.UTF8.GetString(local));
        Assert.Equal("3npL", Encoding.UTF8.GetString(remote));
        Assert.True(message.TryGetAttribute(StunAttributeType.GoogNetworkInfo, out var networkInfo));
        Assert.Equal(new byte[] { 0, 0, 0x03, 0xe7 }, networkInfo.ToArray());
        Assert.True(message.TryGetIceControlling(out _));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(0x6e001effu, priority);
        Assert.False(message.HasUseCandidate);
        using var key = StunIntegrityKey.ShortTerm(Password);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());

        var order = new List<StunAttributeType>();
        foreach (var attribute in message.Attributes)
        {
            order.Add(attribute.Type);
        }

        Assert.Equal(
            [StunAttributeType.Username, StunAttributeType.GoogNetworkInfo, StunAttributeType.IceControlling,
             StunAttributeType.Priority, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint], order);
    }

    [Fact]
    public void Responder_accepts_then_follows_Chromium_nomination()
    {
        using var responder = new IceLiteResponder("sfuU", Password, "3npL");
        var response = new byte[128];
        Assert.Equal(IceCheckResult.Accepted, responder.HandleRequest(Check, Remote, response, out _));
        Assert.False(responder.TryGetSelectedRemote(out _));
        Assert.Equal(IceCheckResult.Nominated, responder.HandleRequest(NominatingCheck, Remote, response, out var length));
        Assert.True(responder.TryGetSelectedRemote(out var selected));
        Assert.Equal(Remote, selected);
        Assert.True(StunMessage.TryParse(response.AsSpan(0, length), out var answer));
        Assert.True(answer.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Remote, mapped);
    }

    [Fact]
    public void Routing_by_ufrag_works_on_the_raw_datagram()
    {
        Assert.True(StunMessage.TryReadUsernameFragments(NominatingCheck, out var local, out _));
        Assert.True(local.SequenceEqual("sfuU"u8));
    }
}
