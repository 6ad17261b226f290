using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;

namespace Appliance.Config.Schema;

/// <summary>
/// The located warnings for keywords that are read but not acted on. Both readers add them while
/// reading (from <see cref="Keyword.Status"/>), so <c>check</c> prints them with everything else; the
/// daemon logs <see cref="In"/> once at start-up.
/// </summary>
public static class NotActedFeatures
{
    /// <summary>The warning for keyword <paramref name="k"/>, spelled <paramref name="spelled"/>, in <paramref name="where"/>.</summary>
    public static Diagnostic Diagnostic(Keyword k, string spelled, string where, SourceLocation at)
    {
        // A whole keepalived feature block we do not implement (LVS, BFD, static routes) keeps its
        // older code; a keyword that fills the model but changes nothing has its own.
        string code = k.Block == Blocks.Top && k.Toml is null ? DiagnosticCodes.Unsupported : DiagnosticCodes.NotActed;
        return new Diagnostic(DiagnosticSeverity.Warning, at, code, $"'{spelled}' in {where} is read but not acted on: {k.Reason}");
    }

    /// <summary>True for the warnings <see cref="Diagnostic"/> makes.</summary>
    public static bool Is(Diagnostic d) =>
        d.Code is DiagnosticCodes.NotActed || (d.Code is DiagnosticCodes.Unsupported && d.Message.Contains("read but not acted on", StringComparison.Ordinal));

    /// <summary>The read-but-not-acted-on warnings of a loaded configuration, in file order.</summary>
    public static ImmutableArray<Diagnostic> In(ConfigLoadResult result)
    {
        var b = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var d in result.Diagnostics)
            if (Is(d)) b.Add(d);
        return b.ToImmutable();
    }
}
