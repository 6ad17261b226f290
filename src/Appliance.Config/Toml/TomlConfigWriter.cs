using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Appliance.Board;
using Appliance.Config.Binding;
using Appliance.Config.Model;
using Appliance.Heartbeat;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Config.Toml;

/// <summary>
/// Writes a model as TOML in our schema (the <c>convert</c> verb). Settings equal to their default are
/// left out, except the ones that define an instance, so the output reads like a hand-written file;
/// reading it back gives an equal model.
/// </summary>
public static class TomlConfigWriter
{
    /// <summary>The TOML text for <paramref name="config"/>.</summary>
    public static string Write(ApplianceConfig config)
    {
        var w = new Writer();
        w.Comment("appliance configuration (TOML); schema: docs/configuration.md");
        WriteGlobal(w, config.Global);
        foreach (var i in config.Instances) WriteInstance(w, i, config.Global);
        foreach (var g in config.SyncGroups) WriteSyncGroup(w, g);
        foreach (var s in config.Scripts) WriteScript(w, s);
        foreach (var f in config.TrackFiles) WriteTrackFile(w, f);
        WriteHeartbeat(w, config.Heartbeat);
        WriteBoard(w, config.Board);
        return w.ToString();
    }

    private static void WriteGlobal(Writer w, GlobalSettings g)
    {
        var def = new GlobalSettings();
        w.Header("global");
        w.Str("router_id", g.RouterId);
        if (!g.NotificationEmails.IsEmpty) w.Strs("notification_email", g.NotificationEmails);
        w.Str("notification_email_from", g.NotificationEmailFrom);
        w.Str("smtp_server", g.SmtpServer);
        if (g.SmtpPort != def.SmtpPort) w.Int("smtp_port", g.SmtpPort);
        if (g.SmtpConnectTimeoutSeconds != def.SmtpConnectTimeoutSeconds) w.Int("smtp_connect_timeout", g.SmtpConnectTimeoutSeconds);
        w.Int("vrrp_version", (int)g.DefaultVersion);
        if (g.V3Ipv4SendChecksum != def.V3Ipv4SendChecksum) w.Str("v3_ipv4_checksum", EnumNames.Of(g.V3Ipv4SendChecksum));
        if (g.MulticastGroup4 != def.MulticastGroup4) w.Str("mcast_group4", g.MulticastGroup4.ToString());
        if (g.MulticastGroup6 != def.MulticastGroup6) w.Str("mcast_group6", g.MulticastGroup6.ToString());
        if (g.ScriptSecurity) w.Bool("enable_script_security", true);
        w.Str("script_user", g.ScriptUser);
        w.Str("notify_fifo", g.NotifyFifo);
        if (g.StartupDelay != def.StartupDelay) w.Seconds("startup_delay", g.StartupDelay);
        if (g.Garp != def.Garp)
        {
            w.Header("global.garp");
            WriteGarp(w, g.Garp, new GarpSettings());
        }
    }

    private static void WriteGarp(Writer w, GarpSettings g, GarpSettings def)
    {
        if (g.MasterRepeat != def.MasterRepeat) w.Int("master_repeat", g.MasterRepeat);
        if (g.MasterDelay != def.MasterDelay) w.Seconds("master_delay", g.MasterDelay);
        if (g.MasterRefresh != def.MasterRefresh) w.Seconds("master_refresh", g.MasterRefresh);
        if (g.MasterRefreshRepeat != def.MasterRefreshRepeat) w.Int("master_refresh_repeat", g.MasterRefreshRepeat);
        if (g.Interval != def.Interval) w.Seconds("interval", g.Interval);
        if (g.NaInterval != def.NaInterval) w.Seconds("na_interval", g.NaInterval);
        if (g.LowerPriorityRepeat != def.LowerPriorityRepeat) w.Int("lower_prio_repeat", g.LowerPriorityRepeat);
    }

