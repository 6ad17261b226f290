using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Host;

/// <summary>One state change of an instance as the host performed it: what the control socket's
/// <c>status</c> shows as the last transition, and where "time in state" counts from.</summary>
/// <param name="From">The state left.</param>
/// <param name="To">The state entered.</param>
/// <param name="Reason">Why, as the state machine said.</param>
/// <param name="At">When the host performed it (monotonic).</param>
public readonly record struct StateTransition(VrrpState From, VrrpState To, StateChangeReason Reason, MonoTime At)
{
    /// <summary>True once the instance has changed state at least once.</summary>
    public bool Happened => Reason != StateChangeReason.None;
}
