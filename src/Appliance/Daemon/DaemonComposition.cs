using Appliance.Config.Model;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Where optional features plug into the loop: event sinks (notify scripts, the FIFO, LEDs) and
/// deadline participants (LED blinking, the watchdog, heartbeat channels). The board and
/// heartbeat layers add theirs here; the core loop does not know them.
/// </summary>
internal static class DaemonComposition
{
    public static IEnumerable<IEventSink> Sinks(ApplianceConfig config, ILogger log)
    {
        yield return new StateLedLog(log);
    }

    public static IEnumerable<IDeadlineParticipant> Participants(ApplianceConfig config, ILogger log)
    {
        yield break;
    }
}
