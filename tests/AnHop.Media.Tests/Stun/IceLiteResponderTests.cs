using System.Net;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Stun;

public class IceLiteResponderTests
{
    private const string LocalUfrag = "sfuU";
    private const string LocalPassword = "sfuPasswordSfuPasswordXY";
    private static readonly StunAddress Remote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 54321));
    private static readonly StunAddress OtherRemote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40000));

    private readonly ManualTimeProvider _clock = new();

    private IceLiteResponder Responder(string? remoteUfrag = null) =>
        new(LocalUfrag, LocalPassword, remoteUfrag, _clock);

    private static (IceCheckResult Result, byte[] Response) Handle(IceLiteResponder responder, byte[] request, StunAddress? from = null)
    {
        var response = new byte[256];
        var result = responder.HandleRequest(request, from ?? Remote, response, out var length);
        Assert.Equal(result.HasResponse(), length > 0);
        return (result, response[..length]);
    }

    [Fact]
    public void Valid_Chromium_check_gets_an_authenticated_success_response()
    {
        using var responder = Responder("brWs");
        var request = new ChromiumRequest().Build();
        var (result, response) = Handle(responder, request);

        Assert.Equal(IceCheckResult.Accepted, result);
        Assert.True(StunMessage.TryParse(response, out var message, out var reason), reason);
        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.Equal(request.AsSpan(8, 12).ToArray(), message.TransactionId.ToArray());
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Remote, mapped);
        using var key = StunIntegrityKey.ShortTerm(LocalPassword);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
        Assert.False(responder.TryGetSelectedRemote(out _));
    }

    [Fact]
    public void Ipv6_remote_is_reflected()
    {
        using var responder = Responder();
        var (result, response) = Handle(responder, new ChromiumRequest().Build(), OtherRemote);
        Assert.Equal(IceCheckResult.Accepted, result);
        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40000), mapped.ToEndPoint());
    }

    [Fact]
    public void Use_candidate_selects_the_sender_and_a_later_nomination_switches()
    {
        using var responder = Responder();
        Assert.Equal(IceCheckResult.Nominated, Handle(responder, new ChromiumRequest { UseCandidate = true }.Build()).Result);
        Assert.True(responder.TryGetSelectedRemote(out var selected));
        Assert.Equal(Remote, selected);

        // A plain check from another pair does not move the selection.
        Assert.Equal(IceCheckResult.Accepted, Handle(responder, new ChromiumRequest().Build(), OtherRemote).Result);
        Assert.True(responder.TryGetSelectedRemote(out selected));
        Assert.Equal(Remote, selected);

        // Nominating another pair does.
        Assert.Equal(IceCheckResult.Nominated, Handle(responder, new ChromiumRequest { UseCandidate = true }.Build(), OtherRemote).Result);
        Assert.True(responder.TryGetSelectedRemote(out selected));
        Assert.Equal(OtherRemote, selected);
    }

    [Theory]
    [InlineData("sfuU:brWs", "wrongPasswordWrongPasswd")] // MESSAGE-INTEGRITY under another password
    [InlineData("other:brWs", LocalPassword)]              // someone else's ufrag
    [InlineData("sfuUx:brWs", LocalPassword)]              // our ufrag as a prefix only
    [InlineData("sfuU", LocalPassword)]                    // no colon
    [InlineData("sfuU:", LocalPassword)]                   // empty remote part
    [InlineData("sfuU:zzzz", LocalPassword)]               // remote ufrag differs from the SDP's
    public void Bad_credentials_get_401_without_integrity(string username, string password)
    {
        using var responder = Responder("brWs");
        var (result, response) = Handle(responder, new ChromiumRequest { Username = username, Password = password }.Build());
        Assert.Equal(IceCheckResult.Unauthorized, result);
        AssertError(response, StunErrorCode.Unauthorized, authenticated: false);
    }

    [Fact]
    public void Any_remote_ufrag_is_accepted_until_it_is_known()
    {
        using var responder = Responder();
        Assert.Equal(IceCheckResult.Accepted, Handle(responder, new ChromiumRequest { Username = "sfuU:zzzz" }.Build()).Result);
        responder.SetRemoteUfrag("brWs");
        Assert.Equal(IceCheckResult.Unauthorized, Handle(responder, new ChromiumRequest { Username = "sfuU:zzzz" }.Build()).Result);
        Assert.Equal(IceCheckResult.Accepted, Handle(responder, new ChromiumRequest { Username = "sfuU:brWs" }.Build()).Result);
    }

    [Fact]
    public void Missing_username_or_integrity_gets_400_without_integrity()
    {
        using var responder = Responder();
        var (result, response) = Handle(responder, new ChromiumRequest { WithUsername = false }.Build());
        Assert.Equal(IceCheckResult.BadRequest, result);
        AssertError(response, StunErrorCode.BadRequest, authenticated: false);

        (result, response) = Handle(responder, new ChromiumRequest { WithIntegrity = false }.Build());
        Assert.Equal(IceCheckResult.BadRequest, result);
        AssertError(response, StunErrorCode.BadRequest, authenticated: false);
    }

    [Fact]
    public void Non_binding_request_gets_400_for_its_own_method()
    {
        using var responder = Responder();
        var (result, response) = Handle(responder, new ChromiumRequest { MessageType = 0x0003 }.Build());
        Assert.Equal(IceCheckResult.BadRequest, result);
        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.Equal(0x0113, message.Type); // Allocate error response
    }

    [Fact]
    public void Missing_priority_gets_an_authenticated_400()
    {
        using var responder = Responder();
        var (result, response) = Handle(responder, new ChromiumRequest { Priority = null }.Build());
        Assert.Equal(IceCheckResult.BadRequest, result);
        AssertError(response, StunErrorCode.BadRequest, authenticated: true);
    }

    [Fact]
    public void Ice_controlled_peer_gets_487_because_a_lite_agent_is_always_controlled()
    {
        using var responder = Responder();
        var request = new ChromiumRequest { IceControlling = null, IceControlled = 42, UseCandidate = true }.Build();
        var (result, response) = Handle(responder, request);
        Assert.Equal(IceCheckResult.RoleConflict, result);
        AssertError(response, StunErrorCode.RoleConflict, authenticated: true);
        Assert.False(responder.TryGetSelectedRemote(out _));
    }

    [Fact]
    public void Rfc5769_sample_request_claims_controlled_and_gets_487()
    {
        // RFC 5769 §2.1 carries ICE-CONTROLLED; as a lite agent with ufrag "evtj" we answer Role Conflict.
        using var responder = new IceLiteResponder("evtj", Rfc5769Vectors.Password, "h6vY", _clock);
        var (result, response) = Handle(responder, Rfc5769Vectors.Request);
        Assert.Equal(IceCheckResult.RoleConflict, result);
        Assert.True(StunMessage.TryParse(response, out var message));
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        Assert.True(message.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_get_420_listing_them()
    {
        using var responder = Responder();
        var request = new ChromiumRequest { Extra = [(0x7777, [1, 2, 3, 4]), (0x0031, []), (0x7777, [5])] }.Build();
        var (result, response) = Handle(responder, request);
        Assert.Equal(IceCheckResult.UnknownAttribute, result);
        AssertError(response, StunErrorCode.UnknownAttribute, authenticated: true);
        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.True(message.TryGetUnknownAttributes(out var types));
        Assert.Equal(Convert.FromHexString("77770031"), types.ToArray());
    }

    [Fact]
    public void Unknown_comprehension_optional_attributes_are_ignored()
    {
        using var responder = Responder();
        var request = new ChromiumRequest { Extra = [(0xC059, [0, 0, 0, 1]), (0xC060, [9])] }.Build();
        Assert.Equal(IceCheckResult.Accepted, Handle(responder, request).Result);
    }

    [Fact]
    public void Missing_or_wrong_fingerprint_is_dropped_silently()
    {
        using var responder = Responder();
        Assert.Equal(IceCheckResult.BadFingerprint, Handle(responder, new ChromiumRequest { WithFingerprint = false }.Build()).Result);
        var request = new ChromiumRequest().Build();
        request[^1] ^= 1;
        Assert.Equal(IceCheckResult.BadFingerprint, Handle(responder, request).Result);
    }

    [Fact]
    public void Indications_responses_and_garbage_are_dropped()
    {
        using var responder = Responder();
        Assert.Equal(IceCheckResult.NotRequest, Handle(responder, new ChromiumRequest { MessageType = StunMessageType.BindingIndication }.Build()).Result);
        Assert.Equal(IceCheckResult.NotRequest, Handle(responder, new ChromiumRequest { MessageType = StunMessageType.BindingSuccessResponse }.Build()).Result);
        Assert.Equal(IceCheckResult.Malformed, Handle(responder, [0x80, 0x6f, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]).Result);
    }

    [Fact]
    public void Too_small_response_buffer_changes_nothing()
    {
        using var responder = Responder();
        var response = new byte[40];
        var result = responder.HandleRequest(new ChromiumRequest { UseCandidate = true }.Build(), Remote, response, out var length);
        Assert.Equal(IceCheckResult.ResponseBufferTooSmall, result);
        Assert.Equal(0, length);
        Assert.False(responder.TryGetSelectedRemote(out _));
    }

    [Fact]
    public void An_empty_remote_address_is_a_caller_bug()
    {
        using var responder = Responder();
        var request = new ChromiumRequest().Build();
        Assert.Throws<ArgumentException>(() => responder.HandleRequest(request, default, new byte[256], out _));
    }

    [Fact]
    public void Consent_expires_after_30_seconds_without_a_valid_check()
    {
        using var responder = Responder();
        Assert.False(responder.IsConsentExpired());
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(IceCheckResult.Nominated, Handle(responder, new ChromiumRequest { UseCandidate = true }.Build()).Result);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(responder.IsConsentExpired());

        // Failed checks and checks from pairs other than the selected one do not refresh consent.
        Handle(responder, new ChromiumRequest { Password = "wrongPasswordWrongPasswd" }.Build());
        Handle(responder, new ChromiumRequest().Build(), OtherRemote);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(responder.IsConsentExpired());

        Assert.Equal(IceCheckResult.Accepted, Handle(responder, new ChromiumRequest().Build()).Result);
        Assert.False(responder.IsConsentExpired());
    }

    [Fact]
    public void Consent_timeout_is_configurable()
    {
        using var responder = new IceLiteResponder(LocalUfrag, LocalPassword, null, _clock) { ConsentTimeout = TimeSpan.FromSeconds(5) };
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(responder.IsConsentExpired());
        Handle(responder, new ChromiumRequest().Build());
        Assert.False(responder.IsConsentExpired());
        Assert.True(responder.IsConsentExpired(_clock.GetTimestamp() + TimeSpan.FromSeconds(6).Ticks));
    }

    private static void AssertError(byte[] response, int code, bool authenticated)
    {
        Assert.True(StunMessage.TryParse(response, out var message, out var reason), reason);
        Assert.Equal(StunClass.ErrorResponse, message.Class);
        Assert.True(message.TryGetErrorCode(out var error));
        Assert.Equal(code, error.Code);
        Assert.Equal(StunErrorCode.DefaultReason(code).ToArray(), error.Reason.ToArray());
        Assert.Equal(authenticated, message.HasMessageIntegrity);
        using var key = StunIntegrityKey.ShortTerm(LocalPassword);
        Assert.Equal(authenticated, message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
    }
}
