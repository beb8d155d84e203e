using System.Text;

namespace AnHop.Media.Stun;

/// <summary>
/// The STUN side of an ICE-lite agent (RFC 8445 §2.5): it never sends checks, answers the peer's
/// Binding requests (§7.3), follows the peer's nomination and watches consent (RFC 7675).
/// One instance per ICE transport and credential set; not thread-safe (one receive loop).
/// </summary>
/// <remarks>
/// Order of checks on a request, and what each failure gets:
/// <list type="number">
/// <item>Not parseable, or FINGERPRINT absent or wrong: dropped silently. ICE demands FINGERPRINT
/// (RFC 8445 §7.3), and without it the datagram may be another protocol (RFC 8489 §7.3).</item>
/// <item>Indications and responses: dropped (a lite agent sends no requests; indications are keepalives).</item>
/// <item>A request for a method other than Binding, or lacking USERNAME or MESSAGE-INTEGRITY: 400 without
/// MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</item>
/// <item>USERNAME not "localUfrag:remoteUfrag" (the remote part is checked once known), or MESSAGE-INTEGRITY
/// wrong under the local password: 401 without MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</item>
/// <item>Unknown comprehension-required attributes: 420 with UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1).</item>
/// <item>PRIORITY missing: 400 (RFC 8445 §7.1.1 makes it mandatory).</item>
/// <item>ICE-CONTROLLED present: 487. A lite agent is always controlled (RFC 8445 §6.1.1) and cannot take the
/// controlling role that §7.3.1.1 would otherwise hand it.</item>
/// </list>
/// Responses to authenticated requests carry MESSAGE-INTEGRITY; every response carries FINGERPRINT.
/// Unauthenticated error answers (400, 401) are 48 bytes, so they amplify little.
/// </remarks>
public sealed class IceLiteResponder : IDisposable
{
    private const int MaxUnknownAttributesReported = 8;

    private readonly TimeProvider _time;
    private readonly StunIntegrityKey _key;
    private readonly byte[] _localUfrag;
    private byte[]? _remoteUfrag;
    private long _lastConsent;
    private StunAddress _selected;
    private bool _hasSelected;

