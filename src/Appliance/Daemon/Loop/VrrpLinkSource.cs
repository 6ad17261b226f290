using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Wire;
using Appliance.Host;
using Appliance.Host.Logging;

namespace Appliance.Daemon.Loop;

/// <summary>One VRRP socket as a loop source: at most <see cref="Budget"/> datagrams per turn.</summary>
internal sealed class VrrpLinkSource(VrrpLink link, DropLog dropLog) : ILoopSource
{
    /// <summary>Datagrams read per turn: about what a default socket buffer (rmem_default, 208 KB)
    /// holds of small adverts, so legitimate traffic queued while the process was not scheduled
    /// (tens of ms on a busy machine, 100 instances at 10 ms) is read in one turn, before the
    /// Master_Down timers are judged; a flood beyond it waits one turn while the others are served.
    /// 64 was measured too small: backups on a loaded machine took over spuriously.</summary>
    public const int Budget = 256;

    public VrrpLink Link { get; } = link;

    public string Name { get; } = $"vrrp {link.Name} {(link.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")}";

    public int PollFd => Link.Socket.PollFd;

    public MonoTime NextDeadline => MonoTime.Never;

    public void OnReadable(MonoTime now) => Link.ReceiveAll(now, dropLog, Budget);

    public void OnDeadline(MonoTime now)
    {
    }
}
