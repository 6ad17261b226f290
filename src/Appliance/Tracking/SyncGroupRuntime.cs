using Appliance.Config.Model;
using Appliance.Vrrp.Tracking;

namespace Appliance.Tracking;

/// <summary>A vrrp_sync_group at run time: its configuration, its pure coordinator and its members.</summary>
internal sealed class SyncGroupRuntime(SyncGroupConfig config, TrackedInstance[] members)
{
    public SyncGroupConfig Config { get; } = config;

    public SyncGroupCoordinator Coordinator { get; } = new(config.Name, members.Length);

    public TrackedInstance[] Members { get; } = members;
}
