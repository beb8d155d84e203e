using AnHop.Media.Dtls;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>What the SFU learns from a subscriber's answer on its receive connection.</summary>
/// <param name="RemoteIceUfrag">The browser's ice-ufrag, or null when the offer had no m-lines (nothing to connect).</param>
/// <param name="RemoteIcePwd">The browser's ice-pwd, or null likewise.</param>
/// <param name="RemoteFingerprint">The certificate fingerprint the browser's DTLS client must present, or null likewise.</param>
/// <param name="HeaderExtensions">Per answered mid, the offered header extensions the browser accepted (same ids).</param>
/// <param name="RejectedMids">Offered active mids the browser rejected (port 0): send nothing there.</param>
public sealed record SubscribeAnswer(
    string? RemoteIceUfrag,
    string? RemoteIcePwd,
    DtlsFingerprint? RemoteFingerprint,
    IReadOnlyDictionary<string, IReadOnlyList<RtpHeaderExtensionParameter>> HeaderExtensions,
    IReadOnlyList<string> RejectedMids);
