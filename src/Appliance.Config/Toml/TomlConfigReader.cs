using System.Collections.Immutable;
using System.Text;
using Appliance.Board;
using Appliance.Config.Binding;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;
using Appliance.Heartbeat;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Toml;

/// <summary>
/// Binds our TOML schema (docs/configuration.md) to the model. The defaults are the model's own and,
/// where keepalived differs from the RFC (accept mode, version), keepalived's, so a file converted from
/// keepalived.conf and a hand-written one mean the same thing.
/// </summary>
internal static class TomlConfigReader
{
    public static ApplianceConfig? Read(string text, string fileName, DiagnosticBag diagnostics)
    {
        var root = TomlDocumentBuilder.Build(text, fileName, diagnostics);
        if (root is null) return null;
        var r = new TomlTableReader(root, "", diagnostics);

        var globalTable = r.Table(K.GlobalDefs);
        var global = globalTable is null ? new GlobalSettings() : ReadGlobal(globalTable);
        bool strict = globalTable?.Bool(K.VrrpStrict, false) ?? false;
        globalTable?.Finish();

        var instances = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        foreach (var t in r.Tables(K.VrrpInstance))
            if (ReadInstance(t, global, !strict) is { } i) instances.Add(i);

        var groups = ImmutableArray.CreateBuilder<SyncGroupConfig>();
        foreach (var t in r.Tables(K.VrrpSyncGroup))
            if (ReadSyncGroup(t) is { } g) groups.Add(g);

        var scripts = ImmutableArray.CreateBuilder<TrackScriptConfig>();
        foreach (var t in r.Tables(K.VrrpScript))
            if (ReadScript(t) is { } s) scripts.Add(s);

        var files = ImmutableArray.CreateBuilder<TrackFileConfig>();
        foreach (var t in r.Tables(K.TrackFileBlock))
            if (ReadTrackFile(t) is { } f) files.Add(f);

        var processes = ImmutableArray.CreateBuilder<TrackProcessConfig>();
        foreach (var t in r.Tables(K.TrackProcessBlock))
            if (ReadTrackProcess(t) is { } p) processes.Add(p);

        var hbTable = r.Table(K.ApplianceHeartbeat);
        var heartbeat = hbTable is null ? new HeartbeatSettings() : ReadHeartbeat(hbTable);
        var board = ReadBoard(r);
        r.Finish();

        var model = new ApplianceConfig
        {
            Global = global,
            Instances = instances.ToImmutable(),
            SyncGroups = groups.ToImmutable(),
            Scripts = scripts.ToImmutable(),
            TrackFiles = files.ToImmutable(),
            TrackProcesses = processes.ToImmutable(),
            Heartbeat = heartbeat,
            Board = board,
            HeartbeatLocation = hbTable?.Location ?? default,
            BoardLocation = r.LocationOf("board"),
        };
        return TrackWeights.Resolve(model);
    }

