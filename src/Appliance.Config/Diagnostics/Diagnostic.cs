using Appliance.Config.Model;

namespace Appliance.Config.Diagnostics;

/// <summary>One finding about a configuration, always with the place it refers to.</summary>
/// <param name="Severity">How bad it is.</param>
/// <param name="Location">File, line and column (line 0: the file as a whole, e.g. it does not exist).</param>
/// <param name="Code">A stable code (see <see cref="DiagnosticCodes"/>), for docs and scripts.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">How to fix it, or a "did you mean", when there is one.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, SourceLocation Location, string Code, string Message, string? Hint = null)
{
    /// <summary><c>file:line:col: error CODE: message (hint)</c>, the form compilers and editors use.</summary>
    public override string ToString()
    {
        string sev = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        string where = Location.Line > 0 ? Location.ToString() : Location.File;
        return Hint is null ? $"{where}: {sev} {Code}: {Message}" : $"{where}: {sev} {Code}: {Message} ({Hint})";
    }
}
