namespace Appliance.Config;

/// <summary>How to read a configuration.</summary>
public sealed record ConfigLoadOptions
{
    /// <summary>The id <c>@id</c> / <c>@^id</c> lines are compared with (keepalived's <c>-i</c>);
    /// null: the short host name, as keepalived does.</summary>
    public string? ConfigId { get; init; }

    /// <summary>--strict: what keepalived forgives (a value out of range, an unknown keyword) is an error.</summary>
    public bool Strict { get; init; }

    /// <summary>The defaults: config id from the host name, keepalived's leniency.</summary>
    public static ConfigLoadOptions Default { get; } = new();

    /// <summary><see cref="ConfigId"/>, or the short host name (up to the first dot).</summary>
    public string EffectiveConfigId
    {
        get
        {
            if (ConfigId is not null) return ConfigId;
            string host = Environment.MachineName;
            int dot = host.IndexOf('.');
            return dot > 0 ? host[..dot] : host;
        }
    }
}
