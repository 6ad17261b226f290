namespace Appliance.Testing.Lab;

/// <summary>
/// The real keepalived (Debian's) in a lab namespace: <c>keepalived -n -l -D -P -f conf -p pid -r vrrp-pid</c>.
/// It runs a parent and a VRRP child; a SIGKILL of the parent would orphan the child, so Dispose
/// sends SIGTERM (priority 0, VIPs removed), waits, then kills the child by its pid file if it lingers.
/// </summary>
public sealed class KeepalivedProcess : IDisposable
{
    private readonly LabProcess _process;
    private readonly string _vrrpPidFile;

    private KeepalivedProcess(LabProcess p, string vrrpPidFile)
    {
        _process = p;
        _vrrpPidFile = vrrpPidFile;
    }

    /// <summary>Everything keepalived logged (its -l console log).</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static KeepalivedProcess Start(NetNs ns, string directory, string name, string config)
    {
        string conf = Path.Combine(directory, $"{name}.conf");
        File.WriteAllText(conf, config);
        string pid = Path.Combine(directory, $"{name}.pid");
        string vrrpPid = Path.Combine(directory, $"{name}-vrrp.pid");
        var p = ns.Start("keepalived", ["-n", "-l", "-D", "-P", "-f", conf, "-p", pid, "-r", vrrpPid], Path.Combine(directory, $"{name}.log"));
        var k = new KeepalivedProcess(p, vrrpPid);
        Poll.Require(() => File.Exists(vrrpPid) || p.HasExited, TimeSpan.FromSeconds(15), "keepalived's VRRP child to start", () => p.Output);
        if (p.HasExited) throw new Xunit.Sdk.XunitException($"keepalived exited:\n{p.Output}");
        return k;
    }

    /// <summary>SIGTERM: keepalived sends priority 0 and removes its VIPs; waits for it to exit.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _process.Signal(15);
        return _process.WaitForExit(timeout);
    }

    /// <summary>
    /// A crash without goodbye: no priority 0, VIPs left in the kernel. The parent is stopped first
    /// (SIGSTOP) so it can neither respawn the VRRP child nor, by dying, hand the child a signal it
    /// would treat as a clean stop; then the child and the parent get SIGKILL.
    /// </summary>
    public void Kill()
    {
        _process.Signal(19);
        if (File.Exists(_vrrpPidFile) && int.TryParse(File.ReadAllText(_vrrpPidFile).Trim(), out int child))
            NativeMethods.kill(child, 9);
        _process.Signal(9);
        _process.WaitForExit(TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        if (!_process.HasExited) Stop(TimeSpan.FromSeconds(5));
        if (File.Exists(_vrrpPidFile) && int.TryParse(File.ReadAllText(_vrrpPidFile).Trim(), out int child))
            NativeMethods.kill(child, 9);
        _process.Dispose();
    }
}
