using Appliance.Config.Diagnostics;
using Appliance.Config.Model;

namespace Appliance.Config.Validation;

/// <summary>
/// What keepalived's <c>-t</c> checks against the running host besides the file: interfaces that do
/// not exist (its exit 5) and scripts that are missing or that others could modify (its script
/// security, exit 6). Kept apart from <see cref="ConfigValidator"/> because the answer depends on the
/// machine, not on the file; the probe makes it testable.
/// </summary>
public static class HostChecks
{
    /// <summary>keepalived's default script user.</summary>
    public const string DefaultScriptUser = "keepalived_script";

    /// <summary>Checks interfaces and scripts of <paramref name="config"/> on the host <paramref name="probe"/> describes.</summary>
    public static void Run(ApplianceConfig config, DiagnosticBag diagnostics, HostProbe probe)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Interface(string? name, SourceLocation at, string what)
        {
            if (name is null || probe.InterfaceExists(name) || !reported.Add(what + name)) return;
            diagnostics.Warning(at, DiagnosticCodes.InterfaceMissing, $"interface {name} ({what}) does not exist on this host", "create it, or correct the name");
        }

        foreach (var i in config.Instances)
        {
            Interface(i.Interface, i.Location, $"vrrp_instance {i.Protocol.Name}");
            foreach (var v in i.VirtualAddresses) Interface(v.Device, v.Location.Line > 0 ? v.Location : i.Location, $"address {v.Prefix}");
            foreach (var v in i.ExcludedAddresses) Interface(v.Device, v.Location.Line > 0 ? v.Location : i.Location, $"address {v.Prefix}");
            foreach (var t in i.TrackInterfaces) Interface(t.Name, i.Location, $"tracked by {i.Protocol.Name}");
        }
        foreach (var m in config.OtherInterfaces)
            Interface(m.Name, m.Location, "named by dev in a block appliance does not act on");
        foreach (var c in config.Heartbeat.Channels)
            Interface(c.Interface, config.HeartbeatLocation, $"heartbeat channel {c.Name}");

        var scripts = new List<(string Command, SourceLocation At, string What)>();
        int tracking = config.Scripts.Length;
        foreach (var s in config.Scripts) scripts.Add((s.Script, s.Location, $"vrrp_script {s.Name}"));
        foreach (var i in config.Instances) AddNotify(scripts, i.Notify, i.Location, i.Protocol.Name);
        foreach (var g in config.SyncGroups) AddNotify(scripts, g.Notify, g.Location, g.Name);

        // keepalived 2.2.7 (get_default_script_user) removes every script that has no user of its own when
        // enable_script_security is on, script_user is not set and the user keepalived_script does not
        // exist; appliance runs them as root with a warning at start-up instead.
        bool noDefaultUser = config.Global.ScriptSecurity && config.Global.ScriptUser is null && !probe.UserExists(DefaultScriptUser);

