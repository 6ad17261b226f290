namespace Appliance.Heartbeat.Arbitration;

/// <summary>What the arbiter asks the host to do or to report.</summary>
public enum ArbiterDecisionKind : byte
{
    /// <summary>A heartbeat channel hears <see cref="ArbiterDecision.PeerId"/> again (alert CHANNEL_UP).</summary>
    ChannelUp,

    /// <summary>A heartbeat channel lost <see cref="ArbiterDecision.PeerId"/> (alert CHANNEL_DOWN; never a failover by itself).</summary>
    ChannelDown,

    /// <summary>Feed the instance <c>InstanceInput.TakeoverInhibit(Flag)</c>: the master is (no longer) heard on a heartbeat channel.</summary>
    Inhibit,

    /// <summary>The instance's master-down timer fired while the master is alive elsewhere: a LAN fault (alert LAN_FAULT, LED pattern).</summary>
    LanFault,

    /// <summary>The LAN fault is over (the master is heard on the LAN again, or is gone from every channel).</summary>
    LanFaultCleared,

    /// <summary>Policy <see cref="LanFaultPolicy.GoFault"/>: put the instance into Fault (<c>InstanceInput.LanFault(true)</c>).</summary>
    EnterFault,

    /// <summary>Policy <see cref="LanFaultPolicy.GoFault"/>: the LAN fault is over, leave Fault (<c>InstanceInput.LanFault(false)</c>;
    /// the instance stays in Fault while its link is down or it is in maintenance).</summary>
    LeaveFault,

    /// <summary>Two masters for one instance seen on <see cref="ArbiterDecision.Channel"/> (alert SPLIT_BRAIN_SUSPECTED).</summary>
    SplitBrainSuspected,

    /// <summary>Only one master is left.</summary>
    SplitBrainCleared,

    /// <summary>
    /// We lost the RFC 9568 §6.4.3 tie-break against a master heard on a heartbeat channel: feed the
    /// instance <c>InstanceInput.YieldTo</c> with that master's <see cref="ArbiterDecision.Priority"/>,
    /// <see cref="ArbiterDecision.Address"/> and <see cref="ArbiterDecision.Interval"/>, so the state
    /// machine steps down by its own rule (an address owner ignores it).
    /// </summary>
    YieldTo,

    /// <summary>We won the tie-break, or a peer that was cut off on every heartbeat channel (and may have
    /// been master meanwhile) is back while we are master: re-announce the VIPs (gratuitous ARP /
    /// unsolicited NA) so switches and hosts follow us.</summary>
    Reannounce,

    /// <summary>Run the fence command against <see cref="ArbiterDecision.PeerId"/> (alert FENCED); issued once per dual-master episode.</summary>
    Fence,
}