    private static void WriteInstance(Writer w, VrrpInstanceConfig i, GlobalSettings global)
    {
        var p = i.Protocol;
        w.ArrayHeader("instance");
        w.Str("name", p.Name);
        w.Str("interface", i.Interface);
        w.Int("vrid", p.Vrid);
        w.Int("priority", p.Priority);
        w.Int("version", (int)p.Version);
        w.Seconds("advert_int", p.AdvertInterval);
        w.Str("state", p.StartAsMaster ? "master" : "backup");
        w.Bool("preempt", p.Preempt);
        if (p.PreemptDelay.Value != 0) w.Seconds("preempt_delay", p.PreemptDelay);
        if (p.PreemptAtOnce) w.Bool("preempt_at_once", true);
        w.Bool("accept", p.AcceptMode);
        if (p.AuthType == AuthType.SimpleText)
        {
            var bytes = p.AuthData.AsSpan();
            int len = bytes.Length;
            while (len > 0 && bytes[len - 1] == 0) len--;
            w.Str("auth_pass", Encoding.Latin1.GetString(bytes[..len]));
        }
        if (p.V3Ipv4SendChecksum != global.V3Ipv4SendChecksum) w.Str("v3_ipv4_checksum", EnumNames.Of(p.V3Ipv4SendChecksum));
        if (p.DownTimerAdverts != 3) w.Int("down_timer_adverts", p.DownTimerAdverts);
        if (!p.AdvertOnLowerPriority) w.Bool("advert_on_lower_priority", false);
        WriteAddresses(w, "virtual_addresses", i.VirtualAddresses);
        if (!i.ExcludedAddresses.IsEmpty) WriteAddresses(w, "excluded_addresses", i.ExcludedAddresses);
        if (!i.VirtualRoutes.IsEmpty) w.Strs("virtual_routes", i.VirtualRoutes);
        if (i.UnicastSource is { } src) w.Str("unicast_source", src.ToString());
        if (!i.UnicastPeers.IsEmpty) w.Strs("unicast_peers", i.UnicastPeers.Select(a => a.ToString()));
        if (i.MulticastDestination is { } md) w.Str("mcast_dst_ip", md.ToString());
        if (i.CheckUnicastSource) w.Bool("check_unicast_src", true);
        if (i.UseVmac) w.Bool("use_vmac", true);
        w.Str("vmac_interface", i.VmacInterface);
        if (i.DontTrackPrimary) w.Bool("dont_track_primary", true);
        WriteTrackRefs(w, "track_interfaces", i.TrackInterfaces);
        WriteTrackRefs(w, "track_scripts", i.TrackScripts);
        WriteTrackRefs(w, "track_files", i.TrackFiles);
        if (i.SmtpAlert) w.Bool("smtp_alert", true);
        if (i.Notify != new NotifyConfig())
        {
            w.Header("instance.notify");
            WriteNotify(w, i.Notify);
        }
        if (i.Garp is { } garp)
        {
            w.Header("instance.garp");
            // Every field: an instance's garp table starts from the global one on read.
            WriteGarp(w, garp, global.Garp);
        }
    }

    private static void WriteAddresses(Writer w, string key, ImmutableArray<VirtualAddress> list)
    {
        var items = new List<string>(list.Length);
        foreach (var v in list)
        {
            string prefix = Quote(v.Prefix.ToString());
            if (v.Device is null && v.Label is null && v.Scope is null && v.Broadcast is null && !v.NoTrack)
            {
                items.Add(prefix);
                continue;
            }
            var sb = new StringBuilder("{ address = ").Append(prefix);
            if (v.Device is not null) sb.Append(", dev = ").Append(Quote(v.Device));
            if (v.Label is not null) sb.Append(", label = ").Append(Quote(v.Label));
            if (v.Scope is not null) sb.Append(", scope = ").Append(Quote(v.Scope));
            if (v.Broadcast is { } b) sb.Append(", broadcast = ").Append(Quote(b.ToString()));
            if (v.NoTrack) sb.Append(", no_track = true");
            items.Add(sb.Append(" }").ToString());
        }
        w.RawArray(key, items);
    }

    private static void WriteTrackRefs(Writer w, string key, ImmutableArray<TrackRef> refs)
    {
        if (refs.IsEmpty) return;
        var items = new List<string>(refs.Length);
        foreach (var r in refs)
        {
            var sb = new StringBuilder("{ name = ").Append(Quote(r.Name)).Append(", weight = ").Append(r.Weight.ToString(CultureInfo.InvariantCulture));
            if (r.Reverse) sb.Append(", reverse = true");
            items.Add(sb.Append(" }").ToString());
        }
        w.RawArray(key, items);
    }

    private static void WriteNotify(Writer w, NotifyConfig n)
    {
        w.Str("notify", n.Notify);
        w.Str("master", n.Master);
        w.Str("backup", n.Backup);
        w.Str("fault", n.Fault);
        w.Str("stop", n.Stop);
        w.Str("master_rx_lower_pri", n.MasterRxLowerPriority);
    }

    private static void WriteSyncGroup(Writer w, SyncGroupConfig g)
    {
        w.ArrayHeader("sync_group");
        w.Str("name", g.Name);
        w.Strs("instances", g.Instances);
        if (g.SmtpAlert) w.Bool("smtp_alert", true);
        if (g.TrackingWeight) w.Bool("tracking_weight", true);
        if (g.Notify != new NotifyConfig())
        {
            w.Header("sync_group.notify");
            WriteNotify(w, g.Notify);
        }
    }

    private static void WriteScript(Writer w, TrackScriptConfig s)
    {
        w.ArrayHeader("script");
        w.Str("name", s.Name);
        w.Str("script", s.Script);
        w.Int("interval", s.IntervalSeconds);
        if (s.TimeoutSeconds != 0) w.Int("timeout", s.TimeoutSeconds);
        w.Int("weight", s.Weight);
        w.Int("rise", s.Rise);
        w.Int("fall", s.Fall);
        w.Str("user", s.User);
        if (s.Reverse) w.Bool("reverse", true);
        if (s.InitFail) w.Bool("init_fail", true);
    }

    private static void WriteTrackFile(Writer w, TrackFileConfig f)
    {
        w.ArrayHeader("track_file");
        w.Str("name", f.Name);
        w.Str("file", f.File);
        w.Int("weight", f.Weight);
        if (f.InitFile is { } v) w.Int("init_file", v);
        if (f.InitFileOverwrite) w.Bool("init_file_overwrite", true);
    }

