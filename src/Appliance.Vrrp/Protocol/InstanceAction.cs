using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>One thing the host must do. A small value; the buffer holds them inline.
/// <see cref="Address"/> and <see cref="Interval"/> are set for <see cref="ActionKind.AdvertAccepted"/>.
/// For <see cref="ActionKind.StateChanged"/> the cause travels with the change (the flight recorder
/// and the log say why): <see cref="Address"/> and <see cref="PeerPriority"/> name the peer that
/// caused it (the higher-priority master, the one that resigned with priority 0, the weaker master we
/// preempted, the heartbeat winner we yielded to; <c>default</c> when no peer is involved) and
/// <see cref="Silence"/> how long no advert had been accepted when Master_Down_Timer fired.</summary>
public readonly record struct InstanceAction(
    ActionKind Kind,
    byte Priority = 0,
    VrrpState From = VrrpState.Initialize,
    VrrpState To = VrrpState.Initialize,
    StateChangeReason Reason = StateChangeReason.None,
    DropReason Drop = DropReason.None,
    IpAddr Address = default,
    Centiseconds Interval = default,
    byte PeerPriority = 0,
    Duration Silence = default);