    private static GlobalSettings ReadGlobal(TomlTableReader t)
    {
        var g = new GlobalSettings();
        g = g with
        {
            RouterId = t.String(K.RouterId),
            NotificationEmails = t.Strings(K.NotificationEmail),
            NotificationEmailFrom = t.String(K.NotificationEmailFrom),
            SmtpServer = t.String(K.SmtpServer),
            SmtpPort = (int)t.Int(K.SmtpPort),
            SmtpConnectTimeoutSeconds = (int)t.Int(K.SmtpConnectTimeout),
            DefaultVersion = t.Int(K.VrrpVersion) == 3 ? VrrpVersion.V3 : VrrpVersion.V2,
            V3Ipv4SendChecksum = Checksum(t, K.V3Ipv4Checksum, g.V3Ipv4SendChecksum),
            MulticastGroup4 = t.Address(K.McastGroup4) ?? g.MulticastGroup4,
            MulticastGroup6 = t.Address(K.McastGroup6) ?? g.MulticastGroup6,
            ScriptSecurity = t.Bool(K.EnableScriptSecurity, false),
            ScriptUser = t.String(K.ScriptUser),
            ControlGroup = t.String(K.ControlGroup),
            NotifyFifo = t.String(K.NotifyFifo),
            StartupDelay = t.Seconds(K.StartupDelay),
            LogLevel = LogLevel(t),
        };
        if (t.Table(K.GlobalGarpTable) is { } garp) g = g with { Garp = ReadGarp(garp, new GarpSettings(), global: true) };
        var ops = new OperationsSettings();
        if (t.Table(K.SnmpTable) is { } snmp)
            ops = ops with { SnmpEnabled = snmp.Bool(K.EnableSnmpRfcV3, false), SnmpSocket = snmp.String(K.SnmpSocket) ?? ops.SnmpSocket, SnmpTraps = snmp.Bool(K.EnableTraps, false) };
        if (t.Table(K.MetricsTable) is { } metrics) ops = ops with { MetricsListen = metrics.String(K.MetricsListen) };
        if (t.Table(K.FlightRecorderTable) is { } recorder) g = g with { FlightRecorderPath = recorder.String(K.FlightRecorderPath) };
        if (t.Table(K.DumpsTable) is { } dumps) g = g with { DumpDirectory = dumps.String(K.DumpDirectory) };
        return g with { Operations = ops };
    }

    private static string LogLevel(TomlTableReader t)
    {
        string? s = t.String(K.LogLevel);
        if (s is null) return "info";
        if (K.LogLevel.Allowed.Contains(s)) return s;
        t.Diagnostics.Error(t.LocationOf(K.LogLevel.TomlKey!), DiagnosticCodes.InvalidValue, $"'{K.LogLevel.Toml}' = '{s}' is not one of debug, info, warning, error");
        return "info";
    }

    private static ChecksumForm Checksum(TomlTableReader t, Keyword key, ChecksumForm fallback)
    {
        string? s = t.String(key);
        if (s is null) return fallback;
        if (EnumNames.TryChecksum(s, out var v)) return v;
        t.Diagnostics.Error(t.LocationOf(key.TomlKey!), DiagnosticCodes.InvalidValue, $"'{key.TomlKey}' = '{s}' is not one of {EnumNames.ChecksumList}");
        return fallback;
    }

    private static GarpSettings ReadGarp(TomlTableReader t, GarpSettings b, bool global)
    {
        var g = b with
        {
            MasterRepeat = (int)t.Int(global ? K.GlobalGarpMasterRepeat : K.GarpMasterRepeat, b.MasterRepeat),
            MasterDelay = t.Seconds(global ? K.GlobalGarpMasterDelay : K.GarpMasterDelay, b.MasterDelay),
            MasterRefresh = t.Seconds(global ? K.GlobalGarpMasterRefresh : K.GarpMasterRefresh, b.MasterRefresh),
            MasterRefreshRepeat = (int)t.Int(global ? K.GlobalGarpMasterRefreshRepeat : K.GarpMasterRefreshRepeat, b.MasterRefreshRepeat),
            Interval = t.Seconds(global ? K.GlobalGarpInterval : K.GarpInterval, b.Interval),
            NaInterval = t.Seconds(global ? K.GlobalGnaInterval : K.GnaInterval, b.NaInterval),
            LowerPriorityRepeat = t.Has(global ? K.GlobalGarpLowerPrioRepeat : K.GarpLowerPrioRepeat) ? (int)t.Int(global ? K.GlobalGarpLowerPrioRepeat : K.GarpLowerPrioRepeat, 0) : b.LowerPriorityRepeat,
            LowerPriorityDelay = t.Has(global ? K.GlobalGarpLowerPrioDelay : K.GarpLowerPrioDelay) ? t.Seconds(global ? K.GlobalGarpLowerPrioDelay : K.GarpLowerPrioDelay, Centiseconds.Zero) : b.LowerPriorityDelay,
        };
        t.Finish();
        return g;
    }

