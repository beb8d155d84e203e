namespace AnHop.Media.Sdp;

/// <summary>
/// <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>
/// (RFC 8866 §5.2). Session id and version are digit strings that may exceed 64 bits, so they stay text;
/// JSEP (RFC 8829 §5.2.1) keeps the id and increments the version on each new description.
/// </summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetType, string AddressType, string Address)
{
    public static SdpOrigin Create(ulong sessionId, ulong sessionVersion = 2, string address = "127.0.0.1") =>
        new("-", SdpGrammar.Number(sessionId), SdpGrammar.Number(sessionVersion), "IN", "IP4", address);

    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {Address}";
}
