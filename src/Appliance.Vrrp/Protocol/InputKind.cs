namespace Appliance.Vrrp.Protocol;

/// <summary>What happened, from the instance's point of view.</summary>
public enum InputKind : byte
{
    /// <summary>Nothing arrived; the host calls with this when the instance's deadline has passed.</summary>
    Tick = 0,

    /// <summary>The Startup event of RFC 9568 §6.4.1.</summary>
    Startup,

    /// <summary>The Shutdown event: a master sends priority 0 and drops its VIPs.</summary>
    Shutdown,

    /// <summary>A syntactically valid advertisement for this VRID arrived.</summary>
    Advert,

    /// <summary>The instance's interface (or a tracked one) came up: leave Fault.</summary>
    InterfaceUp,

    /// <summary>The instance's interface (or a tracked one) went down: go Fault.</summary>
    InterfaceDown,

    /// <summary>Trackers changed the effective priority (keepalived weights).</summary>
    PriorityChanged,

    /// <summary>The split-brain arbiter says whether the current master is still heard on another
    /// channel; while inhibited a backup whose master-down timer fires does not take over.</summary>
    TakeoverInhibit,

    /// <summary>The host's primary address on the interface changed (used in the tie-break and as
    /// the advert source).</summary>
    PrimaryAddressChanged,

    /// <summary>The split-brain arbiter's verdict: we lost the RFC 9568 §6.4.3 tie-break to a master
    /// heard on a heartbeat channel (<see cref="InstanceInput.Value"/> its priority,
    /// <see cref="InstanceInput.Address"/> its primary address, <see cref="InstanceInput.Interval"/>
    /// its interval). A master steps down by the same rule as for an advert heard on the LAN and, in
    /// v3, adopts the interval; the address owner ignores it (it discards adverts, §7.1).</summary>
    YieldTo,

    /// <summary>The arbiter's go-fault policy: the master is silent on the LAN yet alive on another
    /// channel (<see cref="InstanceInput.Flag"/> on), or that is over (off). On: enter Fault
    /// (<see cref="StateChangeReason.LanFault"/>); off: start again unless another fault holds.</summary>
    LanFault,

    /// <summary>An operator's maintenance switch (<see cref="InstanceInput.Flag"/>). On: a master resigns
    /// with priority 0 and the instance stays in Fault (<see cref="StateChangeReason.Maintenance"/>)
    /// whatever else arrives; off: start again as on <see cref="InterfaceUp"/> when the link is up.</summary>
    Maintenance,
}
