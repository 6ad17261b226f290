namespace Appliance.Vrrp.Seams;

/// <summary>
/// Operational state changes of interfaces, drained by the loop without allocating. When events
/// were lost (the kernel's queue overflowed) <see cref="Overflowed"/> says so and the owner
/// re-reads every interface's state. Linux: an RTMGRP_LINK netlink subscription.
/// </summary>
public interface ILinkEvents
{
    /// <summary>The descriptor to poll for readability, or -1 when there is none (in memory).</summary>
    int PollFd { get; }

    /// <summary>Set when events were lost; cleared by the reader.</summary>
    bool Overflowed { get; set; }

    /// <summary>Returns the next queued event, or false when none is queued.</summary>
    bool TryRead(out LinkEvent e);
}
