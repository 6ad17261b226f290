using Appliance.Config.Model;
using Appliance.Platform.Linux.Netlink;
using Appliance.Vrrp;
using Appliance.Host;

namespace Appliance.Daemon;

/// <summary>
/// What one start-up or reload prepared before anything running changes: the hosts it built and
/// everything it created for them on the system. Applying hands the hosts over to the running set;
/// undoing deletes what it created (<see cref="Provisioner.Undo"/>), so a failure leaves the system
/// as it was.
/// </summary>
internal sealed class Preparation
{
    /// <summary>Hosts built, in configuration order; not registered on their links yet.</summary>
    public List<InstanceHost> Hosts { get; } = [];

    /// <summary>Per host: its VIP requests (for the stale-VIP sweep) and its multicast group (for the log).</summary>
    public Dictionary<InstanceHost, HostDetails> Details { get; } = [];

    /// <summary>VMAC interfaces this preparation created (deleted again on undo).</summary>
    public List<int> CreatedVmacs { get; } = [];

    /// <summary>VMACs of instances being replaced that the replacement takes over (same name and
    /// parent): the old instance's removal must not delete them.</summary>
    public HashSet<int> AdoptedVmacs { get; } = [];

    /// <summary>Sockets this preparation opened (closed again on undo).</summary>
    public List<VrrpLink> OpenedLinks { get; } = [];

    /// <summary>Hosts that the apply step will remove; their VRIDs and VMACs are free to the new ones.</summary>
    public HashSet<InstanceHost> Leaving { get; } = [];

    /// <summary>Instances whose interface does not exist yet: they wait in FAULT (nothing was created for them).</summary>
    public List<VrrpInstanceConfig> Pending { get; } = [];

    /// <summary>(link, VRID) pairs the new hosts claim, so two new instances cannot share one.</summary>
    public HashSet<(VrrpLink Link, byte Vrid)> Claims { get; } = [];

    public readonly record struct HostDetails(AddressRequest[] Vips, IpAddr Group);
}
