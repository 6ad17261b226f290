using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// Debian's net-snmp run by a test inside a lab namespace: <c>snmpd</c> as the AgentX master with
/// its socket in the lab directory (a filesystem Unix socket is reachable from every network
/// namespace), listening for SNMP on the namespace's own 127.0.0.1 only; <c>snmptrapd</c> logging
/// numeric OIDs to a file. No configuration outside the lab directory is read (-C).
/// </summary>
internal sealed class NetSnmp : IDisposable
{
    private readonly LabProcess _process;

    private NetSnmp(NetNs ns, LabProcess process, string socket, string log)
    {
        Namespace = ns;
        _process = process;
        AgentXSocket = socket;
        LogFile = log;
    }

    public NetNs Namespace { get; }

    public string AgentXSocket { get; }

    /// <summary>snmpd's output, or the trap log of snmptrapd.</summary>
    public string LogFile { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    private static string[] Env(string dir) => ["env", $"SNMP_PERSISTENT_DIR={Path.Combine(dir, "snmp-persist")}", "MIBS="];

    /// <summary>snmpd in <paramref name="ns"/> as AgentX master on <c>DIR/NAME.agentx</c>,
    /// sending SNMPv2c traps to <paramref name="trapSink"/> (HOST:PORT).</summary>
    public static NetSnmp StartAgent(NetNs ns, string dir, string name, string trapSink)
    {
        string socket = Path.Combine(dir, name + ".agentx");
        string conf = Path.Combine(dir, name + "-snmpd.conf");
        File.WriteAllText(conf, $"""
            master agentx
            agentXSocket {socket}
            agentXPerms 0600 0700
            rocommunity public 127.0.0.1
            trap2sink {trapSink} public
            """);
        string log = Path.Combine(dir, name + "-snmpd.log");
        var p = ns.Start("env", [.. Env(dir)[1..], "snmpd", "-f", "-C", "-c", conf, "-Lo", "-p", Path.Combine(dir, name + "-snmpd.pid"), "udp:127.0.0.1:161"], log);
        var agent = new NetSnmp(ns, p, socket, log);
        try
        {
            Poll.Require(() => File.Exists(socket) || p.HasExited, TimeSpan.FromSeconds(10), $"snmpd {name} to open {socket}", () => p.Output);
            if (p.HasExited) throw new Xunit.Sdk.XunitException($"snmpd {name} exited:\n{p.Output}");
        }
        catch
        {
            agent.Dispose();
            throw;
        }
        return agent;
    }

    /// <summary>snmptrapd in <paramref name="ns"/> on ADDRESS:162, accepting every community, logging to a file.</summary>
    public static NetSnmp StartTrapReceiver(NetNs ns, string dir, string address)
    {
        string conf = Path.Combine(dir, "snmptrapd.conf");
        File.WriteAllText(conf, "disableAuthorization yes\n");
        string log = Path.Combine(dir, "traps.log");
        File.WriteAllText(log, "");
        var p = ns.Start("env", [.. Env(dir)[1..], "snmptrapd", "-f", "-C", "-c", conf, "-On", "-Lf", log, "-p", Path.Combine(dir, "snmptrapd.pid"), $"udp:{address}:162"],
            Path.Combine(dir, "snmptrapd.out"));
        var r = new NetSnmp(ns, p, "", log);
        // snmptrapd writes its version banner to the log file once it listens.
        Poll.Require(() => r.Log().Contains("NET-SNMP", StringComparison.Ordinal) || p.HasExited, TimeSpan.FromSeconds(10), "snmptrapd to start", () => p.Output);
        if (p.HasExited)
        {
            r.Dispose();
            throw new Xunit.Sdk.XunitException($"snmptrapd exited:\n{p.Output}");
        }
        return r;
    }

    /// <summary>The trap log so far.</summary>
    public string Log()
    {
        try
        {
            return File.ReadAllText(LogFile);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary><c>snmpwalk -v2c -On</c> of <paramref name="oid"/> against this agent: OID → value text.</summary>
    public Dictionary<string, string> Walk(string oid = "1.3.6.1.2.1.207")
    {
        string dir = Path.GetDirectoryName(AgentXSocket)!;
        var (code, stdout, stderr) = Namespace.Exec("env", [.. Env(dir)[1..], "snmpwalk", "-v2c", "-c", "public", "-On", "-t", "2", "-r", "1", "udp:127.0.0.1:161", oid]);
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        if (code != 0) return rows;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq > 0) rows[line[..eq]] = line[(eq + 3)..].Trim();
        }
        _ = stderr;
        return rows;
    }

    public void Signal(int signal) => _process.Signal(signal);

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose() => _process.Dispose();
}
