using Appliance.Config.Model;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Parts of keepalived.conf that the readers bind but the daemon does not act on yet. An operator
/// who migrates a config with trackers must not believe they work: say so once, at start-up,
/// naming the instance and what it will not do.
/// </summary>
internal static class UnenforcedFeatures
{
    public static void Warn(ApplianceConfig config, ILogger log)
    {
        foreach (var i in config.Instances)
        {
            if (i.TrackInterfaces.Length + i.TrackScripts.Length + i.TrackFiles.Length > 0)
                log.Warning("instance {Instance} ({Location}): track_interface / track_script / track_file are read but not acted on yet; its priority stays {Priority}",
                    i.Protocol.Name, i.Location.ToString(), i.Protocol.Priority);
        }
        foreach (var g in config.SyncGroups)
            log.Warning("vrrp_sync_group {Group}: read but not enforced yet; its instances change state independently", g.Name);
    }
}
