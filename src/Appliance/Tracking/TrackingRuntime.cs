using Appliance.Config.Model;
using Appliance.Host.Recorder;
using Appliance.Daemon;
using Appliance.Notify;
using Appliance.Platform.Linux.Inotify;
using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Process;
using Appliance.Platform.Linux.ProcConnector;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tracking;
using Serilog;

namespace Appliance.Tracking;

/// <summary>
/// Trackers and sync groups, wired to the running instances: vrrp_script runners and the
/// track_file watcher are loop sources; link states come from the daemon's netlink monitor;
/// every verdict goes through the pure <see cref="InstanceTracking"/> of each instance that
/// tracks it, and what changes becomes an input to that instance (PriorityChanged, or
/// InterfaceDown/InterfaceUp through its <see cref="FaultGate"/>). Sync groups: state changes of
/// members arrive as events (this is an event sink), are queued, and are handed to the group's
/// <see cref="SyncGroupCoordinator"/> when the loop serves this source, never inside another
/// instance's action processing; its commands become inputs to the other members.
/// </summary>
internal sealed class TrackingRuntime : IEventSink, ILoopSource, IDisposable
{
    private ApplianceConfig _config;
    private readonly ILogger _log;
    private readonly IChildSpawner _spawner;
    private readonly List<TrackedInstance> _instances = [];
    private readonly Dictionary<string, TrackedInstance> _byName = new(StringComparer.Ordinal);
    private readonly List<ScriptTrackerSource> _scripts = [];
    private readonly List<List<(TrackedInstance Instance, int Slot)>> _scriptUsers = [];
    private readonly List<List<(TrackedInstance Instance, int Slot)>> _fileUsers = [];
    private readonly List<SyncGroupRuntime> _groups = [];
    private readonly List<SyncCommand> _commands = [];
    private readonly Queue<(TrackedInstance Instance, VrrpState To)> _pending = new(64);
    private readonly List<ILoopSource> _sources = [];
    private FileWatchSource? _files;
    private ProcessWatchSource? _processes;
    private readonly List<string> _processNames = [];
    private readonly List<List<(TrackedInstance Instance, int Slot)>> _processUsers = [];
    private IEventSink[] _sinks = [];
    private Func<int, bool> _operational = _ => true;
    private Func<List<LinkInfo>> _dumpLinks = () => [];
    private MonoTime _due = MonoTime.Never;
    private readonly List<InstanceHost> _deferredStarts = [];
    private Action<InstanceHost, MonoTime>? _start;

    public TrackingRuntime(ApplianceConfig config, ILogger log, IChildSpawner spawner)
    {
        _config = config;
        _log = log;
        _spawner = spawner;
    }

    /// <summary>Everything the loop must serve for trackers: script runners, the file watcher, and this (sync groups).</summary>
    public IReadOnlyList<ILoopSource> Sources => _sources;

    /// <summary>The running script trackers (tests and status).</summary>
    public IReadOnlyList<ScriptTrackerSource> Scripts => _scripts;

    /// <summary>The vrrp_track_process watcher, or null when no instance tracks a process.</summary>
    public ProcessWatchSource? Processes => _processes;

    /// <summary>The sync groups with two or more running members.</summary>
    public IReadOnlyList<SyncGroupRuntime> Groups => _groups;

    /// <inheritdoc />
    public string Name => "sync groups";

    /// <inheritdoc />
    public int PollFd => -1;

    /// <inheritdoc />
    public MonoTime NextDeadline => _due;