    public IceLiteResponder(string localUfrag, string localPassword, string? remoteUfrag = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUfrag);
        ArgumentException.ThrowIfNullOrEmpty(localPassword);
        LocalUfrag = localUfrag;
        _localUfrag = Encoding.UTF8.GetBytes(localUfrag);
        _key = StunIntegrityKey.ShortTerm(localPassword);
        SetRemoteUfrag(remoteUfrag);
        _time = timeProvider ?? TimeProvider.System;
        _lastConsent = _time.GetTimestamp();
    }

    public string LocalUfrag { get; }

    /// <summary>How long without a valid check before consent is lost (RFC 7675 §5.1: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The remote ufrag from the peer's SDP; until set, any remote part of USERNAME is accepted.</summary>
    public void SetRemoteUfrag(string? remoteUfrag) =>
        _remoteUfrag = string.IsNullOrEmpty(remoteUfrag) ? null : Encoding.UTF8.GetBytes(remoteUfrag);

    /// <summary>The remote endpoint of the nominated pair: the latest valid check with USE-CANDIDATE.</summary>
    public bool TryGetSelectedRemote(out StunAddress remote)
    {
        remote = _selected;
        return _hasSelected;
    }

    /// <summary>
    /// True when no valid check has refreshed consent within <see cref="ConsentTimeout"/>. Consent is refreshed
    /// by valid checks from the selected remote, or by any valid check while none is selected; the clock starts
    /// when the responder is created.
    /// </summary>
    public bool IsConsentExpired() => IsConsentExpired(_time.GetTimestamp());

    public bool IsConsentExpired(long timestamp) => _time.GetElapsedTime(_lastConsent, timestamp) > ConsentTimeout;

    public IceCheckResult HandleRequest(ReadOnlySpan<byte> request, in StunAddress remote, Span<byte> response,
        out int responseLength) =>
        HandleRequest(request, remote, response, _time.GetTimestamp(), out responseLength);

    /// <summary>
    /// Answers one datagram that <see cref="Demux.PacketClassifier"/> called STUN. When the result
    /// <see cref="IceCheckResultExtensions.HasResponse"/>, send <paramref name="response"/>[..responseLength]
    /// back to <paramref name="remote"/>. <paramref name="timestamp"/> is from the responder's <see cref="TimeProvider"/>.
    /// </summary>
    public IceCheckResult HandleRequest(ReadOnlySpan<byte> request, in StunAddress remote, Span<byte> response,
        long timestamp, out int responseLength)
    {
        responseLength = 0;
        if (remote.Family == StunAddressFamily.Unknown)
        {
            throw new ArgumentException("the remote address is empty", nameof(remote));
        }

        if (!StunMessage.TryParse(request, out var message))
        {
            return IceCheckResult.Malformed;
        }

        if (!message.VerifyFingerprint())
        {
            return IceCheckResult.BadFingerprint;
        }

        if (message.Class != StunClass.Request)
        {
            return IceCheckResult.NotRequest;
        }

        if (message.Method != StunMethod.Binding || !message.HasMessageIntegrity
            || !message.TryGetUsername(out var username))
        {
            return WriteError(message, StunErrorCode.BadRequest, authenticated: false, default, response,
                IceCheckResult.BadRequest, out responseLength);
        }

        if (!IsOurUsername(username) || !message.VerifyMessageIntegrity(_key))
        {
            return WriteError(message, StunErrorCode.Unauthorized, authenticated: false, default, response,
                IceCheckResult.Unauthorized, out responseLength);
        }

        Span<ushort> unknown = stackalloc ushort[MaxUnknownAttributesReported];
        var unknownCount = CollectUnknownRequired(message, unknown);
        if (unknownCount > 0)
        {
            return WriteError(message, StunErrorCode.UnknownAttribute, authenticated: true, unknown[..unknownCount],
                response, IceCheckResult.UnknownAttribute, out responseLength);
        }

        if (!message.TryGetPriority(out _))
        {
            return WriteError(message, StunErrorCode.BadRequest, authenticated: true, default, response,
                IceCheckResult.BadRequest, out responseLength);
        }

        if (message.HasAttribute(StunAttributeType.IceControlled))
        {
            return WriteError(message, StunErrorCode.RoleConflict, authenticated: true, default, response,
                IceCheckResult.RoleConflict, out responseLength);
        }

        var writer = new StunMessageWriter(response);
        if (!writer.TryWriteHeader(StunMessageType.BindingSuccessResponse, message.TransactionId)
            || !writer.TryAddXorMappedAddress(remote)
            || !writer.TryAddMessageIntegrity(_key)
            || !writer.TryAddFingerprint())
        {
            return IceCheckResult.ResponseBufferTooSmall;
        }

        responseLength = writer.Length;
        var nominated = message.HasUseCandidate;
        if (nominated)
        {
            _selected = remote;
            _hasSelected = true;
        }

        if (!_hasSelected || _selected == remote)
        {
            _lastConsent = timestamp;
        }

        return nominated ? IceCheckResult.Nominated : IceCheckResult.Accepted;
    }

    public void Dispose() => _key.Dispose();

    // RFC 8445 §7.2.2: USERNAME is "recipient-ufrag:sender-ufrag"; the recipient here is us.
    private bool IsOurUsername(ReadOnlySpan<byte> username)
    {
        var local = _localUfrag;
        if (username.Length <= local.Length || username[local.Length] != (byte)':' || !username.StartsWith(local))
        {
            return false;
        }

        var remote = username[(local.Length + 1)..];
        return _remoteUfrag is null ? !remote.IsEmpty : remote.SequenceEqual(_remoteUfrag);
    }

    private static int CollectUnknownRequired(StunMessage message, Span<ushort> unknown)
    {
        var count = 0;
        foreach (var attribute in message.Attributes)
        {
            if (attribute.Type.IsComprehensionRequired() && !IsUnderstood(attribute.Type) && count < unknown.Length
                && !unknown[..count].Contains((ushort)attribute.Type))
            {
                unknown[count++] = (ushort)attribute.Type;
            }
        }

        return count;
    }

    // The comprehension-required attributes a Binding request may carry that we process or can safely ignore.
    // MESSAGE-INTEGRITY-SHA256 is understood but not checked: ICE authenticates with MESSAGE-INTEGRITY.
    private static bool IsUnderstood(StunAttributeType type) => type is StunAttributeType.Username
        or StunAttributeType.MessageIntegrity or StunAttributeType.MessageIntegritySha256 or StunAttributeType.Priority
        or StunAttributeType.UseCandidate or StunAttributeType.MappedAddress or StunAttributeType.XorMappedAddress;

    private IceCheckResult WriteError(StunMessage request, int code, bool authenticated,
        ReadOnlySpan<ushort> unknownAttributes, Span<byte> response, IceCheckResult result, out int responseLength)
    {
        responseLength = 0;
        var writer = new StunMessageWriter(response);
        if (!writer.TryWriteHeader(request.Method, StunClass.ErrorResponse, request.TransactionId)
            || !writer.TryAddErrorCode(code)
            || (!unknownAttributes.IsEmpty && !writer.TryAddUnknownAttributes(unknownAttributes))
            || (authenticated && !writer.TryAddMessageIntegrity(_key))
            || !writer.TryAddFingerprint())
        {
            return IceCheckResult.ResponseBufferTooSmall;
        }

        responseLength = writer.Length;
        return result;
    }
}
