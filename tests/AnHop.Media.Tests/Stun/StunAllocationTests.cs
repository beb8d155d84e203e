using System.Net;
using System.Net.Sockets;
using AnHop.Media.Stun;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Stun;

/// <summary>The per-packet STUN path allocates nothing.</summary>
public class StunAllocationTests
{
    private static readonly StunAddress Remote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 54321));

    [Fact]
    public void Parse_and_read_every_attribute_allocates_nothing()
    {
        var request = Rfc5769Vectors.Request;
        var response = Rfc5769Vectors.IPv6Response;
        Allocations.AssertNone(() =>
        {
            StunMessage.TryParse(request, out var message);
            message.TryGetUsername(out _);
            message.TryGetPriority(out _);
            message.TryGetIceControlled(out _);
            message.TryGetSoftware(out _);
            message.TryGetIceUsername(out _, out _);
            StunMessage.TryParse(response, out message);
            message.TryGetXorMappedAddress(out _);
            StunMessage.TryReadUsernameFragments(request, out _, out _);
        });
    }

    [Fact]
    public void Verify_integrity_and_fingerprint_allocates_nothing()
    {
        var request = Rfc5769Vectors.Request;
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        Allocations.AssertNone(() =>
        {
            StunMessage.TryParse(request, out var message);
            Assert.True(message.VerifyMessageIntegrity(key));
            Assert.True(message.VerifyFingerprint());
        });
    }

    [Fact]
    public void Build_success_response_allocates_nothing()
    {
        var transactionId = Rfc5769Vectors.TransactionId;
        var buffer = new byte[128];
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        Allocations.AssertNone(() =>
        {
            var writer = new StunMessageWriter(buffer);
            writer.TryWriteHeader(StunMessageType.BindingSuccessResponse, transactionId);
            writer.TryAddXorMappedAddress(Remote);
            writer.TryAddErrorCode(StunErrorCode.RoleConflict);
            writer.TryAddMessageIntegrity(key);
            writer.TryAddFingerprint();
        });
    }

    [Fact]
    public void Full_responder_check_allocates_nothing()
    {
        using var responder = new IceLiteResponder("sfuU", "sfuPasswordSfuPasswordXY", "brWs");
        var check = new ChromiumRequest().Build();
        var nomination = new ChromiumRequest { UseCandidate = true }.Build();
        var badPassword = new ChromiumRequest { Password = "wrongPasswordWrongPasswd" }.Build();
        var unknown = new ChromiumRequest { Extra = [(0x7777, [1])] }.Build();
        var response = new byte[256];
        Allocations.AssertNone(() =>
        {
            Assert.True(responder.HandleRequest(check, Remote, response, out _) == IceCheckResult.Accepted);
            Assert.True(responder.HandleRequest(nomination, Remote, response, out _) == IceCheckResult.Nominated);
            Assert.True(responder.HandleRequest(badPassword, Remote, response, out _) == IceCheckResult.Unauthorized);
            Assert.True(responder.HandleRequest(unknown, Remote, response, out _) == IceCheckResult.UnknownAttribute);
            responder.IsConsentExpired();
            responder.TryGetSelectedRemote(out _);
        }, iterations: 2_000);
    }

    [Fact]
    public void Address_from_endpoint_and_socket_address_allocates_nothing()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443);
        var socketAddress = endPoint.Serialize();
        var sendTo = new SocketAddress(AddressFamily.InterNetworkV6);
        Allocations.AssertNone(() =>
        {
            var a = StunAddress.FromEndPoint(endPoint);
            StunAddress.TryFromSocketAddress(socketAddress, out var b);
            Assert.True(a == b);
            Assert.True(b.TryWriteTo(sendTo));
        });
    }
}
