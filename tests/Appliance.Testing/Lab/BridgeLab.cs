namespace Appliance.Testing.Lab;

/// <summary>
/// The standard topology: a switch namespace with bridge br0 (multicast snooping off, so
/// ff02::12 floods like 224.0.0.18), N router namespaces and one client namespace, each with
/// eth0 on the bridge. Router i has 10.200.0.(10+i)/24 and fd00:200::(10+i)/64; the client has
/// .100. Names carry a random token (ap + 6 hex) so parallel runs never clash. DAD is off, so
/// link-local addresses are usable at once. Dispose kills what was started and deletes everything.
/// </summary>
public sealed class BridgeLab : IDisposable
{
    private readonly List<NetNs> _all = [];
    private readonly List<IDisposable> _owned = [];

    private BridgeLab(string token) => Token = token;

    /// <summary>The random token in every name.</summary>
    public string Token { get; }

    /// <summary>The switch namespace (holds br0 and the bridge ports rNp / cp).</summary>
    public NetNs Switch { get; private set; } = null!;

    /// <summary>Router namespaces, index 0 is router 1.</summary>
    public List<NetNs> Routers { get; } = [];

    /// <summary>The client / observer namespace.</summary>
    public NetNs Client { get; private set; } = null!;

    /// <summary>A scratch directory for configs, logs and status files; deleted on Dispose.</summary>
    public string Directory { get; private set; } = "";

    /// <summary>Router i's (1-based) IPv4 address.</summary>
    public static string RouterV4(int i) => $"10.200.0.{10 + i}";

    /// <summary>Router i's (1-based) IPv6 global address.</summary>
    public static string RouterV6(int i) => $"fd00:200::{10 + i}";

    /// <summary>Builds the topology with <paramref name="routers"/> routers.</summary>
    public static BridgeLab Create(int routers)
    {
        string token = "ap" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6];
        var lab = new BridgeLab(token);
        try
        {
            lab.Directory = System.IO.Directory.CreateTempSubdirectory(token + "-").FullName;
            lab.Switch = lab.Add(NetNs.Create($"{token}-sw"));
            lab.Switch.Ip("link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            lab.Switch.Ip("link", "set", "br0", "up");
            for (int i = 1; i <= routers; i++)
            {
                var r = lab.Add(NetNs.Create($"{token}-r{i}"));
                lab.Routers.Add(r);
                lab.Attach(r, $"r{i}p", $"{RouterV4(i)}/24", $"{RouterV6(i)}/64");
            }
            lab.Client = lab.Add(NetNs.Create($"{token}-c"));
            lab.Attach(lab.Client, "cp", "10.200.0.100/24", "fd00:200::100/64");
        }
        catch
        {
            lab.Dispose();
            throw;
        }
        return lab;
    }

    private NetNs Add(NetNs ns)
    {
        _all.Add(ns);
        return ns;
    }

    private void Attach(NetNs ns, string port, string v4, string v6)
    {
        ns.Exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        string tmp = $"{Token}{port}";
        Shell.Run("ip", "link", "add", tmp, "netns", ns.Name, "type", "veth", "peer", "name", port, "netns", Switch.Name);
        Switch.Ip("link", "set", port, "master", "br0", "up");
        ns.Ip("link", "set", tmp, "name", "eth0");
        ns.Ip("addr", "add", v4, "dev", "eth0");
        ns.Ip("addr", "add", v6, "dev", "eth0", "nodad");
        ns.Ip("link", "set", "eth0", "up");
    }

    /// <summary>Cuts router i's (1-based) link at the switch: its eth0 loses carrier.</summary>
    public void CutLink(int router) => Switch.Ip("link", "set", $"r{router}p", "down");

    /// <summary>Restores router i's link.</summary>
    public void RestoreLink(int router) => Switch.Ip("link", "set", $"r{router}p", "up");

    /// <summary>Registers something (a process) to dispose before the namespaces go.</summary>
    public T Own<T>(T d) where T : IDisposable
    {
        _owned.Add(d);
        return d;
    }

    /// <summary>The addresses on eth0 of a namespace, as <c>ip -o addr</c> prints them.</summary>
    public static string Addresses(NetNs ns) => ns.Ip("-o", "addr", "show", "dev", "eth0");

    /// <inheritdoc />
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                _owned[i].Dispose();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"lab cleanup: {e.Message}");
            }
        }
        foreach (var ns in _all) ns.Dispose();
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            if (Environment.GetEnvironmentVariable("APPLIANCE_KEEP_LAB") is null) System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
