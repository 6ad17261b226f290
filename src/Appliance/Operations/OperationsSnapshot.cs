using Appliance.Daemon;
using Appliance.Host;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Operations;

/// <summary>One running instance's counters and state, copied at one instant.</summary>
internal sealed record InstanceCounters(
    InstanceHost Host, string Name, byte Vrid, IpFamily Family, string Interface, int IfIndex,
    VrrpState State, byte Priority, byte BasePriority, IpAddr MasterAddress, IpAddr Primary, IpAddr[] Vips,
    Centiseconds AdvertInterval, bool Preempt, bool Accept,
    long AdvertsSent, long AdvertsAccepted, long BecameMaster, long PriorityZeroReceived, long PriorityZeroSent,
    StateChangeReason LastMasterReason, long[] Drops, long SendErrors, long VipErrors)
{
    /// <summary>Every advert that reached this virtual router: accepted or dropped by it.</summary>
    public long AdvertsReceived
    {
        get
        {
            long n = AdvertsAccepted;
            for (int r = 1; r < Drops.Length; r++)
                if ((DropReason)r != DropReason.FirstAddressNotLinkLocal) n += Drops[r];
            return n;
        }
    }
}

/// <summary>One VRRP socket's counters (drops before the VRID demultiplexer).</summary>
internal sealed record LinkCounters(string Name, IpFamily Family, int IfIndex, long Received, long ReceiveErrors, long[] Drops);

/// <summary>One heartbeat channel's counters.</summary>
internal sealed record HeartbeatCounters(string Channel, bool Open, long Sent, long Received, long SendFailures, long Drops);

/// <summary>
/// The one place the SNMP subagent and the Prometheus endpoint read the daemon's counters from.
/// Fields read: <c>Instance.State, EffectivePriority, Settings (Name, Vrid, Family, Priority,
/// AdvertInterval, Preempt, AcceptMode, VirtualAddresses), MasterAddress, AdvertsSent,
/// AdvertsAccepted, BecameMaster, PriorityZeroReceived, PriorityZeroSent, LastMasterReason,
/// DropCounts</c>; <c>InstanceHost.Primary, Link, SendErrors, VipErrors</c>;
/// <c>VrrpLink.Name, Socket.Family, Socket.InterfaceIndex, Received, ReceiveErrors, Drops</c>;
/// <c>HeartbeatService.Channels</c>; <c>Daemon.LoopTurns, StartedAt</c>. Allocates (it runs per
/// SNMP request or scrape, never per packet).
/// </summary>
internal sealed record OperationsSnapshot(MonoTime At, MonoTime StartedAt, long LoopTurns, InstanceCounters[] Instances, LinkCounters[] Links, HeartbeatCounters[] Heartbeat)
{
    public static OperationsSnapshot Take(Daemon.Daemon d, MonoTime now)
    {
        var hosts = d.Hosts;
        var instances = new InstanceCounters[hosts.Length];
        for (int k = 0; k < hosts.Length; k++) instances[k] = Of(hosts[k]);
        var links = d.Links;
        var linkRows = new LinkCounters[links.Length];
        for (int k = 0; k < links.Length; k++)
        {
            var l = links[k];
            linkRows[k] = new LinkCounters(l.Name, l.Socket.Family, l.Socket.InterfaceIndex, l.Received, l.ReceiveErrors, l.Drops.ToArray());
        }
        var hb = new List<HeartbeatCounters>();
        if (d.Heartbeat is { } service)
            foreach (var c in service.Channels)
                hb.Add(new HeartbeatCounters(c.Name, c.Transport.IsOpen, c.FramesSent, c.FramesReceived, c.SendFailures, c.Drops.Total));
        return new OperationsSnapshot(now, d.StartedAt, d.LoopTurns, instances, linkRows, [.. hb]);
    }

    public static InstanceCounters Of(InstanceHost h)
    {
        var i = h.Instance;
        var s = i.Settings;
        var master = i.State == VrrpState.Master ? h.Primary : i.MasterAddress;
        return new InstanceCounters(h, s.Name, s.Vrid, s.Family, h.Link.Name, h.Link.Socket.InterfaceIndex,
            i.State, i.EffectivePriority, s.Priority, master, h.Primary, [.. s.VirtualAddresses],
            s.AdvertInterval, s.Preempt, s.AcceptMode,
            i.AdvertsSent, i.AdvertsAccepted, i.BecameMaster, i.PriorityZeroReceived, i.PriorityZeroSent,
            i.LastMasterReason, i.DropCounts.ToArray(), h.SendErrors, h.VipErrors);
    }

    /// <summary>Sum of one drop reason over the sockets (checksum, version, unknown VRID errors
    /// are counted there, before any instance is known).</summary>
    public long LinkDrops(DropReason r)
    {
        long n = 0;
        foreach (var l in Links) n += l.Drops[(int)r];
        return n;
    }

    /// <summary>Sum of one drop reason over the instances.</summary>
    public long InstanceDrops(DropReason r)
    {
        long n = 0;
        foreach (var i in Instances) n += i.Drops[(int)r];
        return n;
    }
}
