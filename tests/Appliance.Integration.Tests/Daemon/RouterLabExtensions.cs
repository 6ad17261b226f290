using Appliance.Platform.Linux.Netlink;
using Appliance.Testing.Lab;
using Appliance.Vrrp;

namespace Appliance.Integration.Tests.Daemon;

/// <summary>Assertions about routers in a lab: VIPs by netlink dump, daemons by their status files.</summary>
internal static class RouterLabExtensions
{
    /// <summary>True when <paramref name="vip"/> is on any interface of <paramref name="ns"/>, read by an RTM_GETADDR dump.</summary>
    public static bool HasVip(this NetNs ns, string vip)
    {
        var address = IpAddr.Parse(vip);
        return ns.Run(() =>
        {
            using var t = new AddressTable();
            foreach (var a in t.Dump())
                if (a.Prefix.Address == address) return true;
            return false;
        });
    }

    /// <summary>Starts router <paramref name="index"/> (1-based) of the lab on <paramref name="instances"/>.</summary>
    public static DaemonProcess StartRouter(this BridgeLab lab, int index, params VrrpInstanceSpec[] instances) =>
        lab.Own(DaemonProcess.Start(lab.Routers[index - 1], lab.Directory, $"r{index}-{Guid.NewGuid():N}"[..11], VrrpInstanceSpec.File(instances)));

    /// <summary>Starts router <paramref name="index"/> with extra global_defs lines and daemon arguments.</summary>
    public static DaemonProcess StartRouter(this BridgeLab lab, int index, string? globals, string[] args, params VrrpInstanceSpec[] instances) =>
        lab.Own(DaemonProcess.Start(lab.Routers[index - 1], lab.Directory, $"r{index}-{Guid.NewGuid():N}"[..11], VrrpInstanceSpec.File(instances, globals), args));

    /// <summary>Waits until exactly router <paramref name="master"/> (1-based) holds <paramref name="vip"/> and the others do not.</summary>
    public static TimeSpan RequireOnlyMaster(this BridgeLab lab, int master, string vip, TimeSpan timeout, params DaemonProcess[] daemons) =>
        Poll.Require(() =>
        {
            for (int i = 0; i < lab.Routers.Count; i++)
                if (lab.Routers[i].HasVip(vip) != (i + 1 == master)) return false;
            return true;
        }, timeout, $"the VIP {vip} on router {master} only", () => Diagnostics(lab, daemons));

    public static string Diagnostics(BridgeLab lab, params DaemonProcess[] daemons)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < lab.Routers.Count; i++)
            sb.AppendLine($"router {i + 1} addresses:\n{BridgeLab.Addresses(lab.Routers[i])}");
        foreach (var d in daemons)
        {
            sb.AppendLine($"--- daemon pid {d.Pid} status:");
            foreach (var l in d.StatusLines()) sb.AppendLine(l);
            sb.AppendLine("--- output:");
            sb.AppendLine(d.Output);
        }
        return sb.ToString();
    }

    /// <summary>RFC 9568 §6.1 for v3: Master_Down_Interval = 3 × interval + Skew_Time, Skew_Time = (256 − priority) × interval / 256.</summary>
    public static TimeSpan MasterDownInterval(int priority, double advertSeconds) =>
        TimeSpan.FromSeconds(3 * advertSeconds + SkewTime(priority, advertSeconds).TotalSeconds);

    public static TimeSpan SkewTime(int priority, double advertSeconds) =>
        TimeSpan.FromSeconds((256 - priority) * advertSeconds / 256);
}
