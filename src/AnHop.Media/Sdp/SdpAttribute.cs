namespace AnHop.Media.Sdp;

/// <summary>
/// One a= line as written (RFC 8866 §5.13): <c>a=&lt;name&gt;</c> or <c>a=&lt;name&gt;:&lt;value&gt;</c>.
/// The value is kept verbatim, so attributes this library does not know survive a round trip unchanged.
/// A null value is a property attribute (<c>a=rtcp-mux</c>); an empty value is <c>a=name:</c>.
/// </summary>
public sealed record SdpAttribute
{
    public SdpAttribute(string name, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SdpGrammar.IsToken(name))
        {
            throw new ArgumentException("attribute name must be an SDP token", nameof(name));
        }

        if (value is not null && !SdpGrammar.IsText(value))
        {
            throw new ArgumentException("attribute value must not contain NUL, CR or LF", nameof(value));
        }

        Name = name;
        Value = value;
    }

    /// <summary>For the parser, which has already checked the name and the line.</summary>
    internal SdpAttribute(string name, string? value, bool validated)
    {
        System.Diagnostics.Debug.Assert(validated, "only for checked input");
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public string? Value { get; }

    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