    /// <summary>
    /// Builds the trackers of <paramref name="hosts"/> and gives each instance its starting
    /// priority and fault state (before its Startup input, so an instance whose weight-0 tracker
    /// is down starts in FAULT); starts the scripts. <paramref name="operational"/> says whether
    /// an interface index is up and running; <paramref name="dumpLinks"/> re-reads the interface
    /// table when a tracked interface is missing or down and a link event arrives.
    /// </summary>
    public void Bind(ReadOnlySpan<InstanceHost> hosts, IEventSink[] sinks, List<LinkInfo> links, Func<int, bool> operational,
        Func<List<LinkInfo>> dumpLinks, MonoTime now)
    {
        _sinks = sinks;
        _operational = operational;
        _dumpLinks = dumpLinks;
        Index(_config);
        _processIndex = StartProcesses(hosts, now);
        foreach (var h in hosts) TrackHost(h, links, now);

        foreach (var g in _config.SyncGroups)
        {
            var members = new List<TrackedInstance>();
            foreach (var name in g.Instances)
                if (_byName.TryGetValue(name, out var t) && t.Group is null) members.Add(t);
            // keepalived removes a group with fewer than two members.
            if (members.Count < 2)
            {
                _log.Warning("vrrp_sync_group {Group}: {Count} running member(s); the group is ignored", g.Name, members.Count);
                continue;
            }
            var rt = new SyncGroupRuntime(g, [.. members]);
            for (int i = 0; i < members.Count; i++)
            {
                members[i].Group = rt;
                members[i].Member = i;
            }
            _groups.Add(rt);
            _log.Information("vrrp_sync_group {Group}: {Members} move together", g.Name, string.Join(", ", g.Instances));
        }
        foreach (var g in _groups)
            foreach (var m in g.Members)
                if (m.HasOwnFault) OwnFaultChanged(m, now);

        foreach (var s in _scripts)
        {
            s.Start(now);
            _sources.Add(s);
        }
        if (_files is not null) _sources.Add(_files);
        if (_processes is not null) _sources.Add(_processes);
        _sources.Add(this);
    }

    // What a host's tracking refers to by name, from the configuration the trackers were built of.
    private readonly Dictionary<string, SyncGroupConfig> _groupOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackScriptConfig> _scriptsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackFileConfig> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _scriptIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fileIndex = new(StringComparer.Ordinal);
    private Dictionary<string, int> _processIndex = new(StringComparer.Ordinal);

    private void Index(ApplianceConfig config)
    {
        _groupOf.Clear();
        _scriptsByName.Clear();
        _filesByName.Clear();
        foreach (var g in config.SyncGroups)
            foreach (var member in g.Instances)
                _groupOf.TryAdd(member, g);
        foreach (var sc in config.Scripts) _scriptsByName.TryAdd(sc.Name, sc);
        foreach (var f in config.TrackFiles) _filesByName.TryAdd(f.Name, f);
    }

    /// <summary>
    /// Instances a reload started: their trackers are built from <paramref name="next"/>. A
    /// vrrp_script or track_file already running keeps running with its current result (an
    /// unchanged instance that tracks it must not flap); one that is new starts now. Returns the
    /// sources the loop must now serve as well. A changed script definition or sync group
    /// membership is said, not silently dropped: both take effect at the next restart.
    /// </summary>
    public IReadOnlyList<ILoopSource> AddHosts(ReadOnlySpan<InstanceHost> hosts, ApplianceConfig next, MonoTime now)
    {
        foreach (var sc in next.Scripts)
            if (_scriptsByName.TryGetValue(sc.Name, out var was) && _scriptIndex.ContainsKey(sc.Name) && !was.Equals(sc))
                _log.Warning("{Location}: reload: vrrp_script {Script} changed; the running one keeps its old settings until the next restart", sc.Location.ToString(), sc.Name);
        foreach (var g in next.SyncGroups)
            if (!_config.SyncGroups.Any(o => o.Name == g.Name && o.Instances.SequenceEqual(g.Instances)))
                _log.Warning("{Location}: reload: vrrp_sync_group {Group} is new or changed; its members move together only after the next restart", g.Location.ToString(), g.Name);
        var keepScripts = new Dictionary<string, TrackScriptConfig>(_scriptsByName, StringComparer.Ordinal);
        Index(next);
        // Running scripts keep the definition they run with.
        foreach (var (name, sc) in keepScripts)
            if (_scriptIndex.ContainsKey(name)) _scriptsByName[name] = sc;
        int scriptsBefore = _scripts.Count;
        bool hadFiles = _files is not null;
        var links = _dumpLinks();
        foreach (var h in hosts)
        {
            TrackHost(h, links, now);
            Rejoin(_byName[h.Instance.Settings.Name]);
        }
        var added = new List<ILoopSource>();
        for (int i = scriptsBefore; i < _scripts.Count; i++)
        {
            _scripts[i].Start(now);
            _sources.Add(_scripts[i]);
            added.Add(_scripts[i]);
        }
        if (!hadFiles && _files is not null)
        {
            _sources.Add(_files);
            added.Add(_files);
        }
        return added;
    }

