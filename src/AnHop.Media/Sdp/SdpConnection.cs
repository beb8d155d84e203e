namespace AnHop.Media.Sdp;

/// <summary>
/// <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c> (RFC 8866 §5.7). The address keeps any
/// /ttl/count suffix as written.
/// </summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>The placeholder JSEP writes before candidates are known (RFC 8829 §5.2.1).</summary>
    public static SdpConnection Ip4(string address = "0.0.0.0") => new("IN", "IP4", address);

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}
