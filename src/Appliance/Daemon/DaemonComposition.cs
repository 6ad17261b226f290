using Appliance.Config.Model;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Where optional features plug into the loop: event sinks (notify scripts, the FIFO, LEDs) and
/// deadline participants (LED blinking, the watchdog). The board and notify layers add theirs
/// here; the core loop does not know them. The notify dispatcher is rebuilt by a reload whose
/// notify settings changed (<see cref="NotifyKey"/>); the rest lives as long as the process.
/// </summary>
internal static class DaemonComposition
{
    public static IEnumerable<IEventSink> FixedSinks(ILogger log, BoardRuntime? board)
    {
        yield return new StateLedLog(log);
        if (board is not null) yield return board;
    }

    /// <summary>The notify dispatcher <paramref name="config"/> asks for, or null when it asks for none.</summary>
    public static IEventSink? Notify(ApplianceConfig config, ILogger log)
    {
        var g = config.Global;
        bool scripts = false;
        foreach (var i in config.Instances) scripts |= i.Notify.Notify is not null || i.Notify.Master is not null || i.Notify.Backup is not null || i.Notify.Fault is not null || i.Notify.Stop is not null || i.Notify.MasterRxLowerPriority is not null;
        foreach (var sg in config.SyncGroups) scripts |= sg.Notify.Notify is not null || sg.Notify.Master is not null || sg.Notify.Backup is not null || sg.Notify.Fault is not null || sg.Notify.Stop is not null || sg.SmtpAlert;
        if (scripts || g.NotifyFifo is not null || (g.SmtpServer is not null && !g.NotificationEmails.IsDefaultOrEmpty))
            return new Notify.NotifyDispatcher(config, log);
        return null;
    }

    /// <summary>Everything the notify dispatcher is built from, as one comparable string: a reload
    /// rebuilds the dispatcher exactly when this changes.</summary>
    public static string NotifyKey(ApplianceConfig config)
    {
        // All of global_defs (FIFO, mail, router id, script user...): rebuilding costs nothing
        // when it is needed and the global settings rarely change.
        var sb = new System.Text.StringBuilder(ConfigFingerprint.Of(config.Global));
        foreach (var i in config.Instances)
            sb.Append('\n').Append(i.Protocol.Name).Append(' ').Append(i.Notify.ToString()).Append(' ').Append(i.SmtpAlert);
        return sb.ToString();
    }

    public static IEnumerable<IDeadlineParticipant> Participants(ApplianceConfig config, ILogger log, BoardRuntime? board)
    {
        if (board is not null) yield return board;
    }
}
