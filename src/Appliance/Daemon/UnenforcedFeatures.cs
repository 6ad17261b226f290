using Appliance.Config;
using Appliance.Config.Schema;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Keywords the readers bind but the daemon does not act on: the config schema says which, and the
/// readers have located each use (file:line:col). Log them once at start-up, so an operator who
/// migrates a config with trackers or a sync group does not believe they work.
/// </summary>
internal static class UnenforcedFeatures
{
    public static void Warn(ConfigLoadResult result, ILogger log)
    {
        foreach (var d in NotActedFeatures.In(result)) log.Warning("{Diagnostic}", d.ToString());
    }
}
