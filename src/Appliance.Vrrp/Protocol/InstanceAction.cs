using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>One thing the host must do. A small value; the buffer holds them inline.
/// <see cref="Address"/> and <see cref="Interval"/> are set for <see cref="ActionKind.AdvertAccepted"/> only.</summary>
public readonly record struct InstanceAction(
    ActionKind Kind,
    byte Priority = 0,
    VrrpState From = VrrpState.Initialize,
    VrrpState To = VrrpState.Initialize,
    StateChangeReason Reason = StateChangeReason.None,
    DropReason Drop = DropReason.None,
    IpAddr Address = default,
    Centiseconds Interval = default);
