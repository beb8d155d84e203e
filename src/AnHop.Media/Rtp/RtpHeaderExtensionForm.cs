namespace AnHop.Media.Rtp;

/// <summary>How the elements of a header extension block are framed (RFC 8285 §4).</summary>
public enum RtpHeaderExtensionForm
{
    /// <summary>No extension block, or a profile that RFC 8285 does not define: no elements can be read.</summary>
    Unknown = 0,

    /// <summary>Profile 0xBEDE: 4-bit id (1–14) and 4-bit length-minus-one (RFC 8285 §4.2).</summary>
    OneByte = 1,

    /// <summary>Profile 0x100 + 4 "appbits": 8-bit id (1–255) and 8-bit length 0–255 (RFC 8285 §4.3).</summary>
    TwoByte = 2,
}
