using System.Globalization;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tracking;

namespace Appliance.Host.Recorder;

/// <summary>Turns a flight record into the one line <c>appliance why</c> prints: time (UTC),
/// instance, from->to, cause. Reader side only: it allocates freely.</summary>
public static class CauseText
{
    /// <summary>The whole line.</summary>
    public static string Line(in FlightRecord r)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(r.UnixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string change = r.Kind switch
        {
            RecordKind.Transition => $"{StateNames.Of(r.From)}->{StateNames.Of(r.To)}",
            RecordKind.PriorityChange => "priority",
            RecordKind.TakeoverInhibited => $"{StateNames.Of(r.From)} (stays)",
            _ => "?",
        };
        return $"{at} {r.Instance} {change} {Cause(r)}";
    }

    /// <summary>The cause alone, in words.</summary>
    public static string Cause(in FlightRecord r)
    {
        string peer = r.HasPeer ? r.Peer.ToString() : "";
        switch (r.Kind)
        {
            case RecordKind.PriorityChange:
                return $"{r.PreviousPriority} -> {r.Priority}: {Tracker(r)}";
            case RecordKind.TakeoverInhibited:
                return "Master_Down_Interval expired but the takeover is inhibited: the master is silent on the LAN yet heard on a heartbeat channel";
        }
        switch (r.Reason)
        {
            case StateChangeReason.StartupOwner:
                return "start-up as the address owner (priority 255)";
            case StateChangeReason.StartupBackup:
                return r.Cause == RecordCause.InterfaceAppeared ? $"interface {r.Detail} appeared; start-up (priority {r.Priority})" : $"start-up (priority {r.Priority})";
            case StateChangeReason.MasterDown:
                if (r.HasPeer && r.PeerPriority == 0)
                    return $"priority 0 from {peer}: the master resigned; took over after Skew_Time ({Seconds(r.SilenceMs)} s, our priority {r.Priority})";
                if (r.HasPeer)
                    return $"Master_Down_Interval expired: no advert from {peer} (priority {r.PeerPriority}) for {Seconds(r.SilenceMs)} s (our priority {r.Priority})";
                return $"Master_Down_Interval expired: no master heard for {Seconds(r.SilenceMs)} s since start (our priority {r.Priority})";
            case StateChangeReason.HigherPriorityAdvert:
                return r.PeerPriority > r.Priority
                    ? $"higher priority {r.PeerPriority} from {peer} (ours {r.Priority}{Moved(r)})"
                    : $"equal priority {r.PeerPriority} from higher address {peer} (ours {r.Priority}{Moved(r)})";
            case StateChangeReason.Preempt:
                return r.HasPeer
                    ? $"preempted lower priority {r.PeerPriority} from {peer} (ours {r.Priority})"
                    : $"preempted a lower-priority master (ours {r.Priority})";
            case StateChangeReason.Shutdown:
                return r.Cause switch
                {
                    RecordCause.Signal => "SIGTERM/SIGINT: daemon shutting down (a master sends priority 0)",
                    RecordCause.Reload => "reload (SIGHUP) removed or replaced the instance",
                    _ => "shutdown",
                };
            case StateChangeReason.InterfaceDown:
            case StateChangeReason.InterfaceUp:
                bool down = r.Reason == StateChangeReason.InterfaceDown;
                return r.Cause switch
                {
                    RecordCause.Tracker => Tracker(r) + (down ? " (holds the instance in FAULT)" : " (FAULT lifted)"),
                    RecordCause.Link => $"interface {r.Detail} {(down ? "down" : "up")}",
                    RecordCause.InterfaceMissing => $"interface {r.Detail} missing: waiting for it in FAULT",
                    RecordCause.SyncGroup => down ? $"sync group {r.Detail}: another member is in FAULT" : $"sync group {r.Detail}: no member in FAULT any more",
                    _ => down ? "interface or tracker down" : "interface or tracker up",
                };
            case StateChangeReason.LanFault:
                return "heartbeat: LAN fault (the master is silent on the LAN yet alive on a heartbeat channel)";
            case StateChangeReason.LanFaultCleared:
                return "heartbeat: the LAN fault is over";
            case StateChangeReason.YieldTo:
                return $"heartbeat: yielded to master {peer} priority {r.PeerPriority} heard on a heartbeat channel (ours {r.Priority})";
            case StateChangeReason.Maintenance:
                return "maintenance switched on";
            case StateChangeReason.MaintenanceOver:
                return "maintenance switched off";
            case StateChangeReason.SyncGroup:
                return r.Detail is null ? "its sync group moved it" : $"sync group {r.Detail} moved it";
            default:
                return r.Reason.ToString();
        }
    }

    private static string Moved(in FlightRecord r) =>
        r.BasePriority != 0 && r.BasePriority != r.Priority ? $", configured {r.BasePriority}" : "";

    private static string Tracker(in FlightRecord r)
    {
        string kind = r.TrackerKind switch
        {
            TrackerKind.Script => "vrrp_script",
            TrackerKind.Interface => "track_interface",
            TrackerKind.File => "track_file",
            TrackerKind.Process => "track_process",
            _ => "tracker",
        };
        string verdict = r.TrackerKind switch
        {
            TrackerKind.Script => r.TrackerStatus == TrackerStatus.Down ? "failed" : "succeeded",
            TrackerKind.File => "changed",
            _ => r.TrackerStatus == TrackerStatus.Down ? "down" : "up",
        };
        return r.Cause == RecordCause.Tracker ? $"{kind} {r.Detail} {verdict} (weight {r.Value})" : "trackers";
    }

    private static string Seconds(uint ms) =>
        ms == FlightRecord.NoSilence ? "?" : (ms / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}
