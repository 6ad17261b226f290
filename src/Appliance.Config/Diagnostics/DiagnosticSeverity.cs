namespace Appliance.Config.Diagnostics;

/// <summary>How bad a finding is. The check verb maps these to keepalived's <c>-t</c> exit codes.</summary>
public enum DiagnosticSeverity : byte
{
    /// <summary>A note: a keepalived keyword we recognise but do not use. Does not change the exit code.</summary>
    Info,

    /// <summary>A mistake that was recovered from the way keepalived recovers (default used, line ignored):
    /// the daemon would run. <c>check</c> exits 5, like keepalived 2.2.7.</summary>
    Warning,

    /// <summary>The configuration cannot be used; no model is produced. <c>check</c> exits 4.</summary>
    Error,
}
