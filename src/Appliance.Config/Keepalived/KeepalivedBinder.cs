using System.Collections.Immutable;
using Appliance.Board;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using Appliance.Config.Text;
using Appliance.Heartbeat;

namespace Appliance.Config.Keepalived;

/// <summary>
/// Binds the block tree to the model. Each handler reads one block into a fresh record; nothing
/// writes into a shared "current object", so a bad block never leaves half of itself behind.
/// </summary>
internal sealed partial class KeepalivedBinder
{
    private readonly DiagnosticBag _d;
    private readonly ArgReader _a;

    public KeepalivedBinder(DiagnosticBag diagnostics)
    {
        _d = diagnostics;
        _a = new ArgReader(diagnostics);
    }

    public ApplianceConfig Bind(List<ConfNode> top)
    {
        GlobalDefs? global = null;
        var instances = new List<ConfNode>();
        var groups = ImmutableArray.CreateBuilder<SyncGroupConfig>();
        var scripts = ImmutableArray.CreateBuilder<TrackScriptConfig>();
        var files = ImmutableArray.CreateBuilder<TrackFileConfig>();
        var processes = ImmutableArray.CreateBuilder<TrackProcessConfig>();
        HeartbeatSettings? heartbeat = null;
        BoardSettings? board = null;
        SourceLocation heartbeatAt = default, boardAt = default;

        foreach (var n in top)
        {
            if (!Admit(n, Blocks.Top, "the top level")) continue;
            switch (n.Name)
            {
                case "global_defs":
                    if (global is not null) _d.Lenient(n.Location, DiagnosticCodes.Duplicate, "a second global_defs block; its settings are merged over the first");
                    global = BindGlobal(n, global);
                    break;
                case "vrrp_instance":
                    instances.Add(n);
                    break;
                case "vrrp_sync_group":
                    if (BindSyncGroup(n) is { } g) groups.Add(g);
                    break;
                case "vrrp_script":
                    if (BindScript(n) is { } s) scripts.Add(s);
                    break;
                case "track_file" or "vrrp_track_file":
                    if (n.Block is null && n.Args.Count == 0)
                        _d.Lenient(n.Location, DiagnosticCodes.MissingValue, "track_file needs a name and a block");
                    else if (BindTrackFile(n) is { } f) files.Add(f);
                    break;
                case "vrrp_track_process":
                    if (BindTrackProcess(n) is { } tp) processes.Add(tp);
                    break;
                case "virtual_server" or "virtual_server_group":
                    LintLvs(n);
                    break;
                case "appliance_heartbeat":
                    heartbeat = BindHeartbeat(n);
                    heartbeatAt = n.Location;
                    break;
                case "appliance_board":
                    board = BindBoard(n);
                    boardAt = n.Location;
                    break;
                default:
                    break; // known to the schema, not bound: Admit has said so
            }
        }

        WarnScriptsUsedBeforeDefinition(top);
        global ??= new GlobalDefs(new GlobalSettings(), AcceptDefault: true);
        var bound = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        foreach (var n in instances)
            if (BindInstance(n, global) is { } i) bound.Add(i);

        return new ApplianceConfig
        {
            Global = global.Settings,
            Instances = bound.ToImmutable(),
            SyncGroups = groups.ToImmutable(),
            Scripts = scripts.ToImmutable(),
            TrackFiles = files.ToImmutable(),
            TrackProcesses = processes.ToImmutable(),
            Heartbeat = heartbeat ?? new HeartbeatSettings(),
            Board = board ?? new BoardSettings(),
            HeartbeatLocation = heartbeatAt,
            BoardLocation = boardAt,
            OtherInterfaces = DevMentions(top),
        };
    }

    // IFNAMSIZ (16) less the terminating NUL.
    private const int MaxInterfaceName = 15;

