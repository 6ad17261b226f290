using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Operations.AgentX;

/// <summary>Where the AgentX master listens, in net-snmp's agentXSocket spelling: a path or
/// <c>unix:PATH</c> (a stream Unix socket), or <c>tcp:HOST:PORT</c>.</summary>
internal sealed record AgentXEndpoint(EndPoint EndPoint, string Text)
{
    public bool IsUnix => EndPoint is UnixDomainSocketEndPoint;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static AgentXEndpoint Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("unix:", StringComparison.Ordinal)) t = t[5..];
        if (t.StartsWith('/')) return new AgentXEndpoint(new UnixDomainSocketEndPoint(t), text);
        if (t.StartsWith("tcp:", StringComparison.Ordinal)) t = t[4..];
        int colon = t.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(t.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0)
            throw new FormatException($"snmp_socket '{text}' is neither a socket path (/var/agentx/master, unix:PATH) nor tcp:HOST:PORT");
        var host = t[..colon].Trim('[', ']');
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var address))
            throw new FormatException($"snmp_socket '{text}': give the master's address as a number ({host} is not one); no name lookup runs on the loop thread");
        return new AgentXEndpoint(new IPEndPoint(address, port), text);
    }
}
