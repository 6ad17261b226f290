using Appliance.Platform.Linux.Netlink;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;
using Appliance.Host;

namespace Appliance.Daemon.Loop;

/// <summary>
/// Netlink link events as a loop source. An instance is up when its sending interface (the VMAC,
/// if any) and its base interface are both up and running; only a change of that is an input to
/// the instance. At most <see cref="Budget"/> events per turn; a lost-events report (ENOBUFS)
/// re-reads the whole link table.
/// </summary>
internal sealed class LinkWatcher(LinkMonitor monitor, LinkTable links, ILogger log, Func<InstanceHost[]> hosts, Action<MonoTime> linksChanged) : ILoopSource
{
    public const int Budget = 256;
    private readonly Dictionary<int, bool> _operational = [];

    public string Name => "netlink links";

    public int PollFd => monitor.Fd;

    public MonoTime NextDeadline => MonoTime.Never;

    /// <summary>Learns the state of every interface (start-up and reload).</summary>
    public void Seed(List<LinkInfo> dump)
    {
        _operational.Clear();
        foreach (var l in dump) _operational[l.Index] = l.IsOperational;
    }

    /// <summary>Whether interface <paramref name="index"/> is up and running (false when unknown).</summary>
    public bool IsUp(int index) => _operational.GetValueOrDefault(index, false);

    /// <summary>How an instance's own link change reaches it: the trackers' fault gate when set
    /// (so a link coming back does not lift a FAULT a tracker still holds), else the plain input.</summary>
    public Action<InstanceHost, bool, MonoTime>? SetLink { get; init; }

    public bool IsOperational(InstanceHost h) =>
        _operational.GetValueOrDefault(h.Link.Socket.InterfaceIndex, true) && _operational.GetValueOrDefault(h.BaseInterfaceIndex, true);

    public void OnReadable(MonoTime now)
    {
        bool changed = false;
        for (int n = 0; n < Budget && monitor.TryRead(out var e); n++)
        {
            bool op = e.Operational && !e.Deleted;
            if (_operational.TryGetValue(e.InterfaceIndex, out bool was) && was == op) continue;
            // A deleted interface is down for an instance that still refers to it; nobody else
            // needs its entry (VMACs come and go with reloads: the table must not grow).
            if (e.Deleted && !InUse(e.InterfaceIndex)) _operational.Remove(e.InterfaceIndex);
            else _operational[e.InterfaceIndex] = op;
            changed = true;
        }
        if (monitor.Overflowed)
        {
            monitor.Overflowed = false;
            log.Warning("link event queue overflowed; re-reading interface states");
            Seed(links.Dump());
            changed = true;
        }
        if (!changed) return;
        linksChanged(now);
        foreach (var h in hosts())
        {
            bool op = IsOperational(h);
            if (op == h.LinkUp) continue;
            h.LinkUp = op;
            log.Information("{Prefix} interface {State}", h.Prefix, op ? "up" : "down");
            if (SetLink is { } set) set(h, op, now);
            else h.Handle(op ? InstanceInput.InterfaceUp() : InstanceInput.InterfaceDown(), now);
        }
    }

    public void OnDeadline(MonoTime now)
    {
    }

    /// <summary>Forgets an interface index (a VMAC the daemon deleted).</summary>
    public void Forget(int index) => _operational.Remove(index);

    /// <summary>Interfaces whose state is held (flat across reloads).</summary>
    public int Known => _operational.Count;

    private bool InUse(int index)
    {
        foreach (var h in hosts())
            if (h.Link.Socket.InterfaceIndex == index || h.BaseInterfaceIndex == index) return true;
        return false;
    }
}
