using System.Globalization;

namespace Appliance.Testing.Lab;

/// <summary>
/// Our daemon running in a lab namespace, with its own pid and status files in the lab
/// directory (status rewritten every 0.2 s). Dispose kills it by PID if it still runs.
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly LabProcess _process;

    private DaemonProcess(LabProcess p, string statusFile, string pidFile)
    {
        _process = p;
        StatusFile = statusFile;
        PidFile = pidFile;
    }

    public string StatusFile { get; }

    public string PidFile { get; }

    public int Pid => _process.Pid;

    public LabProcess Process => _process;

    public string Output => _process.Output;

    /// <summary>Writes <paramref name="config"/> and starts the daemon on it in <paramref name="ns"/>; waits until it runs.</summary>
    public static DaemonProcess Start(NetNs ns, string directory, string name, string config, params string[] extraArgs)
    {
        string conf = Path.Combine(directory, $"{name}.conf");
        File.WriteAllText(conf, config);
        string status = Path.Combine(directory, $"{name}.status");
        string pid = Path.Combine(directory, $"{name}.pid");
        if (File.Exists(status)) File.Delete(status);
        var cmd = DaemonBinary.Command;
        var p = ns.Start(cmd[0], [.. cmd[1..], "run", "-f", conf, "-p", pid, "--status-file", status, "--status-interval", "0.2", .. extraArgs],
            Path.Combine(directory, $"{name}.log"));
        var d = new DaemonProcess(p, status, pid);
        try
        {
            Poll.Require(() => File.Exists(status) || p.HasExited, TimeSpan.FromSeconds(20), $"daemon {name} to start", () => p.Output);
            if (p.HasExited) throw new Xunit.Sdk.XunitException($"daemon {name} exited with {p.ExitCode}:\n{p.Output}");
        }
        catch
        {
            d.Dispose();
            throw;
        }
        return d;
    }

    /// <summary>The status file as key/value lines (empty when unreadable at this instant).</summary>
    public IReadOnlyList<string> StatusLines()
    {
        try
        {
            return File.Exists(StatusFile) ? File.ReadAllLines(StatusFile) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The state of instance <paramref name="name"/> from the status file, or null.</summary>
    public string? State(string name = "VI_1") => Field(name, "state");

    /// <summary>A field of an instance line from the status file.</summary>
    public string? Field(string instance, string key)
    {
        foreach (var line in StatusLines())
        {
            if (!line.StartsWith($"instance {instance} ", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            for (int i = 0; i + 1 < parts.Length; i++)
                if (parts[i] == key) return parts[i + 1];
        }
        return null;
    }

    /// <summary>A top-level numeric status value (gc_gen0, allocated_bytes ...).</summary>
    public long? Value(string key)
    {
        foreach (var line in StatusLines())
            if (line.StartsWith(key + " ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                return v;
        return null;
    }

    /// <summary>Sends a signal (15 SIGTERM, 9 SIGKILL, 10 SIGUSR1).</summary>
    public void Signal(int signal) => _process.Signal(signal);

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public int ExitCode => _process.ExitCode;

    public void Dispose() => _process.Dispose();
}