    private static VrrpInstanceConfig? ReadInstance(TomlTableReader t, GlobalSettings global, bool acceptDefault)
    {
        var d = t.Diagnostics;
        string? name = t.String(K.InstanceName);
        string? iface = t.String(K.Interface);
        long vrid = t.Int(K.Vrid);
        if (name is null) d.Error(t.Location, DiagnosticCodes.MissingRequired, "an [[instance]] needs name");
        if (iface is null) d.Error(t.Location, DiagnosticCodes.MissingRequired, $"instance {name}: needs interface");
        if (vrid < 0 && !t.Has(K.Vrid)) d.Error(t.Location, DiagnosticCodes.MissingRequired, $"instance {name}: needs vrid (1..255)");

        var vips = Addresses(t, K.VirtualIpaddress);
        var excluded = Addresses(t, K.VirtualIpaddressExcluded);
        var peers = ImmutableArray.CreateBuilder<IpAddr>();
        foreach (var p in t.Array(K.UnicastPeer))
            if (t.AddressOf(p, "unicast_peers") is { } a) peers.Add(a);
        var source = t.Address(K.UnicastSrcIp);
        var mcastDst = t.Address(K.McastDstIp);
        bool checkUnicastSrc = t.Bool(K.CheckUnicastSrc, false);

        IpFamily family = vips.Length > 0 ? vips[0].Prefix.Family
            : peers.Count > 0 ? peers[0].Family
            : source?.Family ?? IpFamily.IPv4;
        long version = t.Int(K.Version, fallback: 0);
        VrrpVersion ver = version switch
        {
            2 => VrrpVersion.V2,
            3 => VrrpVersion.V3,
            _ => family == IpFamily.IPv6 ? VrrpVersion.V3 : global.DefaultVersion,
        };

        string? state = t.String(K.State);
        bool startMaster = false;
        if (state is not null)
        {
            if (state.Equals("master", StringComparison.OrdinalIgnoreCase)) startMaster = true;
            else if (!state.Equals("backup", StringComparison.OrdinalIgnoreCase))
                d.Error(t.LocationOf("state"), DiagnosticCodes.InvalidValue, $"instance {name}: state '{state}' is not \"master\" or \"backup\"");
        }

        AuthType authType = AuthType.None;
        ImmutableArray<byte> authData = [];
        string? authPass = t.String(K.AuthPass);
        if (authPass is not null)
        {
            byte[] raw = Encoding.Latin1.GetBytes(authPass);
            if (raw.Length > 8) d.Error(t.LocationOf("auth_pass"), DiagnosticCodes.OutOfRange, $"instance {name}: auth_pass is at most 8 characters (RFC 3768 §5.3.10)");
            byte[] bytes = new byte[8];
            System.Array.Copy(raw, bytes, Math.Min(8, raw.Length));
            authType = AuthType.SimpleText;
            authData = [.. bytes];
        }

        var addresses = ImmutableArray.CreateBuilder<IpAddr>(vips.Length);
        foreach (var v in vips) addresses.Add(v.Prefix.Address);
        var protocol = new InstanceSettings
        {
            Name = name ?? "",
            Vrid = (byte)Math.Max(0, vrid),
            Version = ver,
            Family = family,
            Priority = (byte)t.Int(K.Priority),
            AdvertInterval = t.Seconds(K.AdvertInt),
            Preempt = t.Bool(K.Preempt, true),
            PreemptDelay = t.Seconds(K.PreemptDelay),
            PreemptAtOnce = t.Bool(K.PreemptAtOnce, false),
            AcceptMode = t.Bool(K.Accept, acceptDefault),
            VirtualAddresses = addresses.MoveToImmutable(),
            AuthType = authType,
            AuthData = authData,
            V3Ipv4SendChecksum = Checksum(t, K.InstanceV3Checksum, global.V3Ipv4SendChecksum),
            DownTimerAdverts = (int)t.Int(K.DownTimerAdverts),
            AdvertOnLowerPriority = t.Bool(K.LowerPrioNoAdvert, true),
            AdvertOnHigherPriority = t.Bool(K.HigherPrioSendAdvert, false),
            StartAsMaster = startMaster,
            HasUnicastPeers = peers.Count > 0,
            UnicastPeers = peers.ToImmutable(),
            CheckUnicastSource = checkUnicastSrc,
            // keepalived clears the group of an instance with unicast peers.
            MulticastGroup = peers.Count > 0 ? default : mcastDst ?? (family == IpFamily.IPv4 ? global.MulticastGroup4 : global.MulticastGroup6),
        };
        var notify = t.Table(K.NotifyTable) is { } nt ? ReadNotify(nt, instance: true) : new NotifyConfig();
        var garp = t.Table(K.GarpTable) is { } gt ? ReadGarp(gt, global.Garp, global: false) : null;
        var result = new VrrpInstanceConfig
        {
            Protocol = protocol,
            Interface = iface ?? "",
            VirtualAddresses = vips,
            ExcludedAddresses = excluded,
            VirtualRoutes = t.Strings(K.VirtualRoutes),
            UnicastSource = source,
            UnicastPeers = peers.ToImmutable(),
            UnicastTtl = t.Has(K.UnicastTtl) && peers.Count > 0 ? (int)t.Int(K.UnicastTtl, 255) : null,
            UseVmac = t.Bool(K.UseVmac, false),
            VmacInterface = t.String(K.VmacInterface),
            TrackInterfaces = TrackRefs(t, K.TrackInterface, 0),
            TrackScripts = TrackRefs(t, K.TrackScript, TrackWeights.Unset),
            TrackFiles = TrackRefs(t, K.TrackFileRef, TrackWeights.Unset),
            TrackProcesses = TrackRefs(t, K.TrackProcessRef, TrackWeights.Unset),
            Notify = notify,
            Garp = garp,
            SmtpAlert = t.Bool(K.SmtpAlert, false),
            MulticastDestination = mcastDst,
            CheckUnicastSource = checkUnicastSrc,
            DontTrackPrimary = t.Bool(K.DontTrackPrimary, false),
            Location = t.Location,
        };
        t.Finish();
        return name is null || iface is null || vrid < 0 ? null : result;
    }

