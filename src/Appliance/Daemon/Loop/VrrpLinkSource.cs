using Appliance.Logging;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Wire;

namespace Appliance.Daemon.Loop;

/// <summary>One VRRP socket as a loop source: at most <see cref="Budget"/> datagrams per turn.</summary>
internal sealed class VrrpLinkSource(VrrpLink link, DropLog dropLog) : ILoopSource
{
    /// <summary>Datagrams read per turn. 64 adverts is far more than any sane VRRP group sends in
    /// one poll interval; a flood beyond it waits one turn while the others are served.</summary>
    public const int Budget = 64;

    public VrrpLink Link { get; } = link;

    public string Name { get; } = $"vrrp {link.Name} {(link.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")}";

    public int PollFd => Link.Socket.Fd;

    public MonoTime NextDeadline => MonoTime.Never;

    public void OnReadable(MonoTime now) => Link.ReceiveAll(now, dropLog, Budget);

    public void OnDeadline(MonoTime now)
    {
    }
}
