using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;

namespace Appliance.Config;

/// <summary>The outcome of reading a configuration: a validated model, or none and the reasons.</summary>
public sealed record ConfigLoadResult
{
    /// <summary>The model; null whenever <see cref="HasErrors"/> (never a half model).</summary>
    public ApplianceConfig? Config { get; init; }

    /// <summary>Every finding, in file order within each stage (parse, bind, validate).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
                if (d.Severity == DiagnosticSeverity.Error) return true;
            return false;
        }
    }

    /// <summary>True when any diagnostic is a warning (keepalived's "errors, but it would run").</summary>
    public bool HasWarnings
    {
        get
        {
            foreach (var d in Diagnostics)
                if (d.Severity == DiagnosticSeverity.Warning) return true;
            return false;
        }
    }
}