    /// <summary>Addresses as strings (<c>"10.0.0.1/24"</c>) or tables with the keepalived options.</summary>
    private static ImmutableArray<VirtualAddress> Addresses(TomlTableReader t, Keyword k)
    {
        string key = k.TomlKey!;
        var b = ImmutableArray.CreateBuilder<VirtualAddress>();
        foreach (var item in t.Array(k))
        {
            TomlTableReader? opts = null;
            TomlNode addrNode = item;
            if (item is TomlTableNode tn)
            {
                opts = t.Nested(tn, key);
                if (!tn.Entries.TryGetValue("address", out var an))
                {
                    t.Diagnostics.Error(item.Location, DiagnosticCodes.MissingRequired, $"an entry of '{key}' needs address");
                    opts.Has("address");
                    opts.Finish();
                    continue;
                }
                opts.Has("address");
                addrNode = an.Value;
            }
            if (addrNode is not TomlScalar { Value: string s })
            {
                t.Diagnostics.Error(addrNode.Location, DiagnosticCodes.TomlType, $"'{key}' entries are \"addr/len\" strings or {{ address = ... }} tables");
                continue;
            }
            if (!IpPrefix.TryParse(s, out var prefix))
            {
                t.Diagnostics.Error(addrNode.Location, DiagnosticCodes.InvalidValue, $"'{s}' is not an address or address/prefix");
                continue;
            }
            var v = new VirtualAddress { Prefix = prefix, Location = item.Location };
            if (opts is not null)
            {
                v = v with
                {
                    Device = opts.String("dev"),
                    Label = opts.String("label"),
                    Scope = opts.String("scope"),
                    Broadcast = opts.Address("broadcast"),
                    NoTrack = opts.Bool("no_track", false),
                };
                if (v.Scope is not (null or "global" or "site" or "link" or "host" or "nowhere"))
                    t.Diagnostics.Error(opts.LocationOf("scope"), DiagnosticCodes.InvalidValue, $"scope '{v.Scope}' is not global, site, link, host or nowhere");
                opts.Finish();
            }
            b.Add(v);
        }
        return b.ToImmutable();
    }

