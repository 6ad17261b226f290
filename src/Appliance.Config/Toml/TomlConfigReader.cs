using System.Collections.Immutable;
using System.Text;
using Appliance.Board;
using Appliance.Config.Binding;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
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

        var globalTable = r.Table("global");
        var global = globalTable is null ? new GlobalSettings() : ReadGlobal(globalTable);
        bool strict = globalTable?.Bool("vrrp_strict", false) ?? false;
        globalTable?.Finish();

        var instances = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        foreach (var t in r.Tables("instance"))
            if (ReadInstance(t, global, !strict) is { } i) instances.Add(i);

        var groups = ImmutableArray.CreateBuilder<SyncGroupConfig>();
        foreach (var t in r.Tables("sync_group"))
            if (ReadSyncGroup(t) is { } g) groups.Add(g);

        var scripts = ImmutableArray.CreateBuilder<TrackScriptConfig>();
        foreach (var t in r.Tables("script"))
            if (ReadScript(t) is { } s) scripts.Add(s);

        var files = ImmutableArray.CreateBuilder<TrackFileConfig>();
        foreach (var t in r.Tables("track_file"))
            if (ReadTrackFile(t) is { } f) files.Add(f);

        var hbTable = r.Table("heartbeat");
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
            RouterId = t.String("router_id"),
            NotificationEmails = t.Strings("notification_email"),
            NotificationEmailFrom = t.String("notification_email_from"),
            SmtpServer = t.String("smtp_server"),
            SmtpPort = (int)t.Int("smtp_port", 1, 65535, g.SmtpPort),
            SmtpConnectTimeoutSeconds = (int)t.Int("smtp_connect_timeout", 1, 86400, g.SmtpConnectTimeoutSeconds),
            DefaultVersion = t.Int("vrrp_version", 2, 3, 2) == 3 ? VrrpVersion.V3 : VrrpVersion.V2,
            V3Ipv4SendChecksum = Checksum(t, "v3_ipv4_checksum", g.V3Ipv4SendChecksum),
            MulticastGroup4 = t.Address("mcast_group4") ?? g.MulticastGroup4,
            MulticastGroup6 = t.Address("mcast_group6") ?? g.MulticastGroup6,
            ScriptSecurity = t.Bool("enable_script_security", false),
            ScriptUser = t.String("script_user"),
            NotifyFifo = t.String("notify_fifo"),
            StartupDelay = t.Seconds("startup_delay", 0, 3600, Centiseconds.Zero),
        };
        if (t.Table("garp") is { } garp) g = g with { Garp = ReadGarp(garp, new GarpSettings()) };
        return g;
    }

    private static ChecksumForm Checksum(TomlTableReader t, string key, ChecksumForm fallback)
    {
        string? s = t.String(key);
        if (s is null) return fallback;
        if (EnumNames.TryChecksum(s, out var v)) return v;
        t.Diagnostics.Error(t.LocationOf(key), DiagnosticCodes.InvalidValue, $"'{key}' = '{s}' is not one of {EnumNames.ChecksumList}");
        return fallback;
    }

    private static GarpSettings ReadGarp(TomlTableReader t, GarpSettings b)
    {
        var g = b with
        {
            MasterRepeat = (int)t.Int("master_repeat", 1, 1000, b.MasterRepeat),
            MasterDelay = t.Seconds("master_delay", 0, 1000, b.MasterDelay),
            MasterRefresh = t.Seconds("master_refresh", 0, 100000, b.MasterRefresh),
            MasterRefreshRepeat = (int)t.Int("master_refresh_repeat", 1, 1000, b.MasterRefreshRepeat),
            Interval = t.Seconds("interval", 0, 1, b.Interval),
            NaInterval = t.Seconds("na_interval", 0, 1, b.NaInterval),
            LowerPriorityRepeat = (int)t.Int("lower_prio_repeat", 0, 1000, b.LowerPriorityRepeat),
        };
        t.Finish();
        return g;
    }

    private static VrrpInstanceConfig? ReadInstance(TomlTableReader t, GlobalSettings global, bool acceptDefault)
    {
        var d = t.Diagnostics;
        string? name = t.String("name");
        string? iface = t.String("interface");
        long vrid = t.Int("vrid", 1, 255, -1);
        if (name is null) d.Error(t.Location, DiagnosticCodes.MissingRequired, "an [[instance]] needs name");
        if (iface is null) d.Error(t.Location, DiagnosticCodes.MissingRequired, $"instance {name}: needs interface");
        if (vrid < 0 && !t.Has("vrid")) d.Error(t.Location, DiagnosticCodes.MissingRequired, $"instance {name}: needs vrid (1..255)");

        var vips = Addresses(t, "virtual_addresses");
        var excluded = Addresses(t, "excluded_addresses");
        var peers = ImmutableArray.CreateBuilder<IpAddr>();
        foreach (var p in t.Array("unicast_peers"))
            if (t.AddressOf(p, "unicast_peers") is { } a) peers.Add(a);
        var source = t.Address("unicast_source");

        IpFamily family = vips.Length > 0 ? vips[0].Prefix.Family
            : peers.Count > 0 ? peers[0].Family
            : source?.Family ?? IpFamily.IPv4;
        long version = t.Int("version", 2, 3, 0);
        VrrpVersion ver = version switch
        {
            2 => VrrpVersion.V2,
            3 => VrrpVersion.V3,
            _ => family == IpFamily.IPv6 ? VrrpVersion.V3 : global.DefaultVersion,
        };

        string? state = t.String("state");
        bool startMaster = false;
        if (state is not null)
        {
            if (state.Equals("master", StringComparison.OrdinalIgnoreCase)) startMaster = true;
            else if (!state.Equals("backup", StringComparison.OrdinalIgnoreCase))
                d.Error(t.LocationOf("state"), DiagnosticCodes.InvalidValue, $"instance {name}: state '{state}' is not \"master\" or \"backup\"");
        }

        AuthType authType = AuthType.None;
        ImmutableArray<byte> authData = [];
        string? authPass = t.String("auth_pass");
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
            Priority = (byte)t.Int("priority", 1, 255, 100),
            AdvertInterval = t.Seconds("advert_int", 0.01, 255, Centiseconds.FromSeconds(1)),
            Preempt = t.Bool("preempt", true),
            PreemptDelay = t.Seconds("preempt_delay", 0, 1000, Centiseconds.Zero),
            PreemptAtOnce = t.Bool("preempt_at_once", false),
            AcceptMode = t.Bool("accept", acceptDefault),
            VirtualAddresses = addresses.MoveToImmutable(),
            AuthType = authType,
            AuthData = authData,
            V3Ipv4SendChecksum = Checksum(t, "v3_ipv4_checksum", global.V3Ipv4SendChecksum),
            DownTimerAdverts = (int)t.Int("down_timer_adverts", 1, 100, 3),
            AdvertOnLowerPriority = t.Bool("advert_on_lower_priority", true),
            StartAsMaster = startMaster,
        };
        var notify = t.Table("notify") is { } nt ? ReadNotify(nt) : new NotifyConfig();
        var garp = t.Table("garp") is { } gt ? ReadGarp(gt, global.Garp) : null;
        var result = new VrrpInstanceConfig
        {
            Protocol = protocol,
            Interface = iface ?? "",
            VirtualAddresses = vips,
            ExcludedAddresses = excluded,
            VirtualRoutes = t.Strings("virtual_routes"),
            UnicastSource = source,
            UnicastPeers = peers.ToImmutable(),
            UseVmac = t.Bool("use_vmac", false),
            VmacInterface = t.String("vmac_interface"),
            TrackInterfaces = TrackRefs(t, "track_interfaces", 0),
            TrackScripts = TrackRefs(t, "track_scripts", TrackWeights.Unset),
            TrackFiles = TrackRefs(t, "track_files", TrackWeights.Unset),
            Notify = notify,
            Garp = garp,
            SmtpAlert = t.Bool("smtp_alert", false),
            MulticastDestination = t.Address("mcast_dst_ip"),
            CheckUnicastSource = t.Bool("check_unicast_src", false),
            DontTrackPrimary = t.Bool("dont_track_primary", false),
            Location = t.Location,
        };
        t.Finish();
        return name is null || iface is null || vrid < 0 ? null : result;
    }

    /// <summary>Addresses as strings (<c>"10.0.0.1/24"</c>) or tables with the keepalived options.</summary>
    private static ImmutableArray<VirtualAddress> Addresses(TomlTableReader t, string key)
    {
        var b = ImmutableArray.CreateBuilder<VirtualAddress>();
        foreach (var item in t.Array(key))
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
    private static ImmutableArray<TrackRef> TrackRefs(TomlTableReader t, string key, int defaultWeight)
    {
        var b = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var item in t.Array(key))
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
                    else b.Add(new TrackRef(name, r.Has("weight") ? (int)r.Int("weight", -254, 254, 0) : defaultWeight, r.Bool("reverse", false)));
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

    private static NotifyConfig ReadNotify(TomlTableReader t)
    {
        var n = new NotifyConfig
        {
            Notify = t.String("notify"),
            Master = t.String("master"),
            Backup = t.String("backup"),
            Fault = t.String("fault"),
            Stop = t.String("stop"),
            MasterRxLowerPriority = t.String("master_rx_lower_pri"),
        };
        t.Finish();
        return n;
    }

    private static SyncGroupConfig? ReadSyncGroup(TomlTableReader t)
    {
        string? name = t.String("name");
        var g = new SyncGroupConfig
        {
            Name = name ?? "",
            Instances = t.Strings("instances"),
            Notify = t.Table("notify") is { } nt ? ReadNotify(nt) : new NotifyConfig(),
            SmtpAlert = t.Bool("smtp_alert", false),
            TrackingWeight = t.Bool("tracking_weight", false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null) return g;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[sync_group]] needs name");
        return null;
    }

    private static TrackScriptConfig? ReadScript(TomlTableReader t)
    {
        string? name = t.String("name");
        string? script = t.String("script");
        var s = new TrackScriptConfig
        {
            Name = name ?? "",
            Script = script ?? "",
            IntervalSeconds = (int)t.Int("interval", 1, 86400, 1),
            TimeoutSeconds = (int)t.Int("timeout", 0, 86400, 0),
            Weight = (int)t.Int("weight", -253, 253, 0),
            Rise = (int)t.Int("rise", 1, 1000, 1),
            Fall = (int)t.Int("fall", 1, 1000, 1),
            User = t.String("user"),
            Reverse = t.Bool("reverse", false),
            InitFail = t.Bool("init_fail", false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null && script is not null) return s;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[script]] needs name and script");
        return null;
    }

    private static TrackFileConfig? ReadTrackFile(TomlTableReader t)
    {
        string? name = t.String("name");
        string? file = t.String("file");
        var f = new TrackFileConfig
        {
            Name = name ?? "",
            File = file ?? "",
            Weight = (int)t.Int("weight", -254, 254, 1),
            InitFile = t.Has("init_file") ? t.Int("init_file", -254, 254, 0) : null,
            InitFileOverwrite = t.Bool("init_file_overwrite", false),
            Location = t.Location,
        };
        t.Finish();
        if (name is not null && file is not null) return f;
        t.Diagnostics.Error(t.Location, DiagnosticCodes.MissingRequired, "a [[track_file]] needs name and file");
        return null;
    }

    private static HeartbeatSettings ReadHeartbeat(TomlTableReader t)
    {
        var h = new HeartbeatSettings { NodeId = (ushort)t.Int("node_id", 0, 65535, 0) };
        string? policy = t.String("on_lan_fault");
        if (policy is "go-fault" or "go_fault") h = h with { OnLanFault = LanFaultPolicy.GoFault };
        else if (policy is not (null or "stay-backup" or "stay_backup"))
            t.Diagnostics.Error(t.LocationOf("on_lan_fault"), DiagnosticCodes.InvalidValue, $"on_lan_fault '{policy}' is not \"stay-backup\" or \"go-fault\"");

        var channels = ImmutableArray.CreateBuilder<HeartbeatChannelSettings>();
        foreach (var c in t.Tables("channel"))
        {
            string? name = c.String("name");
            string? kind = c.String("kind");
            var ch = new HeartbeatChannelSettings { Name = name ?? "", Kind = kind == "serial" ? HeartbeatChannelKind.Serial : HeartbeatChannelKind.Link };
            if (kind is not (null or "link" or "serial"))
                t.Diagnostics.Error(c.LocationOf("kind"), DiagnosticCodes.InvalidValue, $"channel kind '{kind}' is not \"link\" or \"serial\"");
            ch = ch with
            {
                Interface = c.String("interface"),
                LocalAddress = c.Address("local_address"),
                PeerAddress = c.Address("peer_address"),
                Port = (ushort)c.Int("port", 1, 65535, ch.Port),
                Device = c.String("device"),
                Baud = (int)c.Int("baud", 9600, 921600, ch.Baud),
                RtsCts = c.Bool("rtscts", false),
                Interval = c.Seconds("interval", 0.01, 60, ch.Interval),
                DeadTime = c.Seconds("dead_time", 0.01, 600, ch.DeadTime),
            };
            if (c.String("key") is { } hex)
            {
                try
                {
                    ch = ch with { Key = [.. Convert.FromHexString(hex)] };
                }
                catch (FormatException)
                {
                    t.Diagnostics.Error(c.LocationOf("key"), DiagnosticCodes.InvalidValue, "key must be hexadecimal (an even number of 0-9a-f digits)");
                }
            }
            if (kind is null && ch.Device is not null && ch.Interface is null) ch = ch with { Kind = HeartbeatChannelKind.Serial };
            c.Finish();
            if (name is null) t.Diagnostics.Error(c.Location, DiagnosticCodes.MissingRequired, "a [[heartbeat.channel]] needs name");
            else channels.Add(ch);
        }
        h = h with { Channels = channels.ToImmutable() };
        if (t.Table("fence") is { } f)
        {
            string? command = f.String("command");
            var fence = new FenceSettings { Command = command ?? "" };
            fence = fence with
            {
                After = f.Seconds("after", 0, 3600, fence.After),
                MaxRandomDelay = f.Seconds("max_random_delay", 0, 3600, fence.MaxRandomDelay),
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
        if (root.Table("board") is { } bt)
        {
            b = b with { Profile = bt.String("profile"), ProfileDirectory = bt.String("profile_directory") };
            bt.Finish();
        }
        if (root.Table("leds") is { } lt)
        {
            string? backend = lt.String("backend");
            if (backend is not null)
            {
                if (EnumNames.TryLedBackend(backend, out var v)) b = b with { Leds = b.Leds with { Backend = v } };
                else lt.Diagnostics.Error(lt.LocationOf("backend"), DiagnosticCodes.InvalidValue, $"LED backend '{backend}' is not one of {EnumNames.LedBackendList}");
            }
            b = b with { Leds = b.Leds with { AlertHold = lt.Seconds("alert_hold", 0, 3600, b.Leds.AlertHold) } };
            lt.Finish();
        }
        if (root.Table("watchdog") is { } wt)
        {
            var w = new WatchdogSettings();
            string? kind = wt.String("kind");
            if (kind is not null)
            {
                if (EnumNames.TryWatchdogKind(kind, out var k)) w = w with { Kind = k };
                else wt.Diagnostics.Error(wt.LocationOf("kind"), DiagnosticCodes.InvalidValue, $"watchdog kind '{kind}' is not one of {EnumNames.WatchdogKindList}");
            }
            w = w with
            {
                Device = wt.String("device"),
                TimeoutSeconds = (int)wt.Int("timeout", 0, 3600, 0),
                PetInterval = wt.Seconds("pet_interval", 0, 3600, w.PetInterval),
                MaxLoopLateness = wt.Seconds("max_loop_lateness", 0, 3600, w.MaxLoopLateness),
                DisarmOnCleanStop = wt.Bool("disarm_on_clean_stop", w.DisarmOnCleanStop),
            };
            wt.Finish();
            b = b with { Watchdog = w };
        }
        return b;
    }
}
