using System.Globalization;
using System.Text;
using Appliance.Host;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Operations.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4) of an <see cref="OperationsSnapshot"/>
/// and the process figures: one HELP and TYPE line per family, label values escaped
/// (backslash, double quote, newline), counters ending in <c>_total</c>.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Figures that are not in the snapshot: the serving sources' own counters.</summary>
    internal readonly record struct Extra(long Scrapes, Operations.AgentX.AgentXSubagent? Subagent);

    public static string Render(OperationsSnapshot s, Extra extra)
    {
        var w = new Writer();
        var inst = s.Instances;
        w.Family("appliance_vrrp_state", "gauge", "VRRP state: 0 initialize, 1 backup, 2 master, 3 fault");
        foreach (var i in inst) w.Sample("appliance_vrrp_state", Labels(i), i.State switch { VrrpState.Backup => 1, VrrpState.Master => 2, VrrpState.Fault => 3, _ => 0 });
        w.Family("appliance_vrrp_priority", "gauge", "priority in use (after tracking)");
        foreach (var i in inst) w.Sample("appliance_vrrp_priority", Labels(i), i.Priority);
        w.Family("appliance_vrrp_base_priority", "gauge", "configured priority");
        foreach (var i in inst) w.Sample("appliance_vrrp_base_priority", Labels(i), i.BasePriority);
        Counter(w, inst, "appliance_vrrp_adverts_sent_total", "adverts sent (priority 0 included)", i => i.AdvertsSent);
        Counter(w, inst, "appliance_vrrp_adverts_received_total", "adverts that reached this virtual router, accepted or dropped by it", i => i.AdvertsReceived);
        Counter(w, inst, "appliance_vrrp_adverts_accepted_total", "adverts that passed every check", i => i.AdvertsAccepted);
        Counter(w, inst, "appliance_vrrp_became_master_total", "transitions to master", i => i.BecameMaster);
        Counter(w, inst, "appliance_vrrp_priority_zero_received_total", "priority-0 adverts received", i => i.PriorityZeroReceived);
        Counter(w, inst, "appliance_vrrp_priority_zero_sent_total", "priority-0 adverts sent", i => i.PriorityZeroSent);
        Counter(w, inst, "appliance_vrrp_send_errors_total", "adverts the kernel refused to send", i => i.SendErrors);
        Counter(w, inst, "appliance_vrrp_vip_errors_total", "VIP add/remove failures", i => i.VipErrors);
        w.Family("appliance_vrrp_drops_total", "counter", "adverts discarded by the instance, by reason");
        foreach (var i in inst)
            for (int r = 1; r < i.Drops.Length; r++)
                w.Sample("appliance_vrrp_drops_total", Labels(i) + ",reason=\"" + StateNames.Of((DropReason)r) + "\"", i.Drops[r]);

        w.Family("appliance_vrrp_link_received_total", "counter", "datagrams read from a VRRP socket");
        foreach (var l in s.Links) w.Sample("appliance_vrrp_link_received_total", LinkLabels(l), l.Received);
        w.Family("appliance_vrrp_link_receive_errors_total", "counter", "failed reads of a VRRP socket");
        foreach (var l in s.Links) w.Sample("appliance_vrrp_link_receive_errors_total", LinkLabels(l), l.ReceiveErrors);
        w.Family("appliance_vrrp_link_drops_total", "counter", "datagrams discarded before any instance saw them, by reason");
        foreach (var l in s.Links)
            for (int r = 1; r < l.Drops.Length; r++)
                w.Sample("appliance_vrrp_link_drops_total", LinkLabels(l) + ",reason=\"" + StateNames.Of((DropReason)r) + "\"", l.Drops[r]);

        if (s.Heartbeat.Length > 0)
        {
            w.Family("appliance_heartbeat_channel_open", "gauge", "1 when the heartbeat channel is open");
            foreach (var c in s.Heartbeat) w.Sample("appliance_heartbeat_channel_open", Channel(c), c.Open ? 1 : 0);
            w.Family("appliance_heartbeat_frames_sent_total", "counter", "heartbeat frames sent");
            foreach (var c in s.Heartbeat) w.Sample("appliance_heartbeat_frames_sent_total", Channel(c), c.Sent);
            w.Family("appliance_heartbeat_frames_received_total", "counter", "heartbeat frames received");
            foreach (var c in s.Heartbeat) w.Sample("appliance_heartbeat_frames_received_total", Channel(c), c.Received);
            w.Family("appliance_heartbeat_send_failures_total", "counter", "heartbeat frames that could not be sent");
            foreach (var c in s.Heartbeat) w.Sample("appliance_heartbeat_send_failures_total", Channel(c), c.SendFailures);
            w.Family("appliance_heartbeat_drops_total", "counter", "heartbeat frames discarded");
            foreach (var c in s.Heartbeat) w.Sample("appliance_heartbeat_drops_total", Channel(c), c.Drops);
        }

        w.Family("appliance_loop_turns_total", "counter", "turns of the event loop");
        w.Sample("appliance_loop_turns_total", "", s.LoopTurns);
        w.Family("appliance_uptime_seconds", "gauge", "seconds since the daemon started");
        w.Sample("appliance_uptime_seconds", "", s.At.NanosecondsSince(s.StartedAt) / 1e9);
        w.Family("appliance_gc_collections_total", "counter", "garbage collections by generation");
        for (int g = 0; g <= 2; g++) w.Sample("appliance_gc_collections_total", $"generation=\"{g}\"", GC.CollectionCount(g));
        w.Family("appliance_gc_allocated_bytes_total", "counter", "bytes allocated by the process");
        w.Sample("appliance_gc_allocated_bytes_total", "", GC.GetTotalAllocatedBytes(false));
        w.Family("appliance_metrics_scrapes_total", "counter", "requests served by this endpoint");
        w.Sample("appliance_metrics_scrapes_total", "", extra.Scrapes);
        if (extra.Subagent is { } a)
        {
            w.Family("appliance_snmp_registered", "gauge", "1 while the AgentX session is open and the VRRPv3 MIB registered");
            w.Sample("appliance_snmp_registered", "", a.IsRegistered ? 1 : 0);
            w.Family("appliance_snmp_session_resets_total", "counter", "AgentX sessions dropped (master gone, malformed PDU)");
            w.Sample("appliance_snmp_session_resets_total", "", a.SessionResets);
            w.Family("appliance_snmp_connect_failures_total", "counter", "failed connections to the AgentX master");
            w.Sample("appliance_snmp_connect_failures_total", "", a.ConnectFailures);
            w.Family("appliance_snmp_malformed_pdus_total", "counter", "malformed PDUs from the AgentX master");
            w.Sample("appliance_snmp_malformed_pdus_total", "", a.MalformedPdus);
            w.Family("appliance_snmp_requests_total", "counter", "Get/GetNext/GetBulk requests served");
            w.Sample("appliance_snmp_requests_total", "", a.RequestsServed);
            w.Family("appliance_snmp_notifications_total", "counter", "notifications sent to the master");
            w.Sample("appliance_snmp_notifications_total", "", a.NotificationsSent);
        }
        return w.ToString();
    }

    private static void Counter(Writer w, InstanceCounters[] inst, string name, string help, Func<InstanceCounters, long> value)
    {
        w.Family(name, "counter", help);
        foreach (var i in inst) w.Sample(name, Labels(i), value(i));
    }

    private static string Labels(InstanceCounters i) =>
        $"instance=\"{Escape(i.Name)}\",vrid=\"{i.Vrid}\",family=\"{Family(i.Family)}\",interface=\"{Escape(i.Interface)}\"";

    private static string LinkLabels(LinkCounters l) => $"interface=\"{Escape(l.Name)}\",family=\"{Family(l.Family)}\"";

    private static string Channel(HeartbeatCounters c) => $"channel=\"{Escape(c.Channel)}\"";

    private static string Family(IpFamily f) => f == IpFamily.IPv4 ? "ipv4" : "ipv6";

    /// <summary>Label value escaping of the text format: \ " and newline.</summary>
    public static string Escape(string v) => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new(16 * 1024);

        public void Family(string name, string type, string help) =>
            _sb.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
               .Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

        public void Sample(string name, string labels, double value)
        {
            _sb.Append(name);
            if (labels.Length > 0) _sb.Append('{').Append(labels).Append('}');
            _sb.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        public override string ToString() => _sb.ToString();
    }
}
