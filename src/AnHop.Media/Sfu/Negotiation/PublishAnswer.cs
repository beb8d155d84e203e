using AnHop.Media.Dtls;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>The SFU's answer on a publisher's send connection, and what the SFU learned from the offer.</summary>
/// <param name="Sdp">The answer, CRLF text, for the browser's setRemoteDescription.</param>
/// <param name="RemoteIceUfrag">The browser's ice-ufrag: its STUN checks carry "sfuUfrag:browserUfrag".</param>
/// <param name="RemoteIcePwd">The browser's ice-pwd (the SFU, ICE-lite, never checks with it but may verify responses).</param>
/// <param name="RemoteFingerprint">The certificate fingerprint the browser's DTLS client must present.</param>
/// <param name="Tracks">One producer candidate per m-line answered recvonly, in m-line order.</param>
/// <param name="Unpublished">The m-lines answered inactive or rejected, with why.</param>
public sealed record PublishAnswer(
    string Sdp,
    string RemoteIceUfrag,
    string RemoteIcePwd,
    DtlsFingerprint RemoteFingerprint,
    IReadOnlyList<PublishedTrack> Tracks,
    IReadOnlyList<UnpublishedMediaSection> Unpublished);
