using System.Globalization;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;

namespace Appliance.Notify;

/// <summary>
/// The words of one notification. keepalived's four come first for every event, so FIFO readers
/// and notify scripts written for keepalived (which look at TYPE and ignore the rest) keep working:
/// <code>
/// INSTANCE "VI_1" MASTER 100
/// LAN_FAULT "VI_1" BACKUP 100 2 serial0          peer 2 still heard on serial0
/// SPLIT_BRAIN_SUSPECTED "VI_1" MASTER 100 2 link0
/// FENCED "VI_1" MASTER 100 2 serial0
/// CHANNEL_DOWN "serial0" DOWN 0 2                 channel name, DOWN/UP, 0, peer id
/// CHANNEL_UP "serial0" UP 0 2
/// GROUP "VG_1" MASTER 0                           a vrrp_sync_group (keepalived: priority 0 for a group)
/// INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100         a master heard a lower priority (keepalived's event)
/// </code>
/// Built on the notify worker thread only: formatting allocates, and that must never happen on the loop.
/// </summary>
internal static class NotifyLine
{
    /// <summary>TYPE for an event kind.</summary>
    public static string TypeOf(EventKind kind) => kind switch
    {
        EventKind.StateChanged => "INSTANCE",
        EventKind.LanFault => "LAN_FAULT",
        EventKind.SplitBrainSuspected => "SPLIT_BRAIN_SUSPECTED",
        EventKind.ChannelDown => "CHANNEL_DOWN",
        EventKind.ChannelUp => "CHANNEL_UP",
        EventKind.Fenced => "FENCED",
        EventKind.WatchdogStarving => "WATCHDOG_STARVING",
        EventKind.MaintenanceOn => "MAINTENANCE_ON",
        EventKind.MaintenanceOff => "MAINTENANCE_OFF",

        EventKind.GroupStateChanged => "GROUP",
        EventKind.MasterRxLowerPriority => "INSTANCE",
        _ => "UNKNOWN",
    };

    /// <summary>keepalived's state words.</summary>
    public static string StateWord(VrrpState s) => s switch
    {
        VrrpState.Backup => "BACKUP",
        VrrpState.Master => "MASTER",
        VrrpState.Fault => "FAULT",
        _ => "STOP",
    };

    /// <summary>True for events about a channel rather than an instance.</summary>
    public static bool IsChannelEvent(EventKind kind) => kind is EventKind.ChannelDown or EventKind.ChannelUp;

    /// <summary>The words, unquoted: what a notify script gets as arguments.</summary>
    public static string[] Words(in ApplianceEvent e)
    {
        string type = TypeOf(e.Kind);
        if (IsChannelEvent(e.Kind))
            return [type, e.Channel, e.Kind == EventKind.ChannelUp ? "UP" : "DOWN", "0", Id(e.PeerId)];
        string state = StateWord(e.To);
        string prio = e.Priority.ToString(CultureInfo.InvariantCulture);
        if (e.Kind is EventKind.StateChanged or EventKind.GroupStateChanged) return [type, e.Instance, state, prio];
        if (e.Kind == EventKind.MasterRxLowerPriority) return [type, e.Instance, "MASTER_RX_LOWER_PRI", prio];
        if (e.Kind == EventKind.WatchdogStarving) return [type, e.Instance.Length > 0 ? e.Instance : "-", state, prio];
        return [type, e.Instance, state, prio, Id(e.PeerId), e.Channel.Length > 0 ? e.Channel : "-"];
    }

    /// <summary>The FIFO line: the words with the name in double quotes, as keepalived writes it, plus a newline.</summary>
    public static string Format(in ApplianceEvent e)
    {
        var w = Words(e);
        w[1] = "\"" + w[1] + "\"";
        return string.Join(' ', w) + "\n";
    }

    private static string Id(ushort peer) => peer.ToString(CultureInfo.InvariantCulture);
}
