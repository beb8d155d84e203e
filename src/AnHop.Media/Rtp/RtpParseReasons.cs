namespace AnHop.Media.Rtp;

/// <summary>
/// Why an RTP parser refused its input. Each is a constant, so reporting one allocates nothing
/// and a drop counter can key on it.
/// </summary>
public static class RtpParseReasons
{
    public const string TooShort = "shorter than the 12-byte fixed RTP header";
    public const string BadVersion = "RTP version is not 2";
    public const string CsrcOverflow = "CSRC list runs past the end of the packet";
    public const string ExtensionOverflow = "header extension runs past the end of the packet";
    public const string BadPadding = "padding count is zero or larger than the packet body";
    public const string ExtensionBlockTooShort = "header extension block is shorter than its 4-byte header";
    public const string ExtensionElementOverflow = "header extension element runs past the end of the block";
    public const string ExtensionValueLength = "header extension value has the wrong length for its kind";
    public const string ExtensionValueCharacters = "header extension value has characters its syntax does not allow";
    public const string RtxPayloadTooShort = "RTX payload is shorter than the 2-byte original sequence number";
}
