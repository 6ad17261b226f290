using System.Globalization;
using System.Text;

namespace Appliance.Testing.Lab;

/// <summary>
/// One vrrp_instance for a test, rendered as keepalived.conf text that both our daemon and the
/// real keepalived read (the interop tests feed the same text to both).
/// </summary>
public sealed record VrrpInstanceSpec
{
    public string Name { get; init; } = "VI_1";

    public int Vrid { get; init; } = 51;

    public int Priority { get; init; } = 100;

    public string Interface { get; init; } = "eth0";

    public int Version { get; init; } = 3;

    /// <summary>Seconds; fractions only for v3.</summary>
    public double AdvertInt { get; init; } = 0.1;

    public IReadOnlyList<string> Vips { get; init; } = ["10.200.0.254/24"];

    public bool NoPreempt { get; init; }

    public double PreemptDelay { get; init; }

    public string? AuthPass { get; init; }

    public string? UnicastSource { get; init; }

    public IReadOnlyList<string> UnicastPeers { get; init; } = [];

    public bool UseVmac { get; init; }

    /// <summary>More keyword lines for the instance block, written as given (e.g. <c>mcast_dst_ip 224.0.0.20</c>).</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];

    /// <summary>Renders the instance block.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"vrrp_instance {Name} {{");
        sb.AppendLine("    state BACKUP");
        sb.AppendLine(c, $"    interface {Interface}");
        sb.AppendLine(c, $"    virtual_router_id {Vrid}");
        sb.AppendLine(c, $"    priority {Priority}");
        sb.AppendLine(c, $"    advert_int {AdvertInt.ToString(c)}");
        sb.AppendLine(c, $"    version {Version}");
        if (NoPreempt) sb.AppendLine("    nopreempt");
        if (PreemptDelay > 0) sb.AppendLine(c, $"    preempt_delay {PreemptDelay.ToString(c)}");
        if (AuthPass is not null)
        {
            sb.AppendLine("    authentication {");
            sb.AppendLine("        auth_type PASS");
            sb.AppendLine(c, $"        auth_pass {AuthPass}");
            sb.AppendLine("    }");
        }
        if (UseVmac) sb.AppendLine("    use_vmac");
        foreach (var line in ExtraLines) sb.AppendLine(c, $"    {line}");
        if (UnicastSource is not null) sb.AppendLine(c, $"    unicast_src_ip {UnicastSource}");
        if (UnicastPeers.Count > 0)
        {
            sb.AppendLine("    unicast_peer {");
            foreach (var p in UnicastPeers) sb.AppendLine(c, $"        {p}");
            sb.AppendLine("    }");
        }
        sb.AppendLine("    virtual_ipaddress {");
        foreach (var v in Vips) sb.AppendLine(c, $"        {v}");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>A whole file: global_defs plus the instances.</summary>
    public static string File(IEnumerable<VrrpInstanceSpec> instances, string? extraGlobals = null)
    {
        var list = instances.ToList();
        var sb = new StringBuilder();
        sb.AppendLine("global_defs {");
        sb.AppendLine("    router_id lab");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    vrrp_version {list[0].Version}");
        // Short second bursts keep the wire quiet for the next test step.
        sb.AppendLine("    vrrp_garp_master_delay 1");
        sb.AppendLine("    vrrp_garp_master_repeat 2");
        if (extraGlobals is not null) sb.AppendLine(extraGlobals);
        sb.AppendLine("}");
        foreach (var i in list) sb.Append(i.Render());
        return sb.ToString();
    }
}
