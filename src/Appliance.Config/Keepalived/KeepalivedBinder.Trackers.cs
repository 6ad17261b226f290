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
                    break;
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
            Rise = rise, Fall = fall, User = user, Location = block.Location,
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
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.TrackFile, $"track_file {name}", K.TrackFileBlock)) continue;
            switch (n.Name)
            {
                case "file": file = _a.String(n); break;
                case "weight": weight = _a.Int(n, K.TrackFileWeight); break;
                default: break;
            }
        }
        if (file is null)
        {
            _d.Lenient(block.Location, DiagnosticCodes.MissingRequired, $"track_file {name} has no 'file'; it is removed");
            return null;
        }
        return new TrackFileConfig { Name = name, File = file, Weight = weight, Location = block.Location };
    }
}
