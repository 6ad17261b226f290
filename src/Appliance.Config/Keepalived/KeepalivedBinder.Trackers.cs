using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;

namespace Appliance.Config.Keepalived;

internal sealed partial class KeepalivedBinder
{
    private SyncGroupConfig? BindSyncGroup(ConfNode block)
    {
        if (block.Args.Count == 0)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "vrrp_sync_group needs a name; the group is ignored");
            return null;
        }
        var g = new SyncGroupConfig { Name = block.Args[0].Text, Location = block.Location };
        var notify = new NotifyConfig();
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.SyncGroup, $"vrrp_sync_group {g.Name}", K.VrrpSyncGroup)) continue;
            switch (n.Name)
            {
                case "group": g = g with { Instances = Words(n) }; break;
                case "notify": notify = notify with { Notify = _a.Rest(n) }; break;
                case "notify_master": notify = notify with { Master = _a.Rest(n) }; break;
                case "notify_backup": notify = notify with { Backup = _a.Rest(n) }; break;
                case "notify_fault": notify = notify with { Fault = _a.Rest(n) }; break;
                case "notify_stop": notify = notify with { Stop = _a.Rest(n) }; break;
                case "smtp_alert": g = g with { SmtpAlert = _a.Bool(n) }; break;
                case "sync_group_tracking_weight": g = g with { TrackingWeight = true }; break;
                default: break;
            }
        }
        return g with { Notify = notify };
    }

    private TrackScriptConfig? BindScript(ConfNode block)
    {
        if (block.Args.Count == 0)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "vrrp_script needs a name; it is ignored");
            return null;
        }
        string name = block.Args[0].Text;
        string? script = null;
        int interval = 1, timeout = 0, weight = 0, rise = 1, fall = 1;
        string? user = null;
        bool reverse = false, initFail = false;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Script, $"vrrp_script {name}", K.VrrpScript)) continue;
            switch (n.Name)
            {
                case "script": script = _a.Rest(n); break;
                case "interval": interval = _a.Int(n, K.ScriptInterval); break;
                case "timeout": timeout = _a.Int(n, K.ScriptTimeout); break;
                case "weight":
                    weight = _a.Int(n, K.ScriptWeight);
                    if (n.Args.Count > 1 && n.Args[1].Text != "reverse") _a.NoMoreThan(n, 1);
                    reverse = n.Args.Count > 1 && n.Args[1].Text == "reverse";
                    break;
                case "init_fail": initFail = true; break;
                case "rise": rise = _a.Int(n, K.ScriptRise); break;
                case "fall": fall = _a.Int(n, K.ScriptFall); break;
                case "user": user = _a.Rest(n); break;
                default: break;
            }
        }
        if (script is null)
        {
            // keepalived: "No script set for vrrp_script X - removing".
            _d.Lenient(block.Location, DiagnosticCodes.MissingRequired, $"vrrp_script {name} has no 'script'; it is removed");
            return null;
        }
        return new TrackScriptConfig
        {
            Name = name, Script = script, IntervalSeconds = interval, TimeoutSeconds = timeout, Weight = weight,
            Rise = rise, Fall = fall, User = user, Reverse = reverse, InitFail = initFail, Location = block.Location,
        };
    }

    private TrackFileConfig? BindTrackFile(ConfNode block)
    {
        if (block.Args.Count == 0)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "track_file needs a name; it is ignored");
            return null;
        }
        string name = block.Args[0].Text;
        string? file = null;
        int weight = 1;
        long? initFile = null;
        bool overwrite = false;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.TrackFile, $"track_file {name}", K.TrackFileBlock)) continue;
            switch (n.Name)
            {
                case "file": file = _a.String(n); break;
                case "weight": weight = _a.Int(n, K.TrackFileWeight); break;
                case "init_file":
                    // keepalived: init_file [VALUE] [overwrite]
                    initFile = 0;
                    for (int i = 0; i < n.Args.Count; i++)
                    {
                        if (n.Args[i].Text == "overwrite") overwrite = true;
                        else initFile = _a.Int(n, -254, 254, 0, i);
                    }
                    break;
                default: break;
            }
        }
        if (file is null)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingRequired, $"track_file {name} has no 'file'; it is removed");
            return null;
        }
        return new TrackFileConfig { Name = name, File = file, Weight = weight, InitFile = initFile, InitFileOverwrite = overwrite, Location = block.Location };
    }

    // keepalived vrrp_parser.c (vrrp_tprocess_*_handler): parameters after the process name, or
    // param_match, switch full_command on; "param_match" alone means exact.
    private TrackProcessConfig? BindTrackProcess(ConfNode block)
    {
        if (block.Args.Count == 0)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingValue, "vrrp_track_process needs a name; it is ignored");
            return null;
        }
        string name = block.Args[0].Text;
        var p = new TrackProcessConfig { Name = name, Process = "", Location = block.Location };
        bool haveProcess = false;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.TrackProcess, $"vrrp_track_process {name}", K.TrackProcessBlock)) continue;
            switch (n.Name)
            {
                case "process":
                    if (_a.String(n) is not { } proc) break;
                    haveProcess = true;
                    var parameters = ImmutableArray.CreateBuilder<string>();
                    for (int i = 1; i < n.Args.Count; i++) parameters.Add(n.Args[i].Text);
                    p = p with { Process = proc, Parameters = parameters.ToImmutable() };
                    break;
                case "param_match":
                {
                    string word = n.Args.Count == 0 ? "exact" : n.Args[0].Text;
                    if (word is "initial" or "partial" or "exact") p = p with { ParamMatch = word };
                    else _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, $"param_match '{word}' is not initial or partial", "ignored");
                    break;
                }
                case "weight":
                    p = p with { Weight = _a.Int(n, K.TrackProcessWeight) };
                    if (n.Args.Count > 1 && n.Args[1].Text != "reverse") _a.NoMoreThan(n, 1);
                    p = p with { Reverse = n.Args.Count > 1 && n.Args[1].Text == "reverse" };
                    break;
                case "quorum": p = p with { Quorum = _a.Int(n, K.TrackProcessQuorum) }; break;
                case "quorum_max": p = p with { QuorumMax = _a.Int(n, K.TrackProcessQuorumMax, 0) }; break;
                case "fork_delay": p = p with { ForkDelay = _a.Seconds(n, K.TrackProcessForkDelay) }; break;
                case "terminate_delay": p = p with { TerminateDelay = _a.Seconds(n, K.TrackProcessTerminateDelay) }; break;
                case "delay":
                {
                    var d = _a.Seconds(n, K.TrackProcessDelay, Vrrp.Centiseconds.Zero);
                    p = p with { ForkDelay = d, TerminateDelay = d };
                    break;
                }
                case "full_command": p = p with { FullCommand = true }; break;
                default: break;
            }
        }
        if (!haveProcess)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingRequired, $"vrrp_track_process {name} has no 'process'; it is removed");
            return null;
        }
        if (p.QuorumMax is { } max && max < p.Quorum)
        {
            _d.Lenient(block.Location, DiagnosticCodes.InvalidValue, $"vrrp_track_process {name}: quorum_max {max} is below quorum {p.Quorum}", "quorum_max is raised to quorum");
            p = p with { QuorumMax = p.Quorum };
        }
        return p;
    }
}
