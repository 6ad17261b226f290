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
        // track_interface, track_script, track_file and vrrp_sync_group act (see Tracking/); what
        // remains bound but not acted on is said where it is met (vrrp_script user, by the runtime).
        _ = config;
        _ = log;
    }
}
