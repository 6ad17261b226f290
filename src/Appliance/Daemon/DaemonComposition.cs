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
    public static IEnumerable<IEventSink> Sinks(ApplianceConfig config, ILogger log, BoardRuntime? board)
    {
        yield return new StateLedLog(log);
        if (board is not null) yield return board;
        var g = config.Global;
        bool scripts = false;
        foreach (var i in config.Instances) scripts |= i.Notify.Notify is not null || i.Notify.Master is not null || i.Notify.Backup is not null || i.Notify.Fault is not null || i.Notify.Stop is not null;
        foreach (var sg in config.SyncGroups) scripts |= sg.Notify.Notify is not null || sg.Notify.Master is not null || sg.Notify.Backup is not null || sg.Notify.Fault is not null || sg.Notify.Stop is not null || sg.SmtpAlert;
        if (scripts || g.NotifyFifo is not null || (g.SmtpServer is not null && !g.NotificationEmails.IsDefaultOrEmpty))
            yield return new Notify.NotifyDispatcher(config, log);
    }

    public static IEnumerable<IDeadlineParticipant> Participants(ApplianceConfig config, ILogger log, BoardRuntime? board)
    {
        if (board is not null) yield return board;
    }
}