    /// <summary>keepalived 2.2.7 takes an explicit 0 for a GARP/NA spacing as invalid (its range starts at
    /// 1 µs) and keeps its default; appliance reads 0 as "no spacing", which is that default.</summary>
    private void WarnIfZeroInterval(ConfNode n)
    {
        if (n.Args.Count > 0 && double.TryParse(n.Args[0].Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v == 0)
            _d.Warning(n.Args[0].Location, DiagnosticCodes.KeepalivedDiffers, $"'{n.Name} 0': keepalived 2.2.7 calls 0 invalid (its range starts at 0.000001 s) and keeps its default",
                "leave the line out for no spacing");
    }

    /// <summary>
    /// keepalived 2.2.7 resolves a track_script name when it reads it, so a vrrp_script defined further down
    /// the file is "not found" there and the instance does not track it; appliance resolves names after
    /// reading everything and tracks it. Said at the track_script line, where keepalived says it.
    /// </summary>
    private void WarnScriptsUsedBeforeDefinition(List<ConfNode> top)
    {
        var all = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var n in top)
            if (n.Name == "vrrp_script" && n.Args.Count > 0) all.TryAdd(n.Args[0].Text, n.Location);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in top)
        {
            if (n.Name == "vrrp_script" && n.Args.Count > 0) seen.Add(n.Args[0].Text);
            if (n.Name is not ("vrrp_instance" or "vrrp_sync_group") || n.Block is null) continue;
            foreach (var child in n.Block)
            {
                if (child.Name != "track_script" || child.Block is null) continue;
                foreach (var r in child.Block)
                    if (!seen.Contains(r.Name) && all.TryGetValue(r.Name, out var at))
                        _d.Warning(r.Location, DiagnosticCodes.KeepalivedDiffers,
                            $"vrrp_script {r.Name} is defined after its use here (at {at}): keepalived 2.2.7 does not find it and tracks nothing, appliance tracks it",
                            "define the vrrp_script above the blocks that track it");
            }
        }
    }

    /// <summary>The <c>dev NAME</c> words of static_ipaddress / static_routes / static_rules and of each
    /// instance's virtual_routes / virtual_rules: blocks appliance does not act on, whose interfaces
    /// keepalived still requires to exist.</summary>
    private static ImmutableArray<InterfaceMention> DevMentions(List<ConfNode> top)
    {
        var b = ImmutableArray.CreateBuilder<InterfaceMention>();
        void Lines(List<ConfNode>? block)
        {
            if (block is null) return;
            foreach (var line in block)
                for (int i = 0; i + 1 < line.Args.Count; i++)
                    if (line.Args[i].Text == "dev") b.Add(new InterfaceMention(line.Args[i + 1].Text, line.Args[i + 1].Location));
        }
        foreach (var n in top)
        {
            if (n.Name is "static_ipaddress" or "static_routes" or "static_rules") Lines(n.Block);
            else if (n.Name == "vrrp_instance" && n.Block is not null)
                foreach (var child in n.Block)
                    if (child.Name is "virtual_routes" or "virtual_rules") Lines(child.Block);
        }
        return b.ToImmutable();
    }

    /// <summary>
    /// Decides from the schema what happens to keyword <paramref name="n"/> of block <paramref name="block"/>:
    /// unknown keywords get a warning with the closest known one; keepalived keywords without meaning
    /// here get a note; keywords read but not acted on get a located warning that says so (once: not
    /// again for the lines inside a block that is itself not acted on). True when the binder should read it.
    /// </summary>
    private bool Admit(ConfNode n, string block, string where, Keyword? parent = null)
    {
        var k = Keywords.Find(block, n.Name);
        if (k is null)
        {
            _d.Lenient(n.Location, DiagnosticCodes.UnknownKeyword, $"unknown keyword '{n.Name}' in {where}", DidYouMean.Hint(n.Name, Keywords.NamesIn(block)));
            // keepalived skips only the unknown line and reads what the block holds as keywords of this
            // level, complaining about each; appliance skips the whole block and names each line it skips.
            if (n.Block is { } skipped)
                foreach (var inner in skipped)
                    _d.Info(inner.Location, DiagnosticCodes.UnknownKeyword, $"'{inner.Name}' is skipped with the block of unknown '{n.Name}'");
            if (n.BlockEndLocation.Line > 0)
                _d.Info(n.BlockEndLocation, DiagnosticCodes.UnknownKeyword, $"the block of unknown '{n.Name}' ends here");
            return false;
        }
        switch (k.Status)
        {
            case KeywordStatus.Ignored:
                _d.Info(n.Location, DiagnosticCodes.NotUsed, $"'{n.Name}' in {where} is {k.StatusSentence}");
                return false;
            case KeywordStatus.Deprecated:
                // keepalived -t warns about a deprecated keyword (its exit 5), so this is a warning too.
                _d.Warning(n.Location, DiagnosticCodes.NotUsed, $"'{n.Name}' in {where} is {k.StatusSentence}");
                return false;
            case KeywordStatus.NotActed when parent is null || parent.Status == KeywordStatus.Acted:
                _d.Add(NotActedFeatures.Diagnostic(k, n.Name, where, n.Location));
                return true;
            default:
                return true;
        }
    }

    /// <summary>Names from a block of one word per line (<c>notification_email</c>, <c>group</c>).</summary>
    private ImmutableArray<string> Words(ConfNode n)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        foreach (var c in _a.Block(n))
        {
            b.Add(c.Name);
            foreach (var extra in c.Args) b.Add(extra.Text);
            if (c.Block is not null) _d.Lenient(c.Location, DiagnosticCodes.InvalidValue, $"'{c.Name}' in '{n.Name}' cannot have a block");
        }
        foreach (var extra in n.Args) b.Add(extra.Text);
        return b.ToImmutable();
    }

    /// <summary>The global settings plus keepalived's per-instance defaults that global_defs sets.</summary>
    private sealed record GlobalDefs(GlobalSettings Settings, bool AcceptDefault, int DownTimerAdverts = 3, bool LowerPrioNoAdvert = false, bool CheckUnicastSrc = false, bool HigherPrioSendAdvert = false);
}
