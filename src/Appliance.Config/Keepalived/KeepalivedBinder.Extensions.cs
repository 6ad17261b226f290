using System.Collections.Immutable;
using Appliance.Board;
using Appliance.Config.Binding;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;
using Appliance.Heartbeat;
using Appliance.Vrrp;

namespace Appliance.Config.Keepalived;

/// <summary>
/// Our own blocks, so a keepalived user keeps one file: <c>appliance_heartbeat { ... }</c> and
/// <c>appliance_board { ... }</c> (docs/configuration.md). keepalived itself would report them as unknown.
/// </summary>
internal sealed partial class KeepalivedBinder
{
    private HeartbeatSettings BindHeartbeat(ConfNode block)
    {
        var h = new HeartbeatSettings();
        var channels = ImmutableArray.CreateBuilder<HeartbeatChannelSettings>();
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Heartbeat, "appliance_heartbeat")) continue;
            switch (n.Name)
            {
                case "node_id": h = h with { NodeId = (ushort)_a.Int(n, K.NodeId) }; break;
                case "on_lan_fault":
                    switch (_a.String(n))
                    {
                        case "stay_backup" or "stay-backup": h = h with { OnLanFault = LanFaultPolicy.StayBackup }; break;
                        case "go_fault" or "go-fault": h = h with { OnLanFault = LanFaultPolicy.GoFault }; break;
                        case { } other: _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"on_lan_fault '{other}' is not stay_backup or go_fault"); break;
                    }
                    break;
                case "channel":
                    if (BindChannel(n) is { } c) channels.Add(c);
                    break;
                case "fence": h = h with { Fence = BindFence(n) }; break;
                default: break;
            }
        }
        return h with { Channels = channels.ToImmutable() };
    }

    private HeartbeatChannelSettings? BindChannel(ConfNode block)
    {
        if (block.Args.Count == 0)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "channel needs a name (channel NAME { ... }); it is ignored");
            return null;
        }
        var c = new HeartbeatChannelSettings { Name = block.Args[0].Text, Kind = HeartbeatChannelKind.Link };
        bool kindSet = false;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Channel, $"channel {c.Name}")) continue;
            switch (n.Name)
            {
                case "kind":
                    switch (_a.String(n))
                    {
                        case "link": c = c with { Kind = HeartbeatChannelKind.Link }; kindSet = true; break;
                        case "serial": c = c with { Kind = HeartbeatChannelKind.Serial }; kindSet = true; break;
                        case { } other: _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"channel kind '{other}' is not link or serial"); break;
                    }
                    break;
                case "interface": c = c with { Interface = _a.String(n) }; break;
                case "local_address": c = c with { LocalAddress = _a.Address(n) }; break;
                case "peer_address": c = c with { PeerAddress = _a.Address(n) }; break;
                case "port": c = c with { Port = (ushort)_a.Int(n, K.ChannelPort) }; break;
                case "device": c = c with { Device = _a.String(n) }; break;
                case "baud": c = c with { Baud = _a.Int(n, K.ChannelBaud) }; break;
                case "rtscts": c = c with { RtsCts = _a.Bool(n) }; break;
                case "interval": c = c with { Interval = _a.Seconds(n, K.ChannelInterval) }; break;
                case "dead_time": c = c with { DeadTime = _a.Seconds(n, K.ChannelDeadTime) }; break;
                case "key":
                    if (_a.String(n) is { } hex)
                    {
                        if (HeartbeatKey.TryParse(hex, out var key, out string? why)) c = c with { Key = key };
                        else _d.Error(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"channel {c.Name}: {why}; without a valid key the channel would run unauthenticated", HeartbeatKey.Fix);
                    }
                    break;
                default: break;
            }
        }
        if (!kindSet && c.Device is not null && c.Interface is null) c = c with { Kind = HeartbeatChannelKind.Serial };
        return c;
    }

    private FenceSettings? BindFence(ConfNode block)
    {
        string? command = null;
        var f = new FenceSettings { Command = "" };
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Fence, "fence")) continue;
            switch (n.Name)
            {
                case "command": command = _a.Rest(n); break;
                case "after": f = f with { After = _a.Seconds(n, K.FenceAfter) }; break;
                case "max_random_delay": f = f with { MaxRandomDelay = _a.Seconds(n, K.FenceMaxRandomDelay) }; break;
                default: break;
            }
        }
        if (command is null)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingRequired, "fence needs a 'command'; fencing is off");
            return null;
        }
        return f with { Command = command };
    }

    private BoardSettings BindBoard(ConfNode block)
    {
        var b = new BoardSettings();
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Board, "appliance_board")) continue;
            switch (n.Name)
            {
                case "profile": b = b with { Profile = _a.String(n) }; break;
                case "profile_directory": b = b with { ProfileDirectory = _a.String(n) }; break;
                case "leds":
                    // Either "leds gpio" or "leds { backend gpio }".
                    if (n.Block is null) b = b with { Leds = b.Leds with { Backend = LedBackendOf(n, 0) } };
                    else
                    {
                        foreach (var c in n.Block)
                        {
                            if (!Admit(c, Blocks.Leds, "leds")) continue;
                            if (c.Name == "backend") b = b with { Leds = b.Leds with { Backend = LedBackendOf(c, 0) } };
                            else if (c.Name == "alert_hold") b = b with { Leds = b.Leds with { AlertHold = _a.Seconds(c, K.LedsAlertHold, b.Leds.AlertHold) } };
                            
                        }
                    }
                    break;
                case "watchdog":
                {
                    var w = new WatchdogSettings();
                    foreach (var c in _a.Block(n))
                    {
                        if (!Admit(c, Blocks.Watchdog, "watchdog")) continue;
                        switch (c.Name)
                        {
                            case "kind": w = w with { Kind = WatchdogKindOf(c) }; break;
                            case "device": w = w with { Device = _a.String(c) }; break;
                            case "timeout": w = w with { TimeoutSeconds = _a.Int(c, K.WatchdogTimeout) }; break;
                            case "pet_interval": w = w with { PetInterval = _a.Seconds(c, K.WatchdogPetInterval, w.PetInterval) }; break;
                            case "max_loop_lateness": w = w with { MaxLoopLateness = _a.Seconds(c, K.WatchdogMaxLoopLateness, w.MaxLoopLateness) }; break;
                            case "disarm_on_clean_stop": w = w with { DisarmOnCleanStop = _a.Bool(c) }; break;
                            default: break;
                        }
                    }
                    b = b with { Watchdog = w };
                    break;
                }
                default: break;
            }
        }
        return b;
    }

    private LedBackend LedBackendOf(ConfNode n, int i)
    {
        string? s = _a.String(n, i);
        if (s is null) return LedBackend.Auto;
        if (EnumNames.TryLedBackend(s, out var v)) return v;
        _d.Lenient(n.Args[i].Location, DiagnosticCodes.InvalidValue, $"LED backend '{s}' is not one of {EnumNames.LedBackendList}");
        return LedBackend.Auto;
    }

    private WatchdogKind WatchdogKindOf(ConfNode n)
    {
        string? s = _a.String(n);
        if (s is null) return WatchdogKind.None;
        if (EnumNames.TryWatchdogKind(s, out var v)) return v;
        _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"watchdog kind '{s}' is not one of {EnumNames.WatchdogKindList}");
        return WatchdogKind.None;
    }
}
