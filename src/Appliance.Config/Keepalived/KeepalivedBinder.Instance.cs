using System.Collections.Immutable;
using System.Text;
using Appliance.Config.Binding;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Keepalived;

internal sealed partial class KeepalivedBinder
{
    // Words on a virtual_ipaddress line, not keywords of a block, so they are not in the schema.
    private static readonly System.Collections.Frozen.FrozenSet<string> VipOptions =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(["dev", "label", "scope", "brd", "broadcast", "no_track"], StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenSet<string> VipRecognisedOptions =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(["track_group", "preferred_lft", "home", "nodad", "noprefixroute", "autojoin", "use_vmac", "peer"], StringComparer.Ordinal);

    private VrrpInstanceConfig? BindInstance(ConfNode block, GlobalDefs global)
    {
        string? name = block.Args.Count > 0 ? block.Args[0].Text : null;
        if (name is null)
        {
            _d.Error(block.Location, DiagnosticCodes.MissingRequired, "vrrp_instance needs a name");
            return null;
        }
        string? iface = null;
        int vrid = -1;
        int priority = 100;
        Centiseconds advert = Centiseconds.FromSeconds(1);
        VrrpVersion? version = null;
        bool preemptAtOnce = false;
        SourceLocation? nopreemptAt = null;
        bool startMaster = false, preempt = true, accept = global.AcceptDefault, smtpAlert = false;
        bool lowerNoAdvert = global.LowerPrioNoAdvert, higherSendAdvert = global.HigherPrioSendAdvert, useVmac = false, checkUnicastSrc = false, dontTrackPrimary = false;
        string? vmacName = null;
        Centiseconds preemptDelay = Centiseconds.Zero;
        int downTimer = global.DownTimerAdverts;
        AuthType authType = AuthType.None;
        ImmutableArray<byte> authData = [];
        var vips = ImmutableArray<VirtualAddress>.Empty;
        var excluded = ImmutableArray<VirtualAddress>.Empty;
        var routes = ImmutableArray<string>.Empty;
        var peers = ImmutableArray<IpAddr>.Empty;
        IpAddr? unicastSrc = null, mcastDst = null;
        int? unicastTtl = null;
        ConfNode? unicastTtlNode = null;
        var trackIf = ImmutableArray<TrackRef>.Empty;
        var trackScript = ImmutableArray<TrackRef>.Empty;
        var trackFile = ImmutableArray<TrackRef>.Empty;
        var trackProcess = ImmutableArray<TrackRef>.Empty;
        var notify = new NotifyConfig();
        GarpSettings? garp = null;
        ChecksumForm checksum = global.Settings.V3Ipv4SendChecksum;

        GarpSettings G() => garp ?? global.Settings.Garp;

        string where = $"vrrp_instance {name}";
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Instance, where)) continue;
            switch (n.Name)
            {
                case "state":
                    if (_a.String(n) is { } st)
                    {
                        if (st.Equals("MASTER", StringComparison.OrdinalIgnoreCase)) startMaster = true;
                        else if (st.Equals("BACKUP", StringComparison.OrdinalIgnoreCase)) startMaster = false;
                        else _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"state '{st}' is not MASTER or BACKUP", "using BACKUP");
                    }
                    break;
                case "interface":
                    iface = _a.String(n);
                    if (iface is { Length: > MaxInterfaceName })
                    {
                        // IFNAMSIZ: keepalived 2.2.7 says "Interface name ... too long - ignoring" and so does appliance.
                        _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"interface name '{iface}' is longer than {MaxInterfaceName} characters, the kernel's limit; it is ignored");
                        iface = null;
                    }
                    break;
                case "virtual_router_id": vrid = _a.Int(n, K.Vrid); break;
                case "priority": priority = _a.Int(n, K.Priority); break;
                case "advert_int": advert = _a.Seconds(n, K.AdvertInt); break;
                case "version":
                {
                    int v = _a.Int(n, K.Version, fallback: 0);
                    if (v != 0) version = v == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
                    break;
                }
                case "authentication": (authType, authData) = BindAuth(n); break;
                case "virtual_ipaddress": vips = BindAddresses(n); break;
                case "virtual_ipaddress_excluded": excluded = BindAddresses(n); break;
                case "virtual_routes": routes = BindLines(n); break;
                case "unicast_src_ip" or "mcast_src_ip": unicastSrc = _a.Address(n); break;
                case "mcast_dst_ip": mcastDst = _a.Address(n); break;
                case "unicast_peer": peers = BindPeers(n); break;
                case "unicast_ttl":
                    unicastTtl = _a.Int(n, K.UnicastTtl, 255);
                    unicastTtlNode = n;
                    break;
                case "use_vmac":
                    useVmac = true;
                    vmacName = n.Args.Count > 0 ? n.Args[0].Text : null;
                    break;
                case "accept": accept = true; break;
                case "no_accept": accept = false; break;
                case "preempt": preempt = _a.Bool(n); break;
                case "nopreempt":
                    preempt = false;
                    nopreemptAt = n.Location;
                    break;
                case "preempt_at_once": preemptAtOnce = _a.Bool(n); break;
                case "preempt_delay": preemptDelay = _a.Seconds(n, K.PreemptDelay); break;
                case "track_interface": trackIf = BindTrackRefs(n, K.ScriptWeight); break;
                case "track_script": trackScript = BindTrackRefs(n, K.ScriptWeight); break;
                case "track_file": trackFile = BindTrackRefs(n, K.TrackFileWeight); break;
                case "track_process": trackProcess = BindTrackRefs(n, K.TrackProcessWeight); break;
                case "notify": notify = notify with { Notify = _a.Rest(n) }; break;
                case "notify_master": notify = notify with { Master = _a.Rest(n) }; break;
                case "notify_backup": notify = notify with { Backup = _a.Rest(n) }; break;
                case "notify_fault": notify = notify with { Fault = _a.Rest(n) }; break;
                case "notify_stop": notify = notify with { Stop = _a.Rest(n) }; break;
                case "notify_master_rx_lower_pri": notify = notify with { MasterRxLowerPriority = _a.Rest(n) }; break;
                case "garp_master_delay": garp = G() with { MasterDelay = _a.Seconds(n, K.GarpMasterDelay, G().MasterDelay) }; break;
                case "garp_master_repeat": garp = G() with { MasterRepeat = _a.Int(n, K.GarpMasterRepeat, G().MasterRepeat) }; break;
                case "garp_master_refresh": garp = G() with { MasterRefresh = _a.Seconds(n, K.GarpMasterRefresh, G().MasterRefresh) }; break;
                case "garp_master_refresh_repeat": garp = G() with { MasterRefreshRepeat = _a.Int(n, K.GarpMasterRefreshRepeat, G().MasterRefreshRepeat) }; break;
                case "garp_interval": WarnIfZeroInterval(n); garp = G() with { Interval = _a.Seconds(n, K.GarpInterval, G().Interval) }; break;
                case "gna_interval": WarnIfZeroInterval(n); garp = G() with { NaInterval = _a.Seconds(n, K.GnaInterval, G().NaInterval) }; break;
                case "garp_lower_prio_repeat": garp = G() with { LowerPriorityRepeat = _a.Int(n, K.GarpLowerPrioRepeat, GarpSettings.ResolveLowerPriority(G(), global.Settings.Garp).Repeat) }; break;
                case "garp_lower_prio_delay": garp = G() with { LowerPriorityDelay = _a.Seconds(n, K.GarpLowerPrioDelay, GarpSettings.ResolveLowerPriority(G(), global.Settings.Garp).Delay) }; break;
                case "down_timer_adverts": downTimer = _a.Int(n, K.DownTimerAdverts, global.DownTimerAdverts); break;
                case "smtp_alert": smtpAlert = _a.Bool(n); break;
                case "lower_prio_no_advert": lowerNoAdvert = _a.Bool(n); break;
                case "higher_prio_send_advert": higherSendAdvert = _a.Bool(n); break;
                case "old_unicast_checksum":
                    if (n.Args.Count == 0 || n.Args[0].Text != "never") checksum = ChecksumForm.PseudoHeaderMulticastDestination;
                    break;
                case "check_unicast_src": checkUnicastSrc = true; break;
                case "dont_track_primary": dontTrackPrimary = true; break;
                default: break; // known to the schema, not bound: Admit has said so
            }
        }

        if (startMaster && nopreemptAt is { } np)
            _d.Warning(np, DiagnosticCodes.KeepalivedDiffers, "nopreempt with state MASTER: keepalived 2.2.7 clears nopreempt for an instance that starts as MASTER",
                "use state BACKUP with nopreempt");

        bool ok = true;
        if (iface is null)
        {
            _d.Error(block.Location, DiagnosticCodes.MissingRequired, $"vrrp_instance {name} has no 'interface'", "appliance needs the interface adverts are sent on");
            ok = false;
        }
        if (vrid < 0)
        {
            _d.Error(block.Location, DiagnosticCodes.MissingRequired, $"vrrp_instance {name} has no valid 'virtual_router_id'", "add virtual_router_id 1..255");
            ok = false;
        }
        if (!ok) return null;

        vips = Dedup(vips, name);
        // keepalived: "Cannot use unicast_ttl without unicast peers - resetting".
        if (unicastTtlNode is not null && peers.Length == 0)
        {
            _d.Lenient(unicastTtlNode.Location, DiagnosticCodes.NotUsed, $"vrrp_instance {name}: unicast_ttl without unicast_peer", "ignored, as keepalived does");
            unicastTtl = null;
        }
        IpFamily family = vips.Length > 0 ? vips[0].Prefix.Family
            : peers.Length > 0 ? peers[0].Family
            : unicastSrc?.Family ?? IpFamily.IPv4;
        // keepalived: "IPv6 instances will always use version 3" unless one is forced.
        VrrpVersion ver = version ?? (family == IpFamily.IPv6 ? VrrpVersion.V3 : global.Settings.DefaultVersion);

        var addresses = ImmutableArray.CreateBuilder<IpAddr>(vips.Length);
        foreach (var v in vips) addresses.Add(v.Prefix.Address);

        return new VrrpInstanceConfig
        {
            Protocol = new InstanceSettings
            {
                Name = name,
                Vrid = (byte)vrid,
                Version = ver,
                Family = family,
                Priority = (byte)priority,
                AdvertInterval = advert,
                Preempt = preempt,
                PreemptDelay = preemptDelay,
                PreemptAtOnce = preemptAtOnce,
                AcceptMode = accept,
                VirtualAddresses = addresses.MoveToImmutable(),
                AuthType = authType,
                AuthData = authData,
                V3Ipv4SendChecksum = checksum,
                DownTimerAdverts = downTimer,
                AdvertOnLowerPriority = !lowerNoAdvert,
                AdvertOnHigherPriority = higherSendAdvert,
                StartAsMaster = startMaster,
                HasUnicastPeers = peers.Length > 0,
                UnicastPeers = peers,
                CheckUnicastSource = checkUnicastSrc || global.CheckUnicastSrc,
                // keepalived clears the group of an instance with unicast peers.
                MulticastGroup = peers.Length > 0 ? default : mcastDst ?? (family == IpFamily.IPv4 ? global.Settings.MulticastGroup4 : global.Settings.MulticastGroup6),
            },
            Interface = iface!,
            VirtualAddresses = vips,
            ExcludedAddresses = excluded,
            VirtualRoutes = routes,
            UnicastSource = unicastSrc,
            UnicastPeers = peers,
            UnicastTtl = unicastTtl,
            UseVmac = useVmac,
            VmacInterface = vmacName,
            TrackInterfaces = trackIf,
            TrackScripts = trackScript,
            TrackFiles = trackFile,
            TrackProcesses = trackProcess,
            Notify = notify,
            Garp = garp,
            SmtpAlert = smtpAlert,
            MulticastDestination = mcastDst,
            CheckUnicastSource = checkUnicastSrc || global.CheckUnicastSrc,
            DontTrackPrimary = dontTrackPrimary,
            Location = block.Location,
        };
    }

    /// <summary>keepalived drops a VIP listed twice (with a warning); the first entry wins.</summary>
    private ImmutableArray<VirtualAddress> Dedup(ImmutableArray<VirtualAddress> vips, string instance)
    {
        var seen = new HashSet<IpAddr>();
        var b = ImmutableArray.CreateBuilder<VirtualAddress>(vips.Length);
        foreach (var v in vips)
        {
            if (seen.Add(v.Prefix.Address)) b.Add(v);
            else _d.Lenient(v.Location, DiagnosticCodes.Duplicate, $"vrrp_instance {instance}: {v.Prefix.Address} is listed twice; the later entry is ignored");
        }
        return b.ToImmutable();
    }

    private (AuthType, ImmutableArray<byte>) BindAuth(ConfNode block)
    {
        var type = AuthType.None;
        string? pass = null;
        ConfNode? passNode = null;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Authentication, "authentication")) continue;
            switch (n.Name)
            {
                case "auth_type":
                    string? t = _a.String(n);
                    if (t is "PASS") type = AuthType.SimpleText;
                    else if (t is "AH")
                        _d.Lenient(n.Args[0].Location, DiagnosticCodes.Unsupported, "auth_type AH is deprecated by RFC 3768 and not supported", "authentication is turned off");
                    else if (t is not null)
                        _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"auth_type '{t}' is not PASS or AH");
                    break;
                case "auth_pass":
                    pass = _a.String(n);
                    passNode = n;
                    break;
                default:
                    break;
            }
        }
        if (type != AuthType.SimpleText) return (AuthType.None, []);
        if (pass is null)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "auth_type PASS without auth_pass", "authentication is turned off");
            return (AuthType.None, []);
        }
        byte[] bytes = new byte[8];
        byte[] raw = Encoding.Latin1.GetBytes(pass);
        if (raw.Length > 8)
            _d.Lenient(passNode!.Args[0].Location, DiagnosticCodes.OutOfRange, "auth_pass is longer than 8 characters", "keepalived truncates it to 8");
        Array.Copy(raw, bytes, Math.Min(8, raw.Length));
        return (AuthType.SimpleText, [.. bytes]);
    }

    /// <summary>virtual_ipaddress lines: <c>ADDR[/LEN] [dev IF] [brd ADDR] [scope S] [label L] [no_track]</c>.</summary>
    private ImmutableArray<VirtualAddress> BindAddresses(ConfNode block)
    {
        var b = ImmutableArray.CreateBuilder<VirtualAddress>();
        foreach (var n in _a.Block(block))
        {
            if (!IpPrefix.TryParse(n.Name, out var prefix))
            {
                _d.Lenient(n.Location, DiagnosticCodes.InvalidValue, $"'{n.Name}' in {block.Name} is not an address or address/prefix");
                continue;
            }
            var v = new VirtualAddress { Prefix = prefix, Location = n.Location };
            for (int i = 0; i < n.Args.Count; i++)
            {
                var opt = n.Args[i];
                bool hasValue = i + 1 < n.Args.Count;
                switch (opt.Text)
                {
                    case "no_track": v = v with { NoTrack = true }; continue;
                    case "dev" or "label" or "scope" or "brd" or "broadcast" when !hasValue:
                        _d.Lenient(opt.Location, DiagnosticCodes.MissingValue, $"'{opt.Text}' needs a value");
                        continue;
                    case "dev": v = v with { Device = n.Args[++i].Text }; continue;
                    case "label": v = v with { Label = n.Args[++i].Text }; continue;
                    case "scope":
                    {
                        var s = n.Args[++i];
                        if (s.Text is "global" or "site" or "link" or "host" or "nowhere") v = v with { Scope = s.Text };
                        else _d.Lenient(s.Location, DiagnosticCodes.InvalidValue, $"scope '{s.Text}' is not global, site, link, host or nowhere");
                        continue;
                    }
                    case "brd" or "broadcast":
                        if (_a.Address(n.Args[++i], "brd") is { } brd) v = v with { Broadcast = brd };
                        continue;
                }
                if (VipRecognisedOptions.Contains(opt.Text))
                {
                    _d.Info(opt.Location, DiagnosticCodes.NotUsed, $"address option '{opt.Text}' is not used by appliance");
                    if (opt.Text is "track_group" or "preferred_lft" or "peer" && hasValue) i++;
                    continue;
                }
                _d.Lenient(opt.Location, DiagnosticCodes.UnknownKeyword, $"unknown address option '{opt.Text}'", Text.DidYouMean.Hint(opt.Text, VipOptions));
            }
            if (n.Block is not null) _d.Lenient(n.BlockLocation, DiagnosticCodes.InvalidValue, "an address line cannot have a block");
            b.Add(v);
        }
        return b.ToImmutable();
    }

    private ImmutableArray<string> BindLines(ConfNode block)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        foreach (var n in _a.Block(block))
            b.Add(n.Args.Count == 0 ? n.Name : n.Name + " " + n.JoinedArgs());
        return b.ToImmutable();
    }

    private ImmutableArray<IpAddr> BindPeers(ConfNode block)
    {
        var b = ImmutableArray.CreateBuilder<IpAddr>();
        foreach (var n in _a.Block(block))
        {
            if (_a.Address(n.Keyword, "unicast_peer") is { } a)
            {
                if (b.Contains(a)) _d.Lenient(n.Location, DiagnosticCodes.Duplicate, $"unicast peer {a} is listed twice");
                else b.Add(a);
            }
            if (n.Args.Count > 0 && n.Args[0].Text != "min_ttl" && n.Args[0].Text != "max_ttl")
                _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"unexpected '{n.Args[0].Text}' after the peer address");
        }
        return b.ToImmutable();
    }

    /// <summary>track_* lines: <c>NAME [weight W] [reverse|no_reverse|noreverse]</c>.</summary>
    private ImmutableArray<TrackRef> BindTrackRefs(ConfNode block, Keyword weight)
    {
        var b = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var n in _a.Block(block))
        {
            var r = new TrackRef(n.Name, TrackWeights.Unset);
            for (int i = 0; i < n.Args.Count; i++)
            {
                var t = n.Args[i];
                switch (t.Text)
                {
                    case "weight":
                        r = r with { Weight = _a.Int(n, weight.MinInt, weight.MaxInt, 0, i + 1) };
                        i++;
                        break;
                    case "reverse": r = r with { Reverse = true }; break;
                    case "no_reverse" or "noreverse": r = r with { Reverse = false }; break;
                    default:
                        _d.Lenient(t.Location, DiagnosticCodes.InvalidValue, $"unexpected '{t.Text}' in {block.Name}", "expected: weight N [reverse]");
                        break;
                }
            }
            b.Add(r);
        }
        return b.ToImmutable();
    }
}
