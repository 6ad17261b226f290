using Serilog;

namespace Appliance.Notify;

/// <summary>
/// Runs notify and fence commands without a shell (argv split as keepalived does), as the script
/// user (<see cref="ScriptPolicy"/>), one at a time on the caller's worker thread, and kills one that
/// outlives its timeout so a hung script cannot hold every later notification.
/// </summary>
internal sealed class ScriptRunner(ScriptPolicy policy, ILogger log, TimeSpan timeout)
{
    /// <summary>The policy every run goes through.</summary>
    public ScriptPolicy Policy => policy;

    /// <summary>Runs <paramref name="commandLine"/> with <paramref name="extraArgs"/> appended; returns the exit code, or null when it was refused, could not run or timed out.</summary>
    public int? Run(string commandLine, IReadOnlyList<string> extraArgs, string where, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var p = policy.TryStart(commandLine, extraArgs, environment, where);
        if (p is null) return null;
        if (!p.WaitForExit(timeout))
        {
            log.Error("{Where}: script {Command} still running after {Timeout}s; killed", where, commandLine, timeout.TotalSeconds);
            p.Kill(entireProcessTree: true);
            p.WaitForExit(TimeSpan.FromSeconds(2));
            return null;
        }
        if (p.ExitCode != 0) log.Warning("{Where}: script {Command} exited {Code}", where, commandLine, p.ExitCode);
        return p.ExitCode;
    }
}
