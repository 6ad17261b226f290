using System.Diagnostics;
using System.Text;

namespace Appliance.Testing.Lab;

/// <summary>
/// A process the test started (in a namespace through <c>ip netns exec</c>, which execs the
/// program, so the PID is the program's). Output is collected for assertions and failure
/// messages; Dispose kills it by PID if it still runs.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string? _logPath;
    private bool _disposed;

    private LabProcess(Process p, string? logPath)
    {
        _process = p;
        _logPath = logPath;
    }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts argv[0] with the rest as arguments.</summary>
    public static LabProcess Start(IReadOnlyList<string> argv, string? logPath = null)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        for (int i = 1; i < argv.Count; i++) psi.ArgumentList.Add(argv[i]);
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        var lp = new LabProcess(p, logPath);
        p.OutputDataReceived += (_, e) => lp.Append(e.Data);
        p.ErrorDataReceived += (_, e) => lp.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return lp;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (_logPath is not null)
        {
            lock (_output) File.AppendAllText(_logPath, line + Environment.NewLine);
        }
    }

    /// <summary>Sends a signal by PID (15 SIGTERM, 9 SIGKILL, 10 SIGUSR1, 1 SIGHUP).</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited) NativeMethods.kill(_process.Id, signal);
    }

    /// <summary>Waits for exit up to <paramref name="timeout"/>; true when it exited.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            NativeMethods.kill(_process.Id, 9);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