    private static void WriteHeartbeat(Writer w, HeartbeatSettings h)
    {
        var def = new HeartbeatSettings();
        if (h.NodeId == def.NodeId && h.OnLanFault == def.OnLanFault && h.Channels.IsEmpty && h.Fence is null) return;
        w.Header("heartbeat");
        if (h.NodeId != 0) w.Int("node_id", h.NodeId);
        w.Str("on_lan_fault", EnumNames.Of(h.OnLanFault));
        foreach (var c in h.Channels)
        {
            var cd = new HeartbeatChannelSettings { Name = c.Name, Kind = c.Kind };
            w.ArrayHeader("heartbeat.channel");
            w.Str("name", c.Name);
            w.Str("kind", EnumNames.Of(c.Kind));
            w.Str("interface", c.Interface);
            if (c.LocalAddress is { } la) w.Str("local_address", la.ToString());
            if (c.PeerAddress is { } pa) w.Str("peer_address", pa.ToString());
            if (c.Port != cd.Port) w.Int("port", c.Port);
            w.Str("device", c.Device);
            if (c.Baud != cd.Baud) w.Int("baud", c.Baud);
            if (c.RtsCts) w.Bool("rtscts", true);
            w.Seconds("interval", c.Interval);
            w.Seconds("dead_time", c.DeadTime);
            if (!c.Key.IsEmpty) w.Str("key", Convert.ToHexStringLower(c.Key.AsSpan()));
        }
        if (h.Fence is { } f)
        {
            w.Header("heartbeat.fence");
            w.Str("command", f.Command);
            w.Seconds("after", f.After);
            w.Seconds("max_random_delay", f.MaxRandomDelay);
        }
    }

    private static void WriteBoard(Writer w, BoardSettings b)
    {
        if (b.Profile is not null || b.ProfileDirectory is not null)
        {
            w.Header("board");
            w.Str("profile", b.Profile);
            w.Str("profile_directory", b.ProfileDirectory);
        }
        var leds = new LedSettings();
        if (b.Leds.Backend != leds.Backend || b.Leds.AlertHold != leds.AlertHold)
        {
            w.Header("leds");
            w.Str("backend", EnumNames.Of(b.Leds.Backend));
            if (b.Leds.AlertHold != leds.AlertHold) w.Seconds("alert_hold", b.Leds.AlertHold);
        }
        if (b.Watchdog != new WatchdogSettings())
        {
            w.Header("watchdog");
            w.Str("kind", EnumNames.Of(b.Watchdog.Kind));
            w.Str("device", b.Watchdog.Device);
            if (b.Watchdog.TimeoutSeconds != 0) w.Int("timeout", b.Watchdog.TimeoutSeconds);
            if (b.Watchdog.PetInterval.Value != 0) w.Seconds("pet_interval", b.Watchdog.PetInterval);
            if (b.Watchdog.MaxLoopLateness.Value != 0) w.Seconds("max_loop_lateness", b.Watchdog.MaxLoopLateness);
            if (!b.Watchdog.DisarmOnCleanStop) w.Bool("disarm_on_clean_stop", false);
        }
    }

    /// <summary>A TOML basic string, escaped per TOML 1.1 §String.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public void Comment(string text) => _sb.Append("# ").Append(text).Append('\n');

        public void Header(string name) => _sb.Append('\n').Append('[').Append(name).Append("]\n");

        public void ArrayHeader(string name) => _sb.Append('\n').Append("[[").Append(name).Append("]]\n");

        public void Str(string key, string? value)
        {
            if (value is not null) _sb.Append(key).Append(" = ").Append(Quote(value)).Append('\n');
        }

        public void Int(string key, long value) =>
            _sb.Append(key).Append(" = ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

        public void Bool(string key, bool value) => _sb.Append(key).Append(" = ").Append(value ? "true" : "false").Append('\n');

        /// <summary>Centiseconds as seconds: <c>1</c>, <c>0.5</c>, <c>0.01</c> (exact in decimal).</summary>
        public void Seconds(string key, Centiseconds value)
        {
            int v = value.Value;
            string text = v % 100 == 0
                ? (v / 100).ToString(CultureInfo.InvariantCulture)
                : (v / 100m).ToString("0.0#", CultureInfo.InvariantCulture);
            _sb.Append(key).Append(" = ").Append(text).Append('\n');
        }

        public void Strs(string key, IEnumerable<string> values)
        {
            var items = new List<string>();
            foreach (string v in values) items.Add(Quote(v));
            RawArray(key, items);
        }

        public void RawArray(string key, List<string> items)
        {
            int width = key.Length + 4;
            foreach (string i in items) width += i.Length + 2;
            if (width <= 100)
            {
                _sb.Append(key).Append(" = [").Append(string.Join(", ", items)).Append("]\n");
                return;
            }
            _sb.Append(key).Append(" = [\n");
            foreach (string i in items) _sb.Append("    ").Append(i).Append(",\n");
            _sb.Append("]\n");
        }

        public override string ToString() => _sb.ToString();
    }
}
