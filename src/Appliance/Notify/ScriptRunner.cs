using System.Diagnostics;
using System.ComponentModel;
using Serilog;

namespace Appliance.Notify;

/// <summary>
/// Runs notify and fence commands without a shell (argv split as keepalived does), one at a time
/// on the caller's worker thread, and kills one that outlives its timeout so a hung script cannot
/// hold every later notification.
/// </summary>
internal sealed class ScriptRunner(ILogger log, TimeSpan timeout)
{
    /// <summary>Runs <paramref name="commandLine"/> with <paramref name="extraArgs"/> appended; returns the exit code, or null when it could not run or timed out.</summary>
    public int? Run(string commandLine, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string>? environment = null)
    {
        var argv = CommandSplitter.Split(commandLine);
        if (argv.Count == 0)
        {
            log.Error("script {Command}: empty or unbalanced quotes; not run", commandLine);
            return null;
        }
        var psi = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        for (int i = 1; i < argv.Count; i++) psi.ArgumentList.Add(argv[i]);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        Process? p;
        try
        {
            p = Process.Start(psi);
        }
        catch (Win32Exception e)
        {
            log.Error("script {Command} could not start: {Error}", argv[0], e.Message);
            return null;
        }
        if (p is null) return null;
        using (p)
        {
            if (!p.WaitForExit(timeout))
            {
                log.Error("script {Command} still running after {Timeout}s; killed", argv[0], timeout.TotalSeconds);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(TimeSpan.FromSeconds(2));
                return null;
            }
            if (p.ExitCode != 0) log.Warning("script {Command} exited {Code}", argv[0], p.ExitCode);
            return p.ExitCode;
        }
    }
}
