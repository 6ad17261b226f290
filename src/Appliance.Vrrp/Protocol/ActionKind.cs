namespace Appliance.Vrrp.Protocol;

/// <summary>What the instance asks the host to do. The host performs actions in buffer order.</summary>
public enum ActionKind : byte
{
    /// <summary>Send one advertisement with <see cref="InstanceAction.Priority"/>.</summary>
    SendAdvert,

    /// <summary>Add the instance's VIPs to the interface.</summary>
    AddVips,

    /// <summary>Remove the instance's VIPs.</summary>
    RemoveVips,

    /// <summary>Start a gratuitous ARP / unsolicited NA burst for every VIP (the host applies
    /// keepalived's repeat, delay and refresh knobs).</summary>
    Announce,

    /// <summary>The state changed from <see cref="InstanceAction.From"/> to <see cref="InstanceAction.To"/>.</summary>
    StateChanged,

    /// <summary>A received advert was discarded for <see cref="InstanceAction.Drop"/> (count it).</summary>
    Dropped,

    /// <summary>The master-down timer fired but the arbiter inhibited the takeover (a LAN fault:
    /// the master is silent on the LAN yet alive on another channel).</summary>
    TakeoverInhibited,

    /// <summary>An accepted advert disagrees with our configuration in a way VRRPv3 only reports
    /// (its address list, RFC 9568 §7.1): log it, rate-limited. <see cref="InstanceAction.Drop"/>
    /// names the mismatch; the advert was processed.</summary>
    ConfigMismatch,

    /// <summary>An advert from another router passed every receive check (RFC 9568 §7.1: TTL, version,
    /// VRID, authentication, address list, interval): <see cref="InstanceAction.Priority"/>,
    /// <see cref="InstanceAction.Address"/> (its source) and <see cref="InstanceAction.Interval"/>. The
    /// host hands it to the split-brain arbiter, which only ever hears adverts the instance accepted.
    /// Emitted after the actions the advert caused, so observers already see our new state.</summary>
    AdvertAccepted,

    /// <summary>As Master, an advert with a lower priority (or an equal one from a lower address) was
    /// heard: another router believes it is master. <see cref="InstanceAction.Priority"/> is its
    /// priority, <see cref="InstanceAction.Address"/> its source. keepalived re-announces the VIPs
    /// (<c>garp_lower_prio_repeat</c>, <c>garp_lower_prio_delay</c>) and runs
    /// <c>notify_master_rx_lower_pri</c>; the host does both.</summary>
    LowerPriorityHeard,
}
