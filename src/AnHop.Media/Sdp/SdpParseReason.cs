namespace AnHop.Media.Sdp;

/// <summary>Why a session description was refused. Each reason is prefixed with "line N: " when a line is at fault.</summary>
public static class SdpParseReason
{
    public const string TooLarge = "session description over the size limit";
    public const string Empty = "empty session description";
    public const string NotTypeEqualsValue = "not a <type>=<value> line";
    public const string UnknownType = "unknown line type";
    public const string ControlCharacter = "NUL or stray CR in line";
    public const string EmptyLine = "empty line";
    public const string FirstLineNotVersion = "first line must be v=";
    public const string UnsupportedVersion = "unsupported version (only v=0)";
    public const string MissingOrigin = "missing o= line";
    public const string MissingSessionName = "missing s= line";
    public const string MissingTiming = "missing t= line";
    public const string OutOfOrder = "line out of the RFC 8866 §5 order";
    public const string Duplicate = "line may appear only once here";
    public const string EmptyValue = "line without value";
    public const string BadOrigin = "bad o= line";
    public const string BadConnection = "bad c= line";
    public const string BadBandwidth = "bad b= line";
    public const string BadTiming = "bad t= line";
    public const string RepeatWithoutTiming = "r= line without a t= line";
    public const string BadMediaLine = "bad m= line";
    public const string PortOutOfRange = "port out of range";
    public const string BadProtocol = "bad m= proto";
    public const string MissingFormats = "m= line without formats";
    public const string BadFormat = "bad m= format";
    public const string PayloadTypeOutOfRange = "payload type out of range";
    public const string AttributeWithoutValue = "a= line without value";
    public const string BadAttributeName = "bad attribute name";
}
