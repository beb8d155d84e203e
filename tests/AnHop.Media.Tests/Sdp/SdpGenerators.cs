using AnHop.Media.Sdp;
using CsCheck;

namespace AnHop.Media.Tests.Sdp;

/// <summary>CsCheck generators for valid descriptions and typed attribute values.</summary>
internal static class SdpGenerators
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string TokenChars = Alphanumeric + "!#$%&'*+-.^_`{|}~";

    public static readonly Gen<string> Id = Text(Alphanumeric + "-_", 1, 8);
    public static readonly Gen<string> Token = Text(TokenChars, 1, 10);
    public static readonly Gen<string> Digits = Text("0123456789", 1, 20);
    public static readonly Gen<string> Visible = Text(Alphanumeric + ".:/-_[]@", 1, 16);

    /// <summary>Free text: printable ASCII with spaces plus some non-ASCII letters, never CR, LF or NUL.</summary>
    public static readonly Gen<string> FreeText = Text(Alphanumeric + " <>@#;:,=/+-_.éß漢", 1, 24);

    public static readonly Gen<byte> PayloadType = Gen.Byte[0, 127];

    public static readonly Gen<MediaDirection> Direction =
        Gen.OneOf(MediaDirection.SendRecv, MediaDirection.SendOnly, MediaDirection.RecvOnly, MediaDirection.Inactive);

    public static readonly Gen<SdpGroup> Group = Gen.Select(Token, Token.Array[0, 4], (semantics, mids) => new SdpGroup(semantics, mids));

    public static readonly Gen<SdpFingerprint> Fingerprint =
        Gen.Select(Gen.OneOf("sha-1", "sha-256", "sha-512"), Gen.Byte.Array[1, 64], (hash, bytes) => new SdpFingerprint(hash, bytes));

    public static readonly Gen<Msid> Msid = Gen.Select(Token, Token.Null(), (stream, track) => new Msid(stream, track));

    public static readonly Gen<MsidSemantic> MsidSemantic = Gen.Select(Token, Token.Array[0, 3], (semantic, ids) => new MsidSemantic(semantic, ids));

    public static readonly Gen<Extmap> Extmap = Gen.Select(
        // Drawn from the valid ranges directly: filtering 1-4351 rejects 88 % and can exhaust CsCheck's Where retries.
        Gen.OneOf(Gen.Int[1, 14], Gen.Int[16, 255], Gen.Int[4096, 4351]),
        Visible,
        Gen.OneOf(MediaDirection.Unknown, MediaDirection.SendRecv, MediaDirection.SendOnly, MediaDirection.RecvOnly, MediaDirection.Inactive),
        FreeText.Select(text => text.Trim().Length == 0 ? "x" : text.Trim()).Null(),
        (id, uri, direction, attributes) => new Extmap(id, uri, direction, attributes));

    public static readonly Gen<RtpMap> RtpMap = Gen.Select(
        PayloadType, Token.Where(name => !name.Contains('/', StringComparison.Ordinal)), Gen.UInt[1, uint.MaxValue], Gen.Int[1, 255].Nullable(),
        (pt, name, clock, channels) => new RtpMap(pt, name, clock, channels));

    public static readonly Gen<Fmtp> Fmtp = Gen.Select(PayloadType, Visible, (pt, parameters) => new Fmtp(pt, parameters));

    public static readonly Gen<RtcpFeedback> RtcpFeedback = Gen.Select(
        PayloadType.Nullable(), Token, Token.Null(), (pt, type, parameter) => new RtcpFeedback(pt, type, parameter));

    public static readonly Gen<SsrcAttribute> Ssrc = Gen.Select(
        Gen.UInt, Token.Where(name => !name.Contains(':', StringComparison.Ordinal)), FreeText.Null(),
        (ssrc, name, value) => new SsrcAttribute(ssrc, name, value));

    public static readonly Gen<SsrcGroup> SsrcGroup = Gen.Select(Token, Gen.UInt.Array[0, 4], (semantics, ssrcs) => new SsrcGroup(semantics, ssrcs));

    public static readonly Gen<Rid> Rid = Gen.Select(
        Id,
        Gen.OneOf(RidDirection.Send, RidDirection.Recv),
        PayloadType.Array[0, 3],
        Gen.Select(Gen.OneOf("max-width", "max-height", "max-fps", "max-br", "depend"), Text(Alphanumeric, 1, 6).Null(),
            (key, value) => new KeyValuePair<string, string?>(key, value)).Array[0, 3],
        (id, direction, pts, restrictions) => new Rid(id, direction, pts, restrictions));

    public static readonly Gen<SimulcastStream> SimulcastStream =
        Gen.Select(Id, Gen.Bool, (id, paused) => new SimulcastRid(id, paused)).Array[1, 3].Select(rids => new SimulcastStream(rids));

    public static readonly Gen<Simulcast> Simulcast = Gen.Select(SimulcastStream.Array[0, 4], SimulcastStream.Array[0, 4], (send, recv) => new Simulcast(send, recv))
        .Where(simulcast => simulcast.Send.Count + simulcast.Recv.Count > 0);

    public static readonly Gen<IceCandidate> Candidate = Gen.Select(
        Text(Alphanumeric + "+/", 1, 32),
        Gen.Int[1, 256],
        Gen.OneOf("udp", "tcp"),
        Gen.UInt,
        Visible,
        Gen.Int[0, 65535],
        Gen.OneOf(IceCandidateType.Host, IceCandidateType.ServerReflexive, IceCandidateType.PeerReflexive, IceCandidateType.Relayed),
        Gen.Select(Visible.Null(), Gen.Int[0, 65535].Nullable(), Gen.Select(Gen.OneOf("tcptype", "generation", "network-id", "ufrag"), Id,
            (key, value) => new KeyValuePair<string, string>(key, value)).Array[0, 3]),
        (foundation, component, transport, priority, address, port, type, rest) =>
            new IceCandidate(foundation, component, transport, priority, address, port, type, rest.Item1, rest.Item2, rest.Item3));

    /// <summary>Any attribute: a typed one written with the builders, a flag, or an unknown name with free text.</summary>
    public static readonly Gen<SdpAttribute> Attribute = Gen.OneOf(
        Typed(Group), Typed(Fingerprint), Typed(Msid), Typed(MsidSemantic), Typed(Extmap), Typed(RtpMap), Typed(Fmtp),
        Typed(RtcpFeedback), Typed(Ssrc), Typed(SsrcGroup), Typed(Rid), Typed(Simulcast), Typed(Candidate),
        Direction.Select(direction => new SdpAttribute(direction.ToSdp())),
        Gen.OneOf(SetupRole.Active, SetupRole.Passive, SetupRole.ActPass).Select(role => new SdpAttribute(SdpAttributeNames.Setup, role.ToSdp())),
        Gen.OneOf("rtcp-mux", "rtcp-rsize", "ice-lite", "end-of-candidates", "extmap-allow-mixed").Select(name => new SdpAttribute(name)),
        Gen.Select(Token, Gen.String[0, 12].Select(Clean).Null(), (name, value) => new SdpAttribute(name, value)));

    public static readonly Gen<SdpConnection> Connection = Gen.Select(Gen.OneOf("IN"), Gen.OneOf("IP4", "IP6"), Visible, (net, addr, address) => new SdpConnection(net, addr, address));

    public static readonly Gen<SdpBandwidth> Bandwidth = Gen.Select(Gen.OneOf("AS", "TIAS", "CT", "X-YZ"), Gen.ULong, (type, value) => new SdpBandwidth(type, value));

    public static readonly Gen<MediaDescription> Media =
        Gen.Select(
            Gen.Select(Gen.OneOf("audio", "video", "application", "text"), Gen.Int[0, 65535], Gen.Int[1, 65535].Nullable()),
            Gen.OneOf(
                Gen.Select(Gen.OneOf("UDP/TLS/RTP/SAVPF", "RTP/AVP", "TCP/DTLS/RTP/SAVPF"), PayloadType.Array[1, 6],
                    (proto, pts) => (proto, pts.Select(pt => pt.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())),
                Gen.Select(Gen.OneOf("UDP/DTLS/SCTP", "TCP/MRCPv2"), Token.Array[1, 3], (proto, formats) => (proto, formats))),
            FreeText.Null(),
            Connection.Array[0, 2],
            Bandwidth.Array[0, 2],
            FreeText.Null(),
            Attribute.Array[0, 12])
        .Select((line, transport, information, connections, bandwidths, key, attributes) =>
        {
            var media = new MediaDescription(line.Item1, line.Item2, transport.Item1, transport.Item2)
            {
                PortCount = line.Item3,
                Information = information,
                EncryptionKey = key,
            };
            media.Connections.AddRange(connections);
            media.Bandwidths.AddRange(bandwidths);
            foreach (var attribute in attributes)
            {
                media.Attributes.Add(attribute);
            }

            return media;
        });

    public static readonly Gen<SdpTiming> Timing = Gen.Select(Gen.ULong, Gen.ULong, FreeText.Array[0, 2], (start, stop, repeats) => new SdpTiming(start, stop, repeats));

    public static readonly Gen<SessionDescription> Session =
        Gen.Select(
            Gen.Select(Visible, Digits, Digits, Visible, FreeText, FreeText.Null(), FreeText.Null()),
            Gen.Select(FreeText.Array[0, 2], FreeText.Array[0, 2], Connection.Null(), Bandwidth.Array[0, 2]),
            Gen.Select(Timing.Array[1, 2], FreeText.Null(), FreeText.Null()),
            Attribute.Array[0, 10],
            Media.Array[0, 4])
        .Select((head, contacts, time, attributes, media) =>
        {
            var sdp = new SessionDescription(new SdpOrigin(head.Item1, head.Item2, head.Item3, "IN", "IP4", head.Item4), head.Item5)
            {
                Information = head.Item6,
                Uri = head.Item7,
                Connection = contacts.Item3,
                TimeZones = time.Item2,
                EncryptionKey = time.Item3,
            };
            sdp.Emails.AddRange(contacts.Item1);
            sdp.Phones.AddRange(contacts.Item2);
            sdp.Bandwidths.AddRange(contacts.Item4);
            sdp.Timings.AddRange(time.Item1);
            foreach (var attribute in attributes)
            {
                sdp.Attributes.Add(attribute);
            }

            sdp.Media.AddRange(media);
            return sdp;
        });

    private static Gen<SdpAttribute> Typed<T>(Gen<T> values) where T : class, ISdpAttributeValue<T> =>
        values.Select(value => new SdpAttribute(T.AttributeName, value.FormatValue()));

    private static Gen<string> Text(string chars, int min, int max) =>
        Gen.Char[chars].Array[min, max].Select(characters => new string(characters));

    // Arbitrary strings minus the three characters SDP forbids inside a line.
    private static string Clean(string text) => text.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');
}
