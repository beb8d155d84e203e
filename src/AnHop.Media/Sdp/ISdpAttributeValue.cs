using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// A typed view of one attribute's value: parsed on demand from an <see cref="SdpAttribute"/> and
/// formatted back into one. Parsing a value that does not fit the grammar returns false, never throws.
/// </summary>
public interface ISdpAttributeValue<TSelf> where TSelf : class, ISdpAttributeValue<TSelf>
{
    /// <summary>The attribute name, e.g. <c>rtpmap</c>.</summary>
    static abstract string AttributeName { get; }

    /// <summary>Parses the text after <c>a=name:</c>.</summary>
    static abstract bool TryParse(string value, [NotNullWhen(true)] out TSelf? result);

    /// <summary>The text to put after <c>a=name:</c>.</summary>
    string FormatValue();
}
