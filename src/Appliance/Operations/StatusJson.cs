using System.Buffers;
using System.Text.Json;
using Appliance.Vrrp;
using Appliance.Vrrp.Wire;

namespace Appliance.Operations;

/// <summary>
/// <c>appliance status --json</c>: everything the daemon knows, written with Utf8JsonWriter (no
/// reflection, trim- and AOT-safe). Field names are snake_case and stable; RFC 6527 counters keep
/// the MIB's names so a reader can map them one to one.
/// </summary>
internal static class StatusJson
{
    public static byte[] Write(Daemon.Daemon d, ControlServer? control, MonoTime now)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("version", Cli.CommandLine.VersionNumber());
            w.WriteNumber("protocol", ControlProtocol.Version);
            w.WriteNumber("pid", Environment.ProcessId);
            w.WriteNumber("uptime_ms", now.NanosecondsSince(d.StartedAt) / 1_000_000);
            w.WriteBoolean("maintenance", d.Maintenance);
            w.WriteBoolean("instances_started", d.InstancesStarted);
            WriteGc(w);
            WriteLoop(w, d);
            if (control is not null) WriteControl(w, control);
            WriteRouter(w, d);
            w.WriteStartArray("instances");
            foreach (var src in d.HostSources) WriteInstance(w, d, src, now);
            foreach (var c in d.Pending)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Protocol.Name);
                w.WriteNumber("vrid", c.Protocol.Vrid);
                w.WriteString("interface", c.Interface);
                w.WriteString("state", "FAULT");
                w.WriteString("waiting_for_interface", c.Interface);
                w.WriteNumber("base_priority", c.Protocol.Priority);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteLinks(w, d);
            WriteScripts(w, d);
            if (d.Heartbeat is { } hb) WriteHeartbeat(w, hb);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteGc(Utf8JsonWriter w)
    {
        w.WriteStartObject("gc");
        w.WriteNumber("gen0", GC.CollectionCount(0));
        w.WriteNumber("gen1", GC.CollectionCount(1));
        w.WriteNumber("gen2", GC.CollectionCount(2));
        w.WriteNumber("allocated_bytes", GC.GetTotalAllocatedBytes(false));
        w.WriteEndObject();
    }

    private static void WriteLoop(Utf8JsonWriter w, Daemon.Daemon d)
    {
        w.WriteStartObject("loop");
        w.WriteNumber("turns", d.LoopTurns);
        w.WriteNumber("sources", d.Loop.SourceCount);
        w.WriteNumber("reloads_applied", d.Reloader.Applied);
        w.WriteNumber("reloads_refused", d.Reloader.Refused);
        w.WriteNumber("droplog_slots", d.DropLog.SlotsInUse);
        w.WriteEndObject();
    }

    private static void WriteControl(Utf8JsonWriter w, ControlServer c)
    {
        w.WriteStartObject("control");
        w.WriteString("socket", c.Endpoint.ToString());
        w.WriteNumber("accepted", c.Accepted);
        w.WriteNumber("refused", c.Refused);
        w.WriteNumber("busy", c.Busy);
        w.WriteNumber("served", c.Served);
        w.WriteNumber("malformed", c.Malformed);
        w.WriteNumber("timed_out", c.TimedOut);
        w.WriteNumber("answers_dropped", c.AnswersDropped);
        w.WriteNumber("open", c.OpenConnections);
        w.WriteEndObject();
    }

    private static void WriteRouter(Utf8JsonWriter w, Daemon.Daemon d)
    {
        Rfc6527Router.Fill(d.Links, d.Hosts, out var r);
        w.WriteStartObject("router");
        w.WriteNumber("vrrpv3RouterChecksumErrors", r.ChecksumErrors);
        w.WriteNumber("vrrpv3RouterVersionErrors", r.VersionErrors);
        w.WriteNumber("vrrpv3RouterVrIdErrors", r.VrIdErrors);
        w.WriteEndObject();
    }

    private static void WriteInstance(Utf8JsonWriter w, Daemon.Daemon d, Daemon.Loop.InstanceHostSource src, MonoTime now)
    {
        var h = src.Host;
        var i = h.Instance;
        var s = i.Settings;
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteNumber("vrid", s.Vrid);
        w.WriteString("family", s.Family == IpFamily.IPv4 ? "IPv4" : "IPv6");
        w.WriteNumber("version", s.Version == VrrpVersion.V3 ? 3 : 2);
        w.WriteString("interface", h.Link.Name);
        w.WriteString("state", StateNames.Of(i.State));
        w.WriteNumber("base_priority", s.Priority);
        w.WriteNumber("effective_priority", i.EffectivePriority);
        w.WriteString("master_address", StatusReport.MasterAddress(h));
        w.WriteString("primary_address", i.PrimaryAddress.ToString());
        w.WriteNumber("advert_interval_ms", s.AdvertInterval.Milliseconds);
        w.WriteNumber("master_adver_interval_ms", i.MasterAdverInterval.Milliseconds);
        w.WriteBoolean("maintenance", i.InMaintenance);
        var t = h.LastTransition;
        w.WriteNumber("time_in_state_ms", (t.Happened ? now.NanosecondsSince(t.At) : now.NanosecondsSince(d.StartedAt)) / 1_000_000);
        if (t.Happened)
        {
            w.WriteStartObject("last_transition");
            w.WriteString("from", StateNames.Of(t.From));
            w.WriteString("to", StateNames.Of(t.To));
            w.WriteString("reason", t.Reason.ToString());
            w.WriteNumber("ago_ms", now.NanosecondsSince(t.At) / 1_000_000);
            w.WriteEndObject();
        }
        else w.WriteNull("last_transition");

        w.WriteStartObject("counters");
        w.WriteNumber("adverts_sent", i.AdvertsSent);
        w.WriteNumber("adverts_accepted", i.AdvertsAccepted);
        w.WriteNumber("became_master", i.BecameMaster);
        w.WriteNumber("priority_zero_received", i.PriorityZeroReceived);
        w.WriteNumber("priority_zero_sent", i.PriorityZeroSent);
        w.WriteNumber("send_errors", h.SendErrors);
        w.WriteNumber("vip_errors", h.VipErrors);
        w.WriteNumber("vips_missing", h.VipsMissing);
        w.WriteNumber("unknown_peer_drops", i.DropCounts[(int)Appliance.Vrrp.Wire.DropReason.UnknownPeer]);
        w.WriteNumber("announce_frames", h.Announcer.FramesSent);
        w.WriteNumber("late_deadlines", src.LateDeadlines);
        w.WriteEndObject();
        WriteDrops(w, "drops", i.DropCounts);

        Rfc6527Row.Fill(h, src.AdoptedAt, d.StartedAt, out var r);
        w.WriteStartObject("rfc6527");
        w.WriteNumber("vrrpv3StatisticsMasterTransitions", r.MasterTransitions);
        w.WriteNumber("vrrpv3StatisticsNewMasterReason", (int)r.NewMasterReason);
        w.WriteNumber("vrrpv3StatisticsRcvdAdvertisements", r.RcvdAdvertisements);
        w.WriteNumber("vrrpv3StatisticsAdvIntervalErrors", r.AdvIntervalErrors);
        w.WriteNumber("vrrpv3StatisticsIpTtlErrors", r.IpTtlErrors);
        w.WriteNumber("vrrpv3StatisticsProtoErrReason", (int)r.ProtoErrReason);
        w.WriteNumber("vrrpv3StatisticsRcvdPriZeroPackets", r.RcvdPriZeroPackets);
        w.WriteNumber("vrrpv3StatisticsSentPriZeroPackets", r.SentPriZeroPackets);
        w.WriteNumber("vrrpv3StatisticsRcvdInvalidTypePackets", r.RcvdInvalidTypePackets);
        w.WriteNumber("vrrpv3StatisticsAddressListErrors", r.AddressListErrors);
        w.WriteNumber("vrrpv3StatisticsPacketLengthErrors", r.PacketLengthErrors);
        w.WriteNumber("vrrpv3StatisticsRowDiscontinuityTime", r.RowDiscontinuityTimeMs);
        w.WriteNumber("vrrpv3StatisticsRefreshRate", r.RefreshRateMs);
        w.WriteEndObject();

        w.WriteStartArray("trackers");
        if (d.Tracking.Find(h) is { } tracked)
        {
            var m = tracked.Model;
            for (int k = 0; k < m.Trackers.Length; k++)
            {
                var spec = m.Trackers[k];
                w.WriteStartObject();
                w.WriteString("name", spec.Name);
                w.WriteString("kind", spec.Kind.ToString());
                w.WriteString("status", m.StatusOf(k).ToString());
                w.WriteNumber("weight", spec.Weight);
                w.WriteNumber("contribution", m.ContributionOf(k));
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDrops(Utf8JsonWriter w, string name, ReadOnlySpan<long> drops)
    {
        w.WriteStartObject(name);
        for (int r = 1; r < drops.Length; r++)
            if (drops[r] != 0) w.WriteNumber(StateNames.Of((DropReason)r), drops[r]);
        w.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter w, Daemon.Daemon d)
    {
        w.WriteStartArray("links");
        foreach (var l in d.Links)
        {
            w.WriteStartObject();
            w.WriteString("interface", l.Name);
            w.WriteString("family", l.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6");
            w.WriteNumber("received", l.Received);
            w.WriteNumber("receive_errors", l.ReceiveErrors);
            w.WriteNumber("budget_exhausted", l.BudgetExhausted);
            WriteDrops(w, "drops", l.Drops);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteScripts(Utf8JsonWriter w, Daemon.Daemon d)
    {
        w.WriteStartArray("scripts");
        foreach (var sc in d.Tracking.Scripts)
        {
            w.WriteStartObject();
            w.WriteString("name", sc.Name);
            w.WriteString("status", sc.Counter.Status.ToString());
            w.WriteNumber("result", sc.Counter.Result);
            w.WriteNumber("runs", sc.Counter.Runs);
            w.WriteNumber("failures", sc.Counter.Failures);
            w.WriteNumber("timed_out", sc.TimedOut);
            w.WriteNumber("skipped", sc.Skipped);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteHeartbeat(Utf8JsonWriter w, HeartbeatService hb)
    {
        w.WriteStartObject("heartbeat");
        w.WriteNumber("node_id", hb.NodeId);
        w.WriteStartArray("channels");
        foreach (var c in hb.Channels)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteBoolean("open", c.Transport.IsOpen);
            w.WriteNumber("sent", c.FramesSent);
            w.WriteNumber("received", c.FramesReceived);
            w.WriteNumber("send_failures", c.SendFailures);
            w.WriteNumber("reopens", c.Reopens);
            w.WriteNumber("drops", c.Drops.Total);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var a = hb.Arbiter;
        w.WriteStartArray("instances");
        for (int i = 0; i < a.Instances.Length; i++)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Instances[i].Name);
            w.WriteBoolean("inhibited", a.IsInhibited(i));
            w.WriteBoolean("lan_fault", a.IsLanFault(i));
            w.WriteBoolean("split", a.IsSplit(i));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
