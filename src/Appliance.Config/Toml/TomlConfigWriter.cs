using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Appliance.Board;
using Appliance.Config.Binding;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;
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
        foreach (var p in config.TrackProcesses) WriteTrackProcess(w, p);
        WriteHeartbeat(w, config.Heartbeat);
        WriteBoard(w, config.Board);
        return w.ToString();
    }

    private static void WriteGlobal(Writer w, GlobalSettings g)
    {
        var def = new GlobalSettings();
        w.Header(K.GlobalDefs);
        w.Str(K.RouterId, g.RouterId);
        if (!g.NotificationEmails.IsEmpty) w.Strs(K.NotificationEmail, g.NotificationEmails);
        w.Str(K.NotificationEmailFrom, g.NotificationEmailFrom);
        w.Str(K.SmtpServer, g.SmtpServer);
        if (g.SmtpPort != def.SmtpPort) w.Int(K.SmtpPort, g.SmtpPort);
        if (g.SmtpConnectTimeoutSeconds != def.SmtpConnectTimeoutSeconds) w.Int(K.SmtpConnectTimeout, g.SmtpConnectTimeoutSeconds);
        w.Int(K.VrrpVersion, (int)g.DefaultVersion);
        if (g.V3Ipv4SendChecksum != def.V3Ipv4SendChecksum) w.Str(K.V3Ipv4Checksum, EnumNames.Of(g.V3Ipv4SendChecksum));
        if (g.MulticastGroup4 != def.MulticastGroup4) w.Str(K.McastGroup4, g.MulticastGroup4.ToString());
        if (g.MulticastGroup6 != def.MulticastGroup6) w.Str(K.McastGroup6, g.MulticastGroup6.ToString());
        if (g.ScriptSecurity) w.Bool(K.EnableScriptSecurity, true);
        w.Str(K.ScriptUser, g.ScriptUser);
        w.Str(K.ControlGroup, g.ControlGroup);
        w.Str(K.NotifyFifo, g.NotifyFifo);
        if (g.StartupDelay != def.StartupDelay) w.Seconds(K.StartupDelay, g.StartupDelay);
        if (g.LogLevel != def.LogLevel) w.Str(K.LogLevel, g.LogLevel);
        if (g.Garp != def.Garp)
        {
            w.Header(K.GlobalGarpTable);
            WriteGarp(w, g.Garp, new GarpSettings());
        }
        var ops = g.Operations;
        if (ops.SnmpEnabled || ops.SnmpTraps || ops.SnmpSocket != OperationsSettings.DefaultAgentXSocket)
        {
            w.Header(K.SnmpTable);
            w.Bool(K.EnableSnmpRfcV3, ops.SnmpEnabled);
            if (ops.SnmpSocket != OperationsSettings.DefaultAgentXSocket) w.Str(K.SnmpSocket, ops.SnmpSocket);
            if (ops.SnmpTraps) w.Bool(K.EnableTraps, true);
        }
        if (ops.MetricsListen is not null)
        {
            w.Header(K.MetricsTable);
            w.Str(K.MetricsListen, ops.MetricsListen);
        }
        if (g.FlightRecorderPath is not null)
        {
            w.Header(K.FlightRecorderTable);
            w.Str(K.FlightRecorderPath, g.FlightRecorderPath);
        }
        if (g.DumpDirectory is not null)
        {
            w.Header(K.DumpsTable);
            w.Str(K.DumpDirectory, g.DumpDirectory);
        }
    }

    private static void WriteGarp(Writer w, GarpSettings g, GarpSettings def)
    {
        if (g.MasterRepeat != def.MasterRepeat) w.Int(K.GarpMasterRepeat, g.MasterRepeat);
        if (g.MasterDelay != def.MasterDelay) w.Seconds(K.GarpMasterDelay, g.MasterDelay);
        if (g.MasterRefresh != def.MasterRefresh) w.Seconds(K.GarpMasterRefresh, g.MasterRefresh);
        if (g.MasterRefreshRepeat != def.MasterRefreshRepeat) w.Int(K.GarpMasterRefreshRepeat, g.MasterRefreshRepeat);
        if (g.Interval != def.Interval) w.Seconds(K.GarpInterval, g.Interval);
        if (g.NaInterval != def.NaInterval) w.Seconds(K.GnaInterval, g.NaInterval);
        if (g.LowerPriorityRepeat != def.LowerPriorityRepeat && g.LowerPriorityRepeat is int repeat) w.Int(K.GarpLowerPrioRepeat, repeat);
        if (g.LowerPriorityDelay != def.LowerPriorityDelay && g.LowerPriorityDelay is { } delay) w.Seconds(K.GarpLowerPrioDelay, delay);
    }

    private static void WriteInstance(Writer w, VrrpInstanceConfig i, GlobalSettings global)
    {
        var p = i.Protocol;
        w.ArrayHeader(K.VrrpInstance);
        w.Str(K.InstanceName, p.Name);
        w.Str(K.Interface, i.Interface);
        w.Int(K.Vrid, p.Vrid);
        w.Int(K.Priority, p.Priority);
        w.Int(K.Version, (int)p.Version);
        w.Seconds(K.AdvertInt, p.AdvertInterval);
        w.Str(K.State, p.StartAsMaster ? "master" : "backup");
        w.Bool(K.Preempt, p.Preempt);
        if (p.PreemptDelay.Value != 0) w.Seconds(K.PreemptDelay, p.PreemptDelay);
        if (p.PreemptAtOnce) w.Bool(K.PreemptAtOnce, true);
        if (!p.AcceptMode) w.Bool(K.Accept, false);
        if (p.AuthType == AuthType.SimpleText)
        {
            var bytes = p.AuthData.AsSpan();
            int len = bytes.Length;
            while (len > 0 && bytes[len - 1] == 0) len--;
            w.Str(K.AuthPass, Encoding.Latin1.GetString(bytes[..len]));
        }
        if (p.V3Ipv4SendChecksum != global.V3Ipv4SendChecksum) w.Str(K.InstanceV3Checksum, EnumNames.Of(p.V3Ipv4SendChecksum));
        if (p.DownTimerAdverts != K.DownTimerAdverts.DefaultInt) w.Int(K.DownTimerAdverts, p.DownTimerAdverts);
        if (!p.AdvertOnLowerPriority) w.Bool(K.LowerPrioNoAdvert, false);
        if (p.AdvertOnHigherPriority) w.Bool(K.HigherPrioSendAdvert, true);
        WriteAddresses(w, K.VirtualIpaddress, i.VirtualAddresses);
        if (!i.ExcludedAddresses.IsEmpty) WriteAddresses(w, K.VirtualIpaddressExcluded, i.ExcludedAddresses);
        if (!i.VirtualRoutes.IsEmpty) w.Strs(K.VirtualRoutes, i.VirtualRoutes);
        if (i.UnicastSource is { } src) w.Str(K.UnicastSrcIp, src.ToString());
        if (!i.UnicastPeers.IsEmpty) w.Strs(K.UnicastPeer, i.UnicastPeers.Select(a => a.ToString()));
        if (i.MulticastDestination is { } md) w.Str(K.McastDstIp, md.ToString());
        if (i.CheckUnicastSource) w.Bool(K.CheckUnicastSrc, true);
        if (i.UnicastTtl is int ttl) w.Int(K.UnicastTtl, ttl);
        if (i.UseVmac) w.Bool(K.UseVmac, true);
        w.Str(K.VmacInterface, i.VmacInterface);
        if (i.DontTrackPrimary) w.Bool(K.DontTrackPrimary, true);
        WriteTrackRefs(w, K.TrackInterface, i.TrackInterfaces);
        WriteTrackRefs(w, K.TrackScript, i.TrackScripts);
        WriteTrackRefs(w, K.TrackFileRef, i.TrackFiles);
        WriteTrackRefs(w, K.TrackProcessRef, i.TrackProcesses);
        if (i.SmtpAlert) w.Bool(K.SmtpAlert, true);
        if (i.Notify != new NotifyConfig())
        {
            w.Header(K.NotifyTable);
            WriteNotify(w, i.Notify);
        }
        if (i.Garp is { } garp)
        {
            w.Header(K.GarpTable);
            // Every field: an instance's garp table starts from the global one on read.
            WriteGarp(w, garp, global.Garp);
        }
    }

    private static void WriteAddresses(Writer w, Keyword key, ImmutableArray<VirtualAddress> list)
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

    private static void WriteTrackRefs(Writer w, Keyword key, ImmutableArray<TrackRef> refs)
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

    private static void WriteNotify(Writer w, NotifyConfig n, bool instance = true)
    {
        w.Str(instance ? K.Notify : K.SyncNotify, n.Notify);
        w.Str(instance ? K.NotifyMaster : K.SyncNotifyMaster, n.Master);
        w.Str(instance ? K.NotifyBackup : K.SyncNotifyBackup, n.Backup);
        w.Str(instance ? K.NotifyFault : K.SyncNotifyFault, n.Fault);
        w.Str(instance ? K.NotifyStop : K.SyncNotifyStop, n.Stop);
        w.Str(instance ? K.NotifyMasterRxLowerPri : K.SyncNotifyMasterRxLowerPri, n.MasterRxLowerPriority);
    }

    private static void WriteSyncGroup(Writer w, SyncGroupConfig g)
    {
        w.ArrayHeader(K.VrrpSyncGroup);
        w.Str(K.SyncGroupName, g.Name);
        w.Strs(K.SyncGroupMembers, g.Instances);
        if (g.SmtpAlert) w.Bool(K.SyncSmtpAlert, true);
        if (g.TrackingWeight) w.Bool(K.SyncTrackingWeight, true);
        if (g.Notify != new NotifyConfig())
        {
            w.Header(K.SyncNotifyTable);
            WriteNotify(w, g.Notify, instance: false);
        }
    }

    private static void WriteScript(Writer w, TrackScriptConfig s)
    {
        w.ArrayHeader(K.VrrpScript);
        w.Str(K.ScriptName, s.Name);
        w.Str(K.ScriptCommand, s.Script);
        w.Int(K.ScriptInterval, s.IntervalSeconds);
        if (s.TimeoutSeconds != K.ScriptTimeout.DefaultInt) w.Int(K.ScriptTimeout, s.TimeoutSeconds);
        w.Int(K.ScriptWeight, s.Weight);
        w.Int(K.ScriptRise, s.Rise);
        w.Int(K.ScriptFall, s.Fall);
        w.Str(K.ScriptUserOf, s.User);
        if (s.Reverse) w.Bool(K.ScriptReverse, true);
        if (s.InitFail) w.Bool(K.ScriptInitFail, true);
    }

    private static void WriteTrackFile(Writer w, TrackFileConfig f)
    {
        w.ArrayHeader(K.TrackFileBlock);
        w.Str(K.TrackFileName, f.Name);
        w.Str(K.TrackFilePath, f.File);
        w.Int(K.TrackFileWeight, f.Weight);
        if (f.InitFile is { } v) w.Int(K.TrackFileInit, v);
        if (f.InitFileOverwrite) w.Bool(K.TrackFileInitOverwrite, true);
    }

    private static void WriteTrackProcess(Writer w, TrackProcessConfig p)
    {
        w.ArrayHeader(K.TrackProcessBlock);
        w.Str(K.TrackProcessName, p.Name);
        w.Str(K.TrackProcessProcess, string.Join(' ', [p.Process, .. p.Parameters]));
        w.Str(K.TrackProcessParamMatch, p.ParamMatch);
        if (p.Weight != 0) w.Int(K.TrackProcessWeight, p.Weight);
        if (p.Reverse) w.Bool(K.TrackProcessReverse, true);
        if (p.Quorum != 1) w.Int(K.TrackProcessQuorum, p.Quorum);
        if (p.QuorumMax is { } max) w.Int(K.TrackProcessQuorumMax, max);
        if (p.ForkDelay.Value != 0) w.Seconds(K.TrackProcessForkDelay, p.ForkDelay);
        if (p.TerminateDelay.Value != 0) w.Seconds(K.TrackProcessTerminateDelay, p.TerminateDelay);
        if (p.FullCommand) w.Bool(K.TrackProcessFullCommand, true);
    }

    private static void WriteHeartbeat(Writer w, HeartbeatSettings h)
    {
        var def = new HeartbeatSettings();
        if (h.NodeId == def.NodeId && h.OnLanFault == def.OnLanFault && h.Channels.IsEmpty && h.Fence is null) return;
        w.Header(K.ApplianceHeartbeat);
        if (h.NodeId != 0) w.Int(K.NodeId, h.NodeId);
        w.Str(K.OnLanFault, EnumNames.Of(h.OnLanFault));
        foreach (var c in h.Channels)
        {
            var cd = new HeartbeatChannelSettings { Name = c.Name, Kind = c.Kind };
            w.ArrayHeader(K.Channel);
            w.Str(K.ChannelName, c.Name);
            w.Str(K.ChannelKind, EnumNames.Of(c.Kind));
            w.Str(K.ChannelInterface, c.Interface);
            if (c.LocalAddress is { } la) w.Str(K.ChannelLocalAddress, la.ToString());
            if (c.PeerAddress is { } pa) w.Str(K.ChannelPeerAddress, pa.ToString());
            if (c.Port != cd.Port) w.Int(K.ChannelPort, c.Port);
            w.Str(K.ChannelDevice, c.Device);
            if (c.Baud != cd.Baud) w.Int(K.ChannelBaud, c.Baud);
            if (c.RtsCts) w.Bool(K.ChannelRtsCts, true);
            w.Seconds(K.ChannelInterval, c.Interval);
            w.Seconds(K.ChannelDeadTime, c.DeadTime);
            if (!c.Key.IsEmpty) w.Str(K.ChannelKey, Convert.ToHexStringLower(c.Key.AsSpan()));
        }
        if (h.Fence is { } f)
        {
            w.Header(K.Fence);
            w.Str(K.FenceCommand, f.Command);
            w.Seconds(K.FenceAfter, f.After);
            w.Seconds(K.FenceMaxRandomDelay, f.MaxRandomDelay);
        }
    }

    private static void WriteBoard(Writer w, BoardSettings b)
    {
        if (b.Profile is not null || b.ProfileDirectory is not null)
        {
            w.Header(K.ApplianceBoard);
            w.Str(K.BoardProfile, b.Profile);
            w.Str(K.BoardProfileDirectory, b.ProfileDirectory);
        }
        var leds = new LedSettings();
        if (b.Leds.Backend != leds.Backend || b.Leds.AlertHold != leds.AlertHold)
        {
            w.Header(K.BoardLeds);
            w.Str(K.LedsBackend, EnumNames.Of(b.Leds.Backend));
            if (b.Leds.AlertHold != leds.AlertHold) w.Seconds(K.LedsAlertHold, b.Leds.AlertHold);
        }
        if (b.Watchdog != new WatchdogSettings())
        {
            w.Header(K.BoardWatchdog);
            w.Str(K.WatchdogKind, EnumNames.Of(b.Watchdog.Kind));
            w.Str(K.WatchdogDevice, b.Watchdog.Device);
            if (b.Watchdog.TimeoutSeconds != K.WatchdogTimeout.DefaultInt) w.Int(K.WatchdogTimeout, b.Watchdog.TimeoutSeconds);
            if (b.Watchdog.PetInterval.Value != 0) w.Seconds(K.WatchdogPetInterval, b.Watchdog.PetInterval);
            if (b.Watchdog.MaxLoopLateness.Value != 0) w.Seconds(K.WatchdogMaxLoopLateness, b.Watchdog.MaxLoopLateness);
            if (!b.Watchdog.DisarmOnCleanStop) w.Bool(K.WatchdogDisarm, false);
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

        public void Header(Keyword k) => Header(k.Toml!);

        public void ArrayHeader(Keyword k) => ArrayHeader(k.Toml!);

        public void Str(Keyword k, string? value) => Str(k.TomlKey!, value);

        public void Int(Keyword k, long value) => Int(k.TomlKey!, value);

        public void Bool(Keyword k, bool value) => Bool(k.TomlKey!, value);

        public void Seconds(Keyword k, Centiseconds value) => Seconds(k.TomlKey!, value);

        public void Strs(Keyword k, IEnumerable<string> values) => Strs(k.TomlKey!, values);

        public void RawArray(Keyword k, List<string> items) => RawArray(k.TomlKey!, items);

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
