using System.Collections.ObjectModel;

namespace AnHop.Media.Sdp;

/// <summary>
/// The a= lines of a session or media section, in order. Typed accessors parse values on demand and
/// skip lines that do not fit their grammar; builders append or replace lines.
/// </summary>
public sealed partial class SdpAttributeList : Collection<SdpAttribute>, IEquatable<SdpAttributeList>
{
    protected override void InsertItem(int index, SdpAttribute item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.InsertItem(index, item);
    }

    protected override void SetItem(int index, SdpAttribute item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.SetItem(index, item);
    }

    /// <summary>The first attribute with this name, or null.</summary>
    public SdpAttribute? Find(string name)
    {
        foreach (var attribute in this)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    public bool Has(string name) => Find(name) is not null;

    /// <summary>The value of the first attribute with this name, or null when absent or valueless.</summary>
    public string? GetValue(string name) => Find(name)?.Value;

    public IEnumerable<SdpAttribute> FindAll(string name) => this.Where(attribute => attribute.Name == name);

    /// <summary>The first attribute of this type whose value parses, or null.</summary>
    public T? Get<T>() where T : class, ISdpAttributeValue<T>
    {
        foreach (var attribute in this)
        {
            if (attribute.Name == T.AttributeName && attribute.Value is not null && T.TryParse(attribute.Value, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every attribute of this type whose value parses, in order.</summary>
    public IReadOnlyList<T> GetAll<T>() where T : class, ISdpAttributeValue<T>
    {
        var values = new List<T>();
        foreach (var attribute in this)
        {
            if (attribute.Name == T.AttributeName && attribute.Value is not null && T.TryParse(attribute.Value, out var value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    public void Add(string name, string? value = null) => Add(new SdpAttribute(name, value));

    public void AddValue<T>(T value) where T : class, ISdpAttributeValue<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        Add(new SdpAttribute(T.AttributeName, value.FormatValue()));
    }

    /// <summary>Replaces the first attribute with this name (keeping its place) and drops the others, or appends.</summary>
    public void Set(string name, string? value = null)
    {
        var replacement = new SdpAttribute(name, value);
        var at = -1;
        for (var i = Count - 1; i >= 0; i--)
        {
            if (this[i].Name == name)
            {
                if (at >= 0)
                {
                    RemoveAt(at);
                }

                at = i;
            }
        }

        if (at >= 0)
        {
            this[at] = replacement;
        }
        else
        {
            Add(replacement);
        }
    }

    public void SetValue<T>(T value) where T : class, ISdpAttributeValue<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        Set(T.AttributeName, value.FormatValue());
    }

    /// <summary>Removes every attribute with this name and returns how many there were.</summary>
    public int RemoveAll(string name)
    {
        var removed = 0;
        for (var i = Count - 1; i >= 0; i--)
        {
            if (this[i].Name == name)
            {
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    public bool Equals(SdpAttributeList? other) => other is not null && this.SequenceEqual(other);

    public override bool Equals(object? obj) => Equals(obj as SdpAttributeList);

    public override int GetHashCode() => Count;
}
