namespace AnHop.Media.Sdp;

/// <summary><c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c> (RFC 8866 §5.8), e.g. AS or TIAS (RFC 3890).</summary>
public sealed record SdpBandwidth(string Type, ulong Value)
{
    public override string ToString() => Type + ":" + SdpGrammar.Number(Value);
}