        for (int k = 0; k < scripts.Count; k++)
        {
            if (noDefaultUser && (k >= tracking || config.Scripts[k].User is null))
                diagnostics.Warning(scripts[k].At, DiagnosticCodes.KeepalivedDiffers,
                    $"{scripts[k].What}: enable_script_security without script_user needs the user {DefaultScriptUser}, which does not exist: keepalived 2.2.7 removes this script, appliance runs it as root",
                    $"set script_user in global_defs or create the user {DefaultScriptUser}");

            var (command, at, what) = scripts[k];
            string? exe = FirstWord(command);
            // "</path" only tests that a file opens; keepalived runs nothing for it (SC_SYSTEM).
            if (exe is null || command.TrimStart().StartsWith('<')) continue;
            string? path = probe.Resolve(exe);
            if (path is null)
            {
                // keepalived -t disables a missing tracking script (exit 5) but does not look for notify
                // scripts until it runs them; a note keeps that exit code and still tells the user.
                string message = $"{what}: script '{exe}' is not found or not executable";
                if (k < tracking) diagnostics.Warning(at, DiagnosticCodes.ScriptSecurity, message + "; it is disabled");
                else diagnostics.Info(at, DiagnosticCodes.ScriptSecurity, message);
                continue;
            }
            string? why = probe.WhyInsecure(path);
            if (why is null)
            {
                // keepalived 2.2.7 raises its SECURITY VIOLATION (-t exits 6) for any script it finds while
                // enable_script_security is off, secure or not (check_vrrp_script_security, SC_ISSCRIPT).
                if (!config.Global.ScriptSecurity)
                    diagnostics.Warning(at, DiagnosticCodes.ScriptSecurityViolation, $"{what}: script '{path}' runs while enable_script_security is off",
                        "set enable_script_security in global_defs (keepalived -t calls this a SECURITY VIOLATION)");
                continue;
            }
            if (config.Global.ScriptSecurity)
                diagnostics.Warning(at, DiagnosticCodes.ScriptSecurity, $"{what}: script '{path}' is insecure ({why}); it is disabled");
            else
            {
                diagnostics.Warning(at, DiagnosticCodes.ScriptSecurityViolation, $"{what}: script '{path}' is insecure ({why}) and enable_script_security is off",
                    "make it and its directories writable by root only, then set enable_script_security");
            }
        }
    }

    private static void AddNotify(List<(string, SourceLocation, string)> list, NotifyConfig n, SourceLocation at, string owner)
    {
        foreach (var (cmd, kind) in new[] { (n.Notify, "notify"), (n.Master, "notify_master"), (n.Backup, "notify_backup"), (n.Fault, "notify_fault"), (n.Stop, "notify_stop"), (n.MasterRxLowerPriority, "notify_master_rx_lower_pri") })
            if (cmd is not null) list.Add((cmd, at, $"{owner} {kind}"));
    }

    /// <summary>The program of a command line: the first word, honouring keepalived's quoting of scripts.</summary>
    internal static string? FirstWord(string command)
    {
        string t = command.TrimStart();
        if (t.Length == 0) return null;
        if (t[0] is '\'' or '"')
        {
            int close = t.IndexOf(t[0], 1);
            return close > 1 ? t[1..close] : t[1..];
        }
        int sp = t.IndexOfAny([' ', '\t']);
        return sp < 0 ? t : t[..sp];
    }
}

/// <summary>The host facts <see cref="HostChecks"/> needs; <see cref="Linux"/> reads the real machine.</summary>
public class HostProbe
{
    /// <summary>The running Linux host.</summary>
    public static HostProbe Linux { get; } = new();

    /// <summary>True when a network interface of that name exists (<c>/sys/class/net/NAME</c>).</summary>
    public virtual bool InterfaceExists(string name) =>
        name.Length > 0 && !name.Contains('/') && name is not ("." or "..") && Directory.Exists(Path.Combine("/sys/class/net", name));

    /// <summary>True when a user of that name exists (a line of <c>/etc/passwd</c>).</summary>
    public virtual bool UserExists(string name)
    {
        try
        {
            foreach (string line in File.ReadLines("/etc/passwd"))
                if (line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.Ordinal)) return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return false;
    }

    /// <summary>The executable a script names (through PATH when it has no '/'), or null when there is none.</summary>
    public virtual string? Resolve(string program)
    {
        if (program.Contains('/')) return IsExecutableFile(program) ? Path.GetFullPath(program) : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (IsExecutableFile(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Why others than root could change the script, or null when they cannot. keepalived's rule:
    /// the file and every directory above it are not writable by group or others, except directories
    /// with the sticky bit (like /tmp). Ownership is not visible to .NET without a P/Invoke, so only the
    /// mode bits are checked.</summary>
    public virtual string? WhyInsecure(string path)
    {
        const UnixFileMode writableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            if ((File.GetUnixFileMode(path) & writableByOthers) != 0) return "the file is writable by group or others";
            for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                var mode = File.GetUnixFileMode(dir);
                if ((mode & writableByOthers) != 0 && (mode & UnixFileMode.StickyBit) == 0) return $"directory {dir} is writable by group or others";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "its permissions cannot be read";
        }
        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path);
        try
        {
            return File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
