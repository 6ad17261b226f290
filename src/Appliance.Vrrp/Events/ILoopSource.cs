namespace Appliance.Vrrp.Events;

/// <summary>
/// Everything the one loop thread serves: a descriptor to wait on (or none), a deadline (or
/// <see cref="MonoTime.Never"/>), and what to do when either comes. VRRP sockets, netlink, signals,
/// heartbeat channels, trackers, the control socket, LEDs and the watchdog are all loop sources;
/// adding one is a class and a registration, never a new block in the loop.
/// </summary>
/// <remarks>
/// Budget: <see cref="OnReadable"/> does a bounded amount of work (for a socket, at most a fixed
/// number of datagrams) and returns even when more is waiting. poll(2) is level-triggered, so the
/// rest is served next turn, after every other source has had its turn: a flood on one socket
/// cannot starve the others, the watchdog above all.
/// </remarks>
public interface ILoopSource : IDeadlineParticipant
{
    /// <summary>A short name for logs and counters ("vrrp eth0 IPv4", "netlink", "signals").</summary>
    string Name { get; }

    /// <summary>The descriptor to poll for input, or -1 for none. Read again before every wait,
    /// so a source may reopen its descriptor (a tty after a hang-up) between turns.</summary>
    int PollFd { get; }

    /// <summary>Called on the loop thread when <see cref="PollFd"/> is readable or reports an
    /// error. Does at most one budget of work; see the remarks on the interface.</summary>
    void OnReadable(MonoTime now);
}
