namespace Appliance.Vrrp.Tracking;

/// <summary>One tracker of one instance as configured: what, which, and how it moves the priority.</summary>
/// <param name="Kind">What is tracked.</param>
/// <param name="Name">The interface, script, file or process name (for status and logs).</param>
/// <param name="Weight">keepalived's weight: 0 means a failure puts the instance in FAULT; otherwise
/// -253..253 for interfaces, scripts and processes, -254..254 for files.</param>
/// <param name="Reverse">keepalived's <c>reverse</c>: the weight acts in the opposite direction
/// (and for weight 0, the instance faults while the tracker is up).</param>
public readonly record struct TrackerSpec(TrackerKind Kind, string Name, int Weight, bool Reverse = false);