    // A running sync group whose member a reload replaced takes the replacement in its place.
    private void Rejoin(TrackedInstance t)
    {
        string name = t.Host.Instance.Settings.Name;
        foreach (var g in _groups)
            for (int i = 0; i < g.Members.Length; i++)
            {
                var m = g.Members[i];
                if (m.Host.Instance.Settings.Name != name || _instances.Contains(m)) continue;
                g.Members[i] = t;
                t.Group = g;
                t.Member = i;
                return;
            }
    }

    private void TrackHost(InstanceHost h, List<LinkInfo> links, MonoTime now)
    {
        var cfg = h.Config;
        bool weightless = _groupOf.TryGetValue(cfg.Protocol.Name, out var group) && !group.TrackingWeight;
        var specs = new List<TrackerSpec>();
        var names = new List<string>();
        var scriptSlots = new List<(int Script, int Slot)>();
        var fileSlots = new List<(int File, int Slot)>();
        foreach (var r in cfg.TrackInterfaces)
        {
            names.Add(r.Name);
            specs.Add(new TrackerSpec(TrackerKind.Interface, r.Name, Weight(cfg, group, weightless, r), r.Reverse));
        }
        foreach (var r in cfg.TrackScripts)
        {
            if (!_scriptsByName.TryGetValue(r.Name, out var sc))
            {
                _log.Warning("instance {Instance}: track_script {Script} names no vrrp_script; ignored", cfg.Protocol.Name, r.Name);
                continue;
            }
            if (!_scriptIndex.TryGetValue(r.Name, out int si))
            {
                si = AddScript(sc);
                if (si < 0) continue;
                _scriptIndex[r.Name] = si;
            }
            scriptSlots.Add((si, specs.Count));
            names.Add(null!);
            specs.Add(new TrackerSpec(TrackerKind.Script, r.Name, Weight(cfg, group, weightless, r), r.Reverse));
        }
        foreach (var r in cfg.TrackFiles)
        {
            if (!_filesByName.TryGetValue(r.Name, out var fc))
            {
                _log.Warning("instance {Instance}: track_file {File} names no track_file block; ignored", cfg.Protocol.Name, r.Name);
                continue;
            }
            if (!_fileIndex.TryGetValue(r.Name, out int fi))
            {
                fi = AddFile(fc);
                if (fi < 0) continue;
                _fileIndex[r.Name] = fi;
            }
            fileSlots.Add((fi, specs.Count));
            names.Add(null!);
            specs.Add(new TrackerSpec(TrackerKind.File, r.Name, Weight(cfg, group, weightless, r), r.Reverse));
        }
        // Process trackers are started once, with the first instances (the kernel's event stream
        // serves them all); one a reload introduces is said, not silently dropped.
        var processSlots = new List<(int Process, int Slot)>();
        foreach (var r in cfg.TrackProcesses)
        {
            if (!_processIndex.TryGetValue(r.Name, out int pi))
            {
                _log.Warning("instance {Instance}: track_process {Process} is not running (no vrrp_track_process of that name, or one added by a reload: it starts at the next restart); ignored",
                    cfg.Protocol.Name, r.Name);
                continue;
            }
            processSlots.Add((pi, specs.Count));
            names.Add(null!);
            specs.Add(new TrackerSpec(TrackerKind.Process, r.Name, Weight(cfg, group, weightless, r), r.Reverse));
        }
        var model = new InstanceTracking(cfg.Protocol.Priority, [.. specs]);
        var t = new TrackedInstance(h, model, [.. names]);
        _instances.Add(t);
        _byName[cfg.Protocol.Name] = t;
        foreach (var (s, slot) in scriptSlots)
        {
            _scriptUsers[s].Add((t, slot));
            var status = _scripts[s].Counter.Status;
            if (status != TrackerStatus.Pending) model.Set(slot, status);
        }
        foreach (var (p, slot) in processSlots)
        {
            _processUsers[p].Add((t, slot));
            model.Set(slot, _processes!.Quorum(p).Status);
        }
        foreach (var (f, slot) in fileSlots)
        {
            _fileUsers[f].Add((t, slot));
            model.SetFileValue(slot, TrackedFile.ReadValue(_files!.PathOf(f)));
        }
        ResolveInterfaces(t, links);
        for (int i = 0; i < names.Count; i++)
            if (names[i] is not null) model.Set(i, InterfaceStatus(t, i));
        if (model.EffectivePriority != cfg.Protocol.Priority)
            h.Handle(InstanceInput.PriorityChanged(model.EffectivePriority), now, TrackerHint(t));
        if (model.Faulted) SetCause(t, FaultCause.Tracker, true, now, TrackerHint(t));
        if (specs.Count > 0)
            _log.Information("{Prefix} tracking {Count} item(s): base priority {Base}, effective {Effective}{Fault}",
                h.Prefix, specs.Count, model.BasePriority, model.EffectivePriority, model.Faulted ? ", FAULT" : "");
    }

