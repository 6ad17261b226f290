namespace Appliance.Config;

/// <summary>The two file formats.</summary>
public enum ConfigFormat : byte
{
    /// <summary>keepalived.conf syntax (the default for any name not ending in .toml).</summary>
    Keepalived,

    /// <summary>Our TOML schema (docs/configuration.md).</summary>
    Toml,
}
