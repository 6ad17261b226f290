using Appliance.Config.Model;

namespace Appliance.Config.Toml;

/// <summary>A located TOML value: the document model the binder reads, built from Tomlyn's syntax tree.</summary>
internal abstract class TomlNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    public abstract string TypeName { get; }
}

internal sealed class TomlScalar(SourceLocation location, object value) : TomlNode(location)
{
    public object Value { get; } = value;

    public override string TypeName => Value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        _ => "a date/time",
    };
}

internal sealed class TomlArrayNode(SourceLocation location) : TomlNode(location)
{
    public List<TomlNode> Items { get; } = [];

    /// <summary>True for [[name]] arrays of tables, which TOML lets you append to but not redefine.</summary>
    public bool IsTableArray { get; init; }

    public override string TypeName => "an array";
}

internal sealed class TomlTableNode(SourceLocation location) : TomlNode(location)
{
    public Dictionary<string, (TomlNode Value, SourceLocation KeyLocation)> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Created as the parent of a dotted key or header, not by its own [header].</summary>
    public bool Implicit { get; set; }

    /// <summary>Defined by a [header] already (a second [header] for it is an error).</summary>
    public bool HeaderDefined { get; set; }

    public override string TypeName => "a table";
}
