using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>
/// The arbiter's decisions that are inputs to an instance's state machine, each an input of its own
/// kind named after the decision (never a made-up advert). The other decisions are reports (alerts,
/// logs, re-announce, fence) that the host carries out without the state machine.
/// </summary>
public static class DecisionInputs
{
    /// <summary>The input <paramref name="decision"/> stands for, for <see cref="ArbiterDecision.Instance"/>;
    /// false for a report.</summary>
    public static bool TryGet(in ArbiterDecision decision, out InstanceInput input)
    {
        switch (decision.Kind)
        {
            case ArbiterDecisionKind.Inhibit:
                input = InstanceInput.TakeoverInhibit(decision.Flag);
                return true;
            case ArbiterDecisionKind.EnterFault:
                input = InstanceInput.LanFault(true);
                return true;
            case ArbiterDecisionKind.LeaveFault:
                input = InstanceInput.LanFault(false);
                return true;
            case ArbiterDecisionKind.YieldTo:
                input = InstanceInput.YieldTo(decision.Priority, decision.Address, decision.Interval);
                return true;
            default:
                input = default;
                return false;
        }
    }
}