    /// <summary>Track references as names (<c>"eth1"</c>) or tables <c>{ name, weight, reverse }</c>.</summary>
    private static ImmutableArray<TrackRef> TrackRefs(TomlTableReader t, Keyword k, int defaultWeight)
    {
        string key = k.TomlKey!;
        var b = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var item in t.Array(k))
        {
            switch (item)
            {
                case TomlScalar { Value: string s }:
                    b.Add(new TrackRef(s, defaultWeight));
                    break;
                case TomlTableNode tn:
                {
                    var r = t.Nested(tn, key);
                    string? name = r.String("name");
                    if (name is null) t.Diagnostics.Error(item.Location, DiagnosticCodes.MissingRequired, $"an entry of '{key}' needs name");
                    else b.Add(new TrackRef(name, r.Has("weight") ? (int)r.Int("weight", K.TrackFileWeight.MinInt, K.TrackFileWeight.MaxInt, 0) : defaultWeight, r.Bool("reverse", false)));
                    r.Finish();
                    break;
                }
                default:
                    t.Diagnostics.Error(item.Location, DiagnosticCodes.TomlType, $"'{key}' entries are names or {{ name = ..., weight = ... }} tables");
                    break;
            }
        }
        return b.ToImmutable();
    }

    private static NotifyConfig ReadNotify(TomlTableReader t, bool instance)
    {
        var n = new NotifyConfig
        {
            Notify = t.String(instance ? K.Notify : K.SyncNotify),
            Master = t.String(instance ? K.NotifyMaster : K.SyncNotifyMaster),
            Backup = t.String(instance ? K.NotifyBackup : K.SyncNotifyBackup),
            Fault = t.String(instance ? K.NotifyFault : K.SyncNotifyFault),
            Stop = t.String(instance ? K.NotifyStop : K.SyncNotifyStop),
            MasterRxLowerPriority = t.String(instance ? K.NotifyMasterRxLowerPri : K.SyncNotifyMasterRxLowerPri),
        };
        t.Finish();
        return n;
    }

    private static SyncGroupConfig? ReadSyncGroup(TomlTableReader t)
    {
        string? name = t.String(K.SyncGroupName);
        var g = new SyncGroupConfig
        {
            Name = name ?? "",
            Instances = t.Strings(K.SyncGroupMembers),
            Notify = t.Table(K.SyncNotifyTable) is { } nt ? ReadNotify(nt, instance: false) : new NotifyConfig(),
            SmtpAlert = t.Bool(K.SyncSmtpAlert, false),
            TrackingWeight = t.Bool(K.SyncTrackingWeight, false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null) return g;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[sync_group]] needs name");
        return null;
    }

    private static TrackScriptConfig? ReadScript(TomlTableReader t)
    {
        string? name = t.String(K.ScriptName);
        string? script = t.String(K.ScriptCommand);
        var s = new TrackScriptConfig
        {
            Name = name ?? "",
            Script = script ?? "",
            IntervalSeconds = (int)t.Int(K.ScriptInterval),
            TimeoutSeconds = (int)t.Int(K.ScriptTimeout),
            Weight = (int)t.Int(K.ScriptWeight),
            Rise = (int)t.Int(K.ScriptRise),
            Fall = (int)t.Int(K.ScriptFall),
            User = t.String(K.ScriptUserOf),
            Reverse = t.Bool(K.ScriptReverse, false),
            InitFail = t.Bool(K.ScriptInitFail, false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null && script is not null) return s;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[script]] needs name and script");
        return null;
    }

    private static TrackFileConfig? ReadTrackFile(TomlTableReader t)
    {
        string? name = t.String(K.TrackFileName);
        string? file = t.String(K.TrackFilePath);
        var f = new TrackFileConfig
        {
            Name = name ?? "",
            File = file ?? "",
            Weight = (int)t.Int(K.TrackFileWeight),
            InitFile = t.Has(K.TrackFileInit) ? (int)t.Int(K.TrackFileInit) : null,
            InitFileOverwrite = t.Bool(K.TrackFileInitOverwrite, false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null && file is not null) return f;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[track_file]] needs name and file");
        return null;
    }

    private static TrackProcessConfig? ReadTrackProcess(TomlTableReader t)
    {
        string? name = t.String(K.TrackProcessName);
        // "process" holds the name and its parameters on one line, as keepalived writes them.
        string[] words = (t.String(K.TrackProcessProcess) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? match = t.String(K.TrackProcessParamMatch);
        if (match is not null && match is not ("exact" or "initial" or "partial"))
        {
            t.Diagnostics.Error(t.Location, DiagnosticCodes.InvalidValue, $"track_process.param_match '{match}' is not exact, initial or partial");
            match = null;
        }
        var p = new TrackProcessConfig
        {
            Name = name ?? "",
            Process = words.Length > 0 ? words[0] : "",
            Parameters = [.. words.Skip(1)],
            ParamMatch = match,
            Weight = (int)t.Int(K.TrackProcessWeight),
            Reverse = t.Bool(K.TrackProcessReverse, false),
            Quorum = (int)t.Int(K.TrackProcessQuorum),
            QuorumMax = t.Has(K.TrackProcessQuorumMax) ? (int)t.Int(K.TrackProcessQuorumMax, 0) : null,
            ForkDelay = t.Seconds(K.TrackProcessForkDelay),
            TerminateDelay = t.Seconds(K.TrackProcessTerminateDelay),
            FullCommand = t.Bool(K.TrackProcessFullCommand, false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null && words.Length > 0) return p;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[track_process]] needs name and process");
        return null;
    }

    private static HeartbeatSettings ReadHeartbeat(TomlTableReader t)
    {
        var h = new HeartbeatSettings { NodeId = (ushort)t.Int(K.NodeId) };
        string? policy = t.String(K.OnLanFault);
        if (policy is "go-fault" or "go_fault") h = h with { OnLanFault = LanFaultPolicy.GoFault };
        else if (policy is not (null or "stay-backup" or "stay_backup"))
            t.Diagnostics.Error(t.LocationOf("on_lan_fault"), DiagnosticCodes.InvalidValue, $"on_lan_fault '{policy}' is not \"stay-backup\" or \"go-fault\"");

        var channels = ImmutableArray.CreateBuilder<HeartbeatChannelSettings>();
        foreach (var c in t.Tables(K.Channel))
        {
            string? name = c.String(K.ChannelName);
            string? kind = c.String(K.ChannelKind);
            var ch = new HeartbeatChannelSettings { Name = name ?? "", Kind = kind == "serial" ? HeartbeatChannelKind.Serial : HeartbeatChannelKind.Link };
            if (kind is not (null or "link" or "serial"))
                t.Diagnostics.Error(c.LocationOf("kind"), DiagnosticCodes.InvalidValue, $"channel kind '{kind}' is not \"link\" or \"serial\"");
            ch = ch with
            {
                Interface = c.String(K.ChannelInterface),
                LocalAddress = c.Address(K.ChannelLocalAddress),
                PeerAddress = c.Address(K.ChannelPeerAddress),
                Port = (ushort)c.Int(K.ChannelPort),
                Device = c.String(K.ChannelDevice),
                Baud = (int)c.Int(K.ChannelBaud),
                RtsCts = c.Bool(K.ChannelRtsCts, false),
                Interval = c.Seconds(K.ChannelInterval),
                DeadTime = c.Seconds(K.ChannelDeadTime),
            };
            if (c.String(K.ChannelKey) is { } hex)
            {
                if (HeartbeatKey.TryParse(hex, out var key, out string? why)) ch = ch with { Key = key };
                else t.Diagnostics.Error(c.LocationOf("key"), DiagnosticCodes.InvalidValue, $"channel {name}: {why}; without a valid key the channel would run unauthenticated", HeartbeatKey.Fix);
            }
            if (kind is null && ch.Device is not null && ch.Interface is null) ch = ch with { Kind = HeartbeatChannelKind.Serial };
            c.Finish();
            if (name is null) t.Diagnostics.Error(c.Location, DiagnosticCodes.MissingRequired, "a [[heartbeat.channel]] needs name");
            else channels.Add(ch);
        }
        h = h with { Channels = channels.ToImmutable() };
        if (t.Table(K.Fence) is { } f)
        {
            string? command = f.String(K.FenceCommand);
            var fence = new FenceSettings { Command = command ?? "" };
            fence = fence with
            {
                After = f.Seconds(K.FenceAfter),
                MaxRandomDelay = f.Seconds(K.FenceMaxRandomDelay),
            };
            f.Finish();
            if (command is null) t.Diagnostics.Error(f.Location, DiagnosticCodes.MissingRequired, "[heartbeat.fence] needs command");
            else h = h with { Fence = fence };
        }
        t.Finish();
        return h;
    }

    /// <summary>[board], [leds] and [watchdog] are top-level tables: the board is hardware, not heartbeat.</summary>
    private static BoardSettings ReadBoard(TomlTableReader root)
    {
        var b = new BoardSettings();
        if (root.Table(K.ApplianceBoard) is { } bt)
        {
            b = b with { Profile = bt.String(K.BoardProfile), ProfileDirectory = bt.String(K.BoardProfileDirectory) };
            bt.Finish();
        }
        if (root.Table(K.BoardLeds) is { } lt)
        {
            string? backend = lt.String(K.LedsBackend);
            if (backend is not null)
            {
                if (EnumNames.TryLedBackend(backend, out var v)) b = b with { Leds = b.Leds with { Backend = v } };
                else lt.Diagnostics.Error(lt.LocationOf("backend"), DiagnosticCodes.InvalidValue, $"LED backend '{backend}' is not one of {EnumNames.LedBackendList}");
            }
            b = b with { Leds = b.Leds with { AlertHold = lt.Seconds(K.LedsAlertHold, b.Leds.AlertHold) } };
            lt.Finish();
        }
        if (root.Table(K.BoardWatchdog) is { } wt)
        {
            var w = new WatchdogSettings();
            string? kind = wt.String(K.WatchdogKind);
            if (kind is not null)
            {
                if (EnumNames.TryWatchdogKind(kind, out var k)) w = w with { Kind = k };
                else wt.Diagnostics.Error(wt.LocationOf("kind"), DiagnosticCodes.InvalidValue, $"watchdog kind '{kind}' is not one of {EnumNames.WatchdogKindList}");
            }
            w = w with
            {
                Device = wt.String(K.WatchdogDevice),
                TimeoutSeconds = (int)wt.Int(K.WatchdogTimeout),
                PetInterval = wt.Seconds(K.WatchdogPetInterval, w.PetInterval),
                MaxLoopLateness = wt.Seconds(K.WatchdogMaxLoopLateness, w.MaxLoopLateness),
                DisarmOnCleanStop = wt.Bool(K.WatchdogDisarm, w.DisarmOnCleanStop),
            };
            wt.Finish();
            b = b with { Watchdog = w };
        }
        return b;
    }
}
