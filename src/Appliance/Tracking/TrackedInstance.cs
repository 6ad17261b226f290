using Appliance.Daemon;
using Appliance.Vrrp.Tracking;

namespace Appliance.Tracking;

/// <summary>
/// One running instance as the trackers see it: its pure tracker model, the gate that turns
/// fault causes into down/up inputs, the interface each interface tracker resolved to, and its
/// place in a sync group. What the status file prints about priorities comes from here.
/// </summary>
internal sealed class TrackedInstance(InstanceHost host, InstanceTracking model, string[] interfaceNames)
{
    /// <summary>FaultGate is a struct; kept in a field so it is updated in place.</summary>
    public FaultGate Gate;

    public InstanceHost Host { get; } = host;

    public InstanceTracking Model { get; } = model;

    /// <summary>Per tracker slot: the interface name for interface trackers, else null.</summary>
    public string[] InterfaceNames { get; } = interfaceNames;

    /// <summary>Per tracker slot: the resolved interface index for interface trackers (0: not present).</summary>
    public int[] InterfaceIndexes { get; } = new int[interfaceNames.Length];

    public SyncGroupRuntime? Group { get; set; }

    public int Member { get; set; }

    /// <summary>Link and tracker faults are the instance's own; a sync group's is not.</summary>
    public bool HasOwnFault => (Gate.Causes & (FaultCause.Link | FaultCause.Tracker)) != 0;

    /// <summary>For the status file: the tracker that last moved the priority or the fault state, or "-".</summary>
    public string MovedBy => Model.LastMoverName ?? "-";
}
