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
            Heartbeat = heartbeat ?? new HeartbeatSettings(),
            Board = board ?? new BoardSettings(),
            HeartbeatLocation = heartbeatAt,
            BoardLocation = boardAt,
        };
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
            return false;
        }
        switch (k.Status)
        {
            case KeywordStatus.Ignored or KeywordStatus.Deprecated:
                _d.Info(n.Location, DiagnosticCodes.NotUsed, $"'{n.Name}' in {where} is {k.StatusSentence}");
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