    // keepalived vrrp.c: without sync_group_tracking_weight, trackers of a sync group member act
    // with weight 0 (a failure takes the whole group to FAULT).
    private int Weight(VrrpInstanceConfig cfg, SyncGroupConfig? group, bool weightless, TrackRef r)
    {
        if (!weightless || r.Weight == 0) return r.Weight;
        _log.Warning("instance {Instance}: tracking weight {Weight} for {Tracker} ignored: it is in vrrp_sync_group {Group} without sync_group_tracking_weight",
            cfg.Protocol.Name, r.Weight, r.Name, group!.Name);
        return 0;
    }

    private int AddScript(TrackScriptConfig sc)
    {
        var argv = CommandSplitter.Split(sc.Script);
        if (argv.Count == 0)
        {
            _log.Error("vrrp_script {Script}: script '{Line}' is empty or has an open quote; not run", sc.Name, sc.Script);
            return -1;
        }
        var source = new ScriptTrackerSource(sc.Name, argv, sc.User, TimeSpan.FromSeconds(sc.IntervalSeconds),
            TimeSpan.FromSeconds(sc.TimeoutSeconds > 0 ? sc.TimeoutSeconds : sc.IntervalSeconds),
            new ScriptCounter(sc.Rise, sc.Fall, sc.InitFail), _spawner, OnScriptOutcome);
        _scripts.Add(source);
        _scriptUsers.Add([]);
        return _scripts.Count - 1;
    }

