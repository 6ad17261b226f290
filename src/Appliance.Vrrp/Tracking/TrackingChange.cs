namespace Appliance.Vrrp.Tracking;

/// <summary>What one tracker update changed for its instance: the host turns a priority change
/// into <c>InputKind.PriorityChanged</c> and a fault change into <c>InterfaceDown</c>/<c>InterfaceUp</c>.</summary>
/// <param name="PriorityChanged">The effective priority moved.</param>
/// <param name="FaultChanged">The instance went into, or came out of, tracker FAULT.</param>
public readonly record struct TrackingChange(bool PriorityChanged, bool FaultChanged)
{
    /// <summary>True when anything changed.</summary>
    public bool Any => PriorityChanged || FaultChanged;
}
