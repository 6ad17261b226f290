using System.Globalization;
using System.Text;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Operations;

/// <summary>
/// <c>appliance status</c>: one line per instance, <c>key=value</c> after the name so it reads at a
/// glance and greps well. Serving a request may allocate; it is not the per-packet path.
/// </summary>
internal static class StatusReport
{
    public static string Text(Daemon.Daemon d, MonoTime now)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"daemon pid={Environment.ProcessId} version={Cli.CommandLine.VersionNumber()} uptime={Seconds(now.NanosecondsSince(d.StartedAt))} maintenance={(d.Maintenance ? "on" : "off")} instances={d.Hosts.Length + d.Pending.Count}\n");
        foreach (var h in d.Hosts)
        {
            var i = h.Instance;
            var s = i.Settings;
            sb.Append(inv, $"{s.Name} state={StateNames.Of(i.State)} priority={i.EffectivePriority} base={s.Priority} master={MasterAddress(h)}");
            sb.Append(inv, $" advert={s.AdvertInterval.Milliseconds}ms");
            var t = h.LastTransition;
            sb.Append(" in_state=").Append(t.Happened ? Seconds(now.NanosecondsSince(t.At)) : Seconds(now.NanosecondsSince(d.StartedAt)));
            sb.Append(" last=").Append(t.Happened ? $"{StateNames.Of(t.From)}->{StateNames.Of(t.To)}({t.Reason})" : "none");
            if (d.Heartbeat is { } hb) sb.Append(" heartbeat=").Append(HeartbeatHealth(hb));
            sb.Append('\n');
        }
        foreach (var c in d.Pending)
            sb.Append(inv, $"{c.Protocol.Name} state=FAULT priority={c.Protocol.Priority} base={c.Protocol.Priority} master=- advert={c.Protocol.AdvertInterval.Milliseconds}ms waiting_for_interface={c.Interface}\n");
        return sb.ToString();
    }

    /// <summary>The current master as known: our primary address when we are master, else the
    /// source of the last advert accepted from another router; "-" when none was heard.</summary>
    public static string MasterAddress(InstanceHost h)
    {
        var i = h.Instance;
        if (i.State == VrrpState.Master) return i.PrimaryAddress.ToString();
        return i.MasterAddress == default ? "-" : i.MasterAddress.ToString();
    }

    /// <summary>"open/total" heartbeat channels, e.g. 2/2.</summary>
    public static string HeartbeatHealth(HeartbeatService hb)
    {
        int open = 0;
        foreach (var c in hb.Channels)
            if (c.Transport.IsOpen) open++;
        return $"{open}/{hb.ChannelCount}";
    }

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