    // Every vrrp_track_process an instance names becomes one tracker of one watcher, started (the
    // events subscribed, then /proc scanned) before any instance reads its first verdict.
    private Dictionary<string, int> StartProcesses(ReadOnlySpan<InstanceHost> hosts, MonoTime now)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var byName = new Dictionary<string, TrackProcessConfig>(StringComparer.Ordinal);
        foreach (var p in _config.TrackProcesses) byName.TryAdd(p.Name, p);
        var trackers = new List<(ProcessPattern, ProcessQuorum)>();
        foreach (var h in hosts)
            foreach (var r in h.Config.TrackProcesses)
            {
                if (index.ContainsKey(r.Name) || !byName.TryGetValue(r.Name, out var pc)) continue;
                if (trackers.Count == 64)
                {
                    _log.Error("vrrp_track_process {Process}: more than 64 tracked processes; not tracked", r.Name);
                    continue;
                }
                var match = pc.ParamMatch switch
                {
                    "exact" => ParamMatch.Exact,
                    "initial" => ParamMatch.Initial,
                    "partial" => ParamMatch.Partial,
                    _ => ParamMatch.None,
                };
                if (!pc.FullCommand && pc.Parameters.IsEmpty && match == ParamMatch.None && pc.Process.Length > ProcTable.CommMax)
                    _log.Warning("vrrp_track_process {Process}: '{Name}' is longer than the {Max} characters of a process's comm and can never match; use full_command",
                        pc.Name, pc.Process, ProcTable.CommMax);
                index[r.Name] = trackers.Count;
                _processNames.Add(r.Name);
                _processUsers.Add([]);
                trackers.Add((new ProcessPattern(pc.Process, pc.Parameters, match, pc.FullCommand),
                    new ProcessQuorum(pc.Quorum, pc.QuorumMax ?? int.MaxValue, pc.ForkDelay, pc.TerminateDelay)));
            }
        if (trackers.Count == 0) return index;
        _processes = new ProcessWatchSource(trackers, OnProcessStatus);
        var error = _processes.Start(now);
        if (error is not null)
            _log.Error("track_process: the kernel's process events are not available ({Error}); the counts stay as /proc showed them at start-up", error.Message);
        else
            _log.Information("track_process: process events subscribed (network namespace: {Where})", _processes.EventsFrom);
        for (int i = 0; i < _processNames.Count; i++)
        {
            var q = _processes.Quorum(i);
            _log.Information("VRRP_Track_Process({Process}): {Count} running, quorum {State}", _processNames[i], q.Count, q.Status == TrackerStatus.Up ? "met" : "lost");
        }
        return index;
    }

    private void OnProcessStatus(int index, TrackerStatus status, MonoTime now)
    {
        _log.Information("VRRP_Track_Process({Process}): {Count} running, quorum {State}", _processNames[index], _processes!.Quorum(index).Count,
            status == TrackerStatus.Up ? "gained" : "lost");
        foreach (var (t, slot) in _processUsers[index]) Apply(t, t.Model.Set(slot, status), now);
    }

    private int AddFile(TrackFileConfig fc)
    {
        if (fc.InitFile is { } v && !TrackedFile.Initialise(fc.File, v, fc.InitFileOverwrite))
            _log.Warning("track_file {Name}: init_file could not write {File}", fc.Name, fc.File);
        _files ??= new FileWatchSource(OnFileChanged);
        int index = _files.Add(fc.File, out var error);
        if (index < 0)
        {
            _log.Error("track_file {Name}: cannot watch the directory of {File}: {Error}; not tracked", fc.Name, fc.File, error.ToString());
            return -1;
        }
        _fileUsers.Add([]);
        return index;
    }

    /// <summary>The tracked view of <paramref name="host"/>, or null (an instance added by a reload).</summary>
    public TrackedInstance? Find(InstanceHost host)
    {
        foreach (var t in _instances)
            if (ReferenceEquals(t.Host, host)) return t;
        return null;
    }

    /// <summary>
    /// Whether <paramref name="host"/> must wait before its Startup input: a weight-0 tracker has
    /// no verdict yet (<see cref="InstanceTracking.AwaitsFirstVerdict"/>). If so, <paramref name="start"/>
    /// is called for it once the verdict is in, and this returns true.
    /// </summary>
    public bool DeferStart(InstanceHost host, Action<InstanceHost, MonoTime> start)
    {
        if (Find(host) is not { Model.AwaitsFirstVerdict: true }) return false;
        _start = start;
        if (!_deferredStarts.Contains(host)) _deferredStarts.Add(host);
        _log.Information("{Prefix} stays in INIT until its weight-0 trackers' first verdict", host.Prefix);
        return true;
    }

    private void StartDeferred(MonoTime now)
    {
        for (int i = _deferredStarts.Count - 1; i >= 0; i--)
        {
            var h = _deferredStarts[i];
            if (Find(h) is { Model.AwaitsFirstVerdict: true }) continue;
            _deferredStarts.RemoveAt(i);
            _start?.Invoke(h, now);
        }
    }

    /// <summary>An instance removed by a reload: no tracker touches it any more.</summary>
    public void Forget(InstanceHost host)
    {
        var t = Find(host);
        if (t is null) return;
        _deferredStarts.Remove(host);
        _instances.Remove(t);
        _byName.Remove(host.Instance.Settings.Name);
        foreach (var users in _scriptUsers) users.RemoveAll(u => ReferenceEquals(u.Instance, t));
        foreach (var users in _fileUsers) users.RemoveAll(u => ReferenceEquals(u.Instance, t));
        foreach (var users in _processUsers) users.RemoveAll(u => ReferenceEquals(u.Instance, t));
    }

    /// <summary>
    /// The instance's own interface (or its VMAC) went up or down. keepalived tracks it as a
    /// weight-0 interface unless <c>dont_track_primary</c>; so does this, through the gate, so it
    /// does not lift a FAULT a tracker still holds. An instance the trackers do not know (added by
    /// a reload) gets the plain input.
    /// </summary>
    public void SetLink(InstanceHost host, bool operational, MonoTime now)
    {
        var t = Find(host);
        if (t is null)
        {
            host.Handle(operational ? InstanceInput.InterfaceUp() : InstanceInput.InterfaceDown(), now, new CauseHint(RecordCause.Link, host.Link.Name));
            return;
        }
        bool fault = !operational && !host.Config.DontTrackPrimary;
        if (!operational && host.Config.DontTrackPrimary && (t.Gate.Causes & FaultCause.Link) == 0)
            _log.Warning("{Prefix} interface down; dont_track_primary: the instance stays up", host.Prefix);
        SetCause(t, FaultCause.Link, fault, now, new CauseHint(RecordCause.Link, host.Link.Name));
    }

    /// <summary>Link events arrived: re-evaluates every track_interface.</summary>
    public void OnLinksChanged(MonoTime now)
    {
        bool redump = false;
        foreach (var t in _instances)
            for (int i = 0; i < t.InterfaceNames.Length; i++)
                if (t.InterfaceNames[i] is not null && (t.InterfaceIndexes[i] == 0 || !_operational(t.InterfaceIndexes[i]))) redump = true;
        List<LinkInfo>? links = redump ? _dumpLinks() : null;
        foreach (var t in _instances)
        {
            if (links is not null) ResolveInterfaces(t, links);
            for (int i = 0; i < t.InterfaceNames.Length; i++)
            {
                if (t.InterfaceNames[i] is null) continue;
                var status = InterfaceStatus(t, i);
                var change = t.Model.Set(i, status);
                if (change.Any)
                    _log.Information("{Prefix} track_interface {Interface} is {State}", t.Host.Prefix, t.InterfaceNames[i], status == TrackerStatus.Up ? "up" : "down");
                Apply(t, change, now);
            }
        }
    }

    private static void ResolveInterfaces(TrackedInstance t, List<LinkInfo> links)
    {
        for (int i = 0; i < t.InterfaceNames.Length; i++)
        {
            if (t.InterfaceNames[i] is not { } name) continue;
            t.InterfaceIndexes[i] = 0;
            foreach (var l in links)
                if (l.Name == name) t.InterfaceIndexes[i] = l.Index;
        }
    }

    // A tracked interface that does not exist is down (keepalived tracks it as a dynamic interface).
    private TrackerStatus InterfaceStatus(TrackedInstance t, int slot) =>
        t.InterfaceIndexes[slot] != 0 && _operational(t.InterfaceIndexes[slot]) ? TrackerStatus.Up : TrackerStatus.Down;

    private void OnScriptOutcome(ScriptTrackerSource source, ScriptOutcome outcome)
    {
        var now = outcome.At;
        if (outcome.Kind == ScriptOutcomeKind.TimedOut)
            _log.Warning("VRRP_Script({Script}) timed out; its process group was killed (a failure)", source.Name);
        else if (outcome.Kind == ScriptOutcomeKind.SpawnFailed && outcome.StatusChanged)
            _log.Error("VRRP_Script({Script}) could not start: {Error}", source.Name, outcome.Error.ToString());
        if (!outcome.StatusChanged) return;
        _log.Information("VRRP_Script({Script}) {Verdict}", source.Name, outcome.Status == TrackerStatus.Up ? "succeeded" : "failed");
        int index = _scripts.IndexOf(source);
        foreach (var (t, slot) in _scriptUsers[index]) Apply(t, t.Model.Set(slot, outcome.Status), now);
        if (_deferredStarts.Count > 0) StartDeferred(now);
    }

    private void OnFileChanged(int index, MonoTime now)
    {
        long value = TrackedFile.ReadValue(_files!.PathOf(index));
        foreach (var (t, slot) in _fileUsers[index])
        {
            var change = t.Model.SetFileValue(slot, value);
            if (change.Any)
                _log.Information("{Prefix} track_file {File} reads {Value}", t.Host.Prefix, t.Model.Trackers[slot].Name, value);
            Apply(t, change, now);
        }
    }

    private void Apply(TrackedInstance t, TrackingChange change, MonoTime now)
    {
        if (change.PriorityChanged)
        {
            _log.Information("{Prefix} Changing effective priority to {Priority} (base {Base}, moved by {Tracker})",
                t.Host.Prefix, t.Model.EffectivePriority, t.Model.BasePriority, t.MovedBy);
            t.Host.Handle(InstanceInput.PriorityChanged(t.Model.EffectivePriority), now, TrackerHint(t));
        }
        if (change.FaultChanged)
        {
            _log.Information("{Prefix} trackers {State} (moved by {Tracker})", t.Host.Prefix, t.Model.Faulted ? "hold the instance in FAULT" : "no longer hold it in FAULT", t.MovedBy);
            SetCause(t, FaultCause.Tracker, t.Model.Faulted, now, TrackerHint(t));
        }
    }

    // For the flight recorder: the tracker whose update moved the priority or the fault state.
    private static CauseHint TrackerHint(TrackedInstance t)
    {
        int i = t.Model.LastMover;
        if (i < 0) return default;
        var spec = t.Model.Trackers[i];
        var status = spec.Kind == TrackerKind.File ? TrackerStatus.Pending : t.Model.StatusOf(i);
        return new CauseHint(RecordCause.Tracker, spec.Name, spec.Weight, spec.Kind, status);
    }

    private void SetCause(TrackedInstance t, FaultCause cause, bool on, MonoTime now, in CauseHint because)
    {
        bool ownBefore = t.HasOwnFault;
        int d = t.Gate.Set(cause, on);
        if (d != 0) t.Host.Handle(d > 0 ? InstanceInput.InterfaceDown() : InstanceInput.InterfaceUp(), now, because);
        if (t.Group is not null && t.HasOwnFault != ownBefore) OwnFaultChanged(t, now);
    }

    private void OwnFaultChanged(TrackedInstance t, MonoTime now)
    {
        var g = t.Group!;
        _commands.Clear();
        bool changed = g.Coordinator.SetOwnFault(t.Member, t.HasOwnFault, _commands);
        if (changed) GroupChanged(g, now);
        RunCommands(g, now);
    }

    /// <inheritdoc />
    public void Publish(in ApplianceEvent e)
    {
        if (e.Kind != EventKind.StateChanged || !_byName.TryGetValue(e.Instance, out var t) || t.Group is null) return;
        _pending.Enqueue((t, e.To));
        _due = MonoTime.Min(_due, e.At);
    }

    /// <inheritdoc />
    public void OnReadable(MonoTime now)
    {
    }

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
        _due = MonoTime.Never;
        // Commands below make members change state, which queues more reports; they are taken in
        // the same pass and stop once the group is in the state they report.
        while (_pending.TryDequeue(out var p))
        {
            var g = p.Instance.Group!;
            _commands.Clear();
            if (g.Coordinator.OnMemberState(p.Instance.Member, p.To, _commands)) GroupChanged(g, now);
            RunCommands(g, now);
        }
        _due = MonoTime.Never;
    }

    private void RunCommands(SyncGroupRuntime g, MonoTime now)
    {
        for (int i = 0; i < _commands.Count; i++)
        {
            var c = _commands[i];
            var m = g.Members[c.Member];
            switch (c.Kind)
            {
                case SyncCommandKind.GoMaster: m.Host.Handle(InstanceInput.SyncGroupMaster(), now, new CauseHint(RecordCause.SyncGroup, g.Config.Name)); break;
                case SyncCommandKind.GoBackup: m.Host.Handle(InstanceInput.SyncGroupBackup(), now, new CauseHint(RecordCause.SyncGroup, g.Config.Name)); break;
                case SyncCommandKind.EnterFault: SetCause(m, FaultCause.SyncGroup, true, now, new CauseHint(RecordCause.SyncGroup, g.Config.Name)); break;
                case SyncCommandKind.LeaveFault: SetCause(m, FaultCause.SyncGroup, false, now, new CauseHint(RecordCause.SyncGroup, g.Config.Name)); break;
            }
        }
        _commands.Clear();
    }

    private void GroupChanged(SyncGroupRuntime g, MonoTime now)
    {
        var state = g.Coordinator.State;
        _log.Information("VRRP_Group({Group}) Syncing instances to {State} state", g.Config.Name, StateNames.Of(state));
        var e = new ApplianceEvent(EventKind.GroupStateChanged, now, g.Config.Name, VrrpState.Initialize, state, 0);
        foreach (var sink in _sinks)
            if (!ReferenceEquals(sink, this)) sink.Publish(e);
    }

    public void Dispose()
    {
        foreach (var s in _scripts) s.Dispose();
        _files?.Dispose();
        _processes?.Dispose();
    }
}
