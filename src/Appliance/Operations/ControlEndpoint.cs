using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Appliance.Platform.Linux.Files;

namespace Appliance.Operations;

/// <summary>
/// Where the control socket lives. By default an abstract Unix socket named
/// <c>appliance/NETNS/HASH</c>: NETNS is the inode of /proc/self/ns/net and HASH the first 16 hex
/// digits of SHA-256 over the absolute config path. Abstract names belong to the network
/// namespace, so <c>ip netns exec r1 appliance status</c> reaches the daemon of r1 and two
/// namespaces never clash; the hash lets two daemons on two files share one namespace. Nothing is
/// left on disk after a crash. <c>--control-socket PATH</c> chooses a filesystem socket instead.
/// </summary>
internal readonly record struct ControlEndpoint(string Name, bool IsAbstract)
{
    /// <summary>The abstract name's common prefix in the current namespace.</summary>
    public static string NamespacePrefix => $"appliance/{NetworkNamespace.CurrentInode().ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>The default endpoint of the daemon running <paramref name="configPath"/> in this namespace.</summary>
    public static ControlEndpoint ForConfig(string configPath)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(configPath)));
        return new ControlEndpoint(NamespacePrefix + Convert.ToHexStringLower(hash.AsSpan(0, 8)), IsAbstract: true);
    }

    /// <summary>A filesystem socket at <paramref name="path"/>.</summary>
    public static ControlEndpoint ForPath(string path) => new(Path.GetFullPath(path), IsAbstract: false);

    /// <summary>The endpoint for a daemon's options: the explicit path, else the abstract name.</summary>
    public static ControlEndpoint For(string? socketPath, string configPath) =>
        socketPath is not null ? ForPath(socketPath) : ForConfig(configPath);

    /// <summary>The socket address (a leading NUL makes it abstract).</summary>
    public UnixDomainSocketEndPoint EndPoint => new(IsAbstract ? "\0" + Name : Name);

    /// <summary>How ss(8) and /proc/net/unix show it: abstract names with a leading '@'.</summary>
    public override string ToString() => IsAbstract ? "@" + Name : Name;

    /// <summary>The daemons listening in this namespace (abstract names under
    /// <see cref="NamespacePrefix"/>, read from /proc/net/unix, which is per namespace): lets
    /// <c>appliance status</c> work without <c>-f</c> when one daemon runs here.</summary>
    public static List<ControlEndpoint> Listening()
    {
        var found = new List<ControlEndpoint>();
        string prefix = "@" + NamespacePrefix;
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/net/unix");
        }
        catch (IOException)
        {
            return found;
        }
        // Num RefCount Protocol Flags Type St Inode Path; flags 00010000 is __SO_ACCEPTCON (listening).
        foreach (var line in lines)
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[3] != "00010000" || !f[7].StartsWith(prefix, StringComparison.Ordinal)) continue;
            var e = new ControlEndpoint(f[7][1..], IsAbstract: true);
            if (!found.Contains(e)) found.Add(e);
        }
        return found;
    }
}
