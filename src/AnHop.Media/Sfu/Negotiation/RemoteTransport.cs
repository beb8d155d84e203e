using AnHop.Media.Dtls;
using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>The browser's side of a transport as its SDP shows it.</summary>
internal sealed record RemoteTransport(string IceUfrag, string IcePwd, DtlsFingerprint Fingerprint, SetupRole Setup);
