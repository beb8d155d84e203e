namespace AnHop.Server.Options;

/// <summary>A configuration value that stops start; its message is written for the operator.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IEnumerable<string> failures)
        : base("AnHop cannot start, the configuration is invalid:" + Environment.NewLine
            + string.Join(Environment.NewLine, failures.Select(f => "  - " + f)))
    {
        Failures = failures.ToArray();
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : this([message])
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [message];
    }

    public IReadOnlyList<string> Failures { get; } = [];
}
