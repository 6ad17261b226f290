using Appliance.Notify;
using Appliance.Tracking;
using Appliance.Config.Model;
using Appliance.Daemon.Loop;
using Appliance.Operations;
using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Signals;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;
using Appliance.Host;
using Appliance.Host.Logging;
using Appliance.Host.Recorder;
using Appliance.Host.SplitBrain;

namespace Appliance.Daemon;

/// <summary>
/// The running daemon: composes the <see cref="EventLoop"/> and its sources, the
/// <see cref="Provisioner"/> and the <see cref="Reloader"/>, and owns the running set (instance
/// hosts and VRRP links, each registered with the loop). One thread, no timers per instance, no
/// thread pool, no async.
/// </summary>
internal sealed class Daemon : IDisposable
{
    private readonly DaemonOptions _options;
    private readonly ILogger _log;
    private readonly EventLoop _loop = new();
    private readonly LinkMonitor _monitor = new();
    private readonly SignalEvents _signals = new();
    private readonly List<InstanceHostSource> _hosts = [];
    private readonly List<VrrpLinkSource> _links = [];
    private readonly IDeadlineParticipant[] _participants;
    private readonly Reloader _reloader;
    private readonly StatusWriter _status;
    private readonly string _pidFile;
    private readonly LinkWatcher _linkWatcher;
    private readonly TrackingRuntime _tracking;
    private bool _trackingBound;
    private readonly AcceptModeEnforcer _accept;
    private InstanceHost[] _hostArray = [];
    private VrrpLink[] _linkArray = [];
    private bool _pidWritten;
    private List<VrrpInstanceConfig> _pending = [];
    private Operations.OperationsRuntime? _operations;
    private FlightRecorder? _recorder;
    private readonly Dumps.KeepalivedDumps _dumps;

    public Daemon(ApplianceConfig config, DaemonOptions options, ILogger log, IEnumerable<IEventSink> fixedSinks, IEnumerable<IDeadlineParticipant> participants,
        Func<Config.ConfigLoadResult>? reload = null)
    {
        Config = config;
        _options = options;
        _log = log;
        // Trackers and sync groups: one registration. The runtime watches state changes as a sink
        // (sync groups) and serves its script runners and file watcher as loop sources; scripts
        // start through the privilege-dropping launcher as the script user.
        _tracking = new TrackingRuntime(config, log, new LauncherSpawner(ScriptPolicy.Resolve(config.Global, log), log, config.Scripts.Select(sc => sc.User)));
        Sinks = new SinkSet([.. fixedSinks, _tracking], DaemonComposition.Notify(config, log));
        _participants = [.. participants];
        DropLog = new DropLog(log, config.Instances.Length * 3 + 8);
        Provisioner = new Provisioner(log, DropLog, Sinks);
        // One table per daemon, named after its configuration file as the single-instance lock is.
        string configPath = Path.GetFullPath(options.ConfigPath ?? "appliance");
        _accept = new AcceptModeEnforcer($"appliance_{Appliance.Heartbeat.Wire.Crc32C.Compute(System.Text.Encoding.UTF8.GetBytes(configPath)):x8}", log);
        _status = new StatusWriter(options.StatusFile ?? RuntimePaths.DefaultStatusFile());
        _pidFile = options.PidFile ?? RuntimePaths.DefaultPidFile();
        _linkWatcher = new LinkWatcher(_monitor, Provisioner.Links, log, () => _hostArray, now =>
        {
            RetryPending(now);
            _tracking.OnLinksChanged(now);
        })
        {
            SetLink = (h, up, now) => _tracking.SetLink(h, up, now),
        };
        _reloader = new Reloader(this, reload, log);
        _dumps = new Dumps.KeepalivedDumps(log);
    }

    public ApplianceConfig Config { get; set; }

    public SinkSet Sinks { get; }

    public DropLog DropLog { get; }

    public Provisioner Provisioner { get; }

    public EventLoop Loop => _loop;

    public LinkWatcher LinkStates => _linkWatcher;

    public ReadOnlySpan<InstanceHost> Hosts => _hostArray;

    public ReadOnlySpan<VrrpLink> Links => _linkArray;

    /// <summary>Instances waiting in FAULT for their interface to appear.</summary>
    public IReadOnlyList<VrrpInstanceConfig> Pending => _pending;

    /// <summary>The loop sources of the running instances (their late-deadline counters).</summary>
    public IReadOnlyList<InstanceHostSource> HostSources => _hosts;

    /// <summary>The loop sources of the VRRP sockets.</summary>
    public IReadOnlyList<VrrpLinkSource> LinkSources => _links;

    /// <summary>The split-brain defence; null when no heartbeat channel is configured.</summary>
    public HeartbeatService? Heartbeat { get; private set; }

    /// <summary>The board (LEDs, watchdog), when configured: its counters go to the status file.</summary>
    public BoardRuntime? Board { get; init; }

    public MonoTime StartedAt { get; private set; }

    /// <summary>The single-instance lock, when the caller took it already (before opening board
    /// I/O); otherwise <see cref="Start"/> takes it. Released when the daemon is disposed.</summary>
    public InstanceLock? Lock { get; set; }

    public long LoopTurns => _loop.Turns;

    /// <summary>The flight recorder (<c>appliance why</c>); null when its file could not be opened.</summary>
    public FlightRecorder? Recorder => _recorder;

    /// <summary>True once vrrp_startup_delay has passed and the instances run.</summary>
    public bool InstancesStarted { get; private set; }

    public Reloader Reloader => _reloader;

    /// <summary>The SNMP subagent and the metrics endpoint, when configured.</summary>
    public Operations.OperationsRuntime? Operations => _operations;

    /// <summary>The control socket (status, reload, maintenance, version); open from <see cref="Start"/> on.</summary>
    public ControlServer? Control { get; private set; }

    /// <summary>Trackers and sync groups.</summary>
    public TrackingRuntime Tracking => _tracking;

    /// <summary>Maintenance mode (the board's button): every instance gives up mastership with
    /// priority 0 and stays out of the election until it ends. Survives a reload.</summary>
    public bool Maintenance { get; private set; }

    /// <summary>Switches maintenance on or off for every instance (the button, or a future control verb).</summary>
    public void SetMaintenance(bool on, MonoTime now)
    {
        if (on == Maintenance) return;
        Maintenance = on;
        _log.Warning("maintenance {State}: {What}", on ? "on" : "off",
            on ? "masters hand over with priority 0; no instance takes part in the election" : "instances start again");
        Sinks.Publish(new ApplianceEvent(on ? EventKind.MaintenanceOn : EventKind.MaintenanceOff, now));
        if (!InstancesStarted) return;
        foreach (var h in _hostArray) h.Handle(InstanceInput.Maintenance(on), now);
    }

    /// <summary>Takes the single-instance lock, prepares every instance, cleans up after a crash,
    /// writes the pid file and registers the loop sources. Throws <see cref="DaemonStartupException"/>
    /// with an operator-readable message; on any failure whatever was created is deleted again.</summary>
    public void Start()
    {
        StartedAt = MonoClock.Now;
        // The lock comes first: a second daemon must not touch the first one's VIPs or files.
        Lock ??= Provisioner.AcquireLock(_options.ConfigPath ?? "", RuntimePaths.DefaultDirectory());
        // Before anything is provisioned: an unusable SNMP or metrics address stops the start cleanly.
        _operations = Appliance.Operations.OperationsRuntime.Start(Config.Global.Operations, this, _log, StartedAt);
        OpenRecorder();
        var tx = new Preparation();
        try
        {
            var links = Provisioner.Links.Dump();
            var addresses = Provisioner.Addresses.Dump();
            _linkWatcher.Seed(links);
            foreach (var cfg in Config.Instances) PrepareOrWait(cfg, Config.Global, links, addresses, tx);
            // Re-read: a VMAC created above carries addresses too.
            if (tx.CreatedVmacs.Count > 0)
            {
                addresses = Provisioner.Addresses.Dump();
                _linkWatcher.Seed(Provisioner.Links.Dump());
            }
            foreach (var h in tx.Hosts) Provisioner.CleanStaleVips(h, tx, addresses);
            Heartbeat = HeartbeatService.Create(Config, [.. tx.Hosts], [Sinks], _log, fences: f => new FencingRunner(f, ScriptPolicy.Resolve(Config.Global, _log), _log));
            Control = OpenControl();
            Provisioner.WritePidFile(_pidFile);
            _pidWritten = true;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_status.Path))!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DaemonStartupException($"cannot create the directory of the status file {_status.Path}: {e.Message}; choose another with --status-file PATH");
            }
        }
        catch
        {
            Control?.Dispose();
            Control = null;
            Heartbeat?.Dispose();
            Heartbeat = null;
            Provisioner.Undo(tx);
            if (_pidWritten) TryDelete(_pidFile);
            _pidWritten = false;
            throw;
        }
        Adopt(tx, StartedAt, startNow: false);
        _pending = [.. tx.Pending];
        // Trackers give each instance its starting priority and fault state before its Startup input.
        _tracking.Bind(_hostArray, [Sinks], Provisioner.Links.Dump(), _linkWatcher.IsUp, Provisioner.Links.Dump, StartedAt);
        _trackingBound = true;
        foreach (var source in _tracking.Sources) _loop.Register(source);
        Heartbeat?.Start(StartedAt);

        _loop.Register(new SignalSource(_signals, OnSignal));
        _loop.Register(_linkWatcher);
        if (Heartbeat is not null) HeartbeatSources.Register(_loop, Heartbeat);
        for (int i = 0; i < _participants.Length; i++) _loop.Register(new DeadlineSource($"participant {i}", _participants[i]));
        foreach (var p in _participants)
            if (p is ILoopObserver o) _loop.Observe(o);
        _loop.Register(new StatusTimer(_status, this, _options.StatusInterval, StartedAt));
        _loop.Register(Control!);
        if (Board?.Button is { } button)
        {
            _loop.Register(new MaintenanceSource(button, now => SetMaintenance(!Maintenance, now)));
            _log.Information("maintenance button on GPIO line {Line}: a press toggles maintenance", button.Line);
        }
        var delay = Config.Global.StartupDelay;
        if (delay.Value > 0) _log.Information("vrrp_startup_delay: instances start in {Delay}", delay.ToString());
        _loop.Register(new StartupDelay(StartedAt.Add(delay), _loop, StartInstances));
        _log.Information("appliance started: {Count} instance(s), pid file {PidFile}, status file {StatusFile}", _hostArray.Length, _pidFile, _status.Path);
    }

    // The control group is resolved here, at start-up: a name service lookup may block, which the
    // loop must never do when a client connects.
    private ControlServer OpenControl()
    {
        uint? gid = null;
        string? group = Config.Global.ControlGroup;
        if (group is not null)
        {
            gid = Platform.Linux.Processes.UserDatabase.FindGroup(group, out string? error)
                ?? throw new DaemonStartupException($"global.control_group: {error ?? $"no group named '{group}'"}");
        }
        var verbs = new ControlVerbs(this);
        var server = ControlServer.Open(ControlEndpoint.For(_options.ControlSocket, _options.ConfigPath ?? "-"), _loop, new ControlAccess(gid, group), verbs.Serve, _log);
        verbs.Server = server;
        _log.Information("control socket {Socket}{Group}", server.Endpoint.ToString(), group is null ? " (root only)" : $" (root and group {group})");
        return server;
    }

    // The flight recorder must never stop the daemon: without its file the daemon runs and says so.
    private void OpenRecorder()
    {
        string path = Config.Global.FlightRecorderPath ?? RuntimePaths.DefaultFlightRecorderFile();
        try
        {
            _recorder = FlightRecorder.Open(path);
            _log.Information("flight recorder {Path}: the last {Slots} transitions of each instance, with their causes (appliance why)", path, FlightRecorder.SlotsPerInstance);
        }
        catch (Exception e) when (e is Platform.Linux.Interop.PlatformException or IOException or UnauthorizedAccessException)
        {
            _log.Error("flight recorder off: cannot open {Path}: {Error}", path, e.Message);
        }
    }

    /// <summary>Prepares <paramref name="cfg"/>, or, when its interface does not exist, records it
    /// as waiting in FAULT for the interface (keepalived's behaviour) instead of failing.</summary>
    public void PrepareOrWait(VrrpInstanceConfig cfg, GlobalSettings global, List<LinkInfo> links, List<AddressEntry> addresses, Preparation tx)
    {
        try
        {
            Provisioner.Prepare(cfg, global, links, addresses, _linkArray, _hostArray, tx);
        }
        catch (InterfaceMissingException e)
        {
            tx.Pending.Add(cfg);
            _log.Warning("{Message}; the instance stays in FAULT until the interface appears", e.Message);
        }
    }

    /// <summary>A reload decided which instances wait for their interface.</summary>
    public void ReplacePending(List<VrrpInstanceConfig> pending, MonoTime now)
    {
        var before = _pending;
        _pending = pending;
        if (!InstancesStarted) return;
        foreach (var c in pending)
            if (!WasWaiting(before, c)) PublishFault(c, now);
    }

    private static bool WasWaiting(List<VrrpInstanceConfig> before, VrrpInstanceConfig c)
    {
        foreach (var b in before)
            if (b.Protocol.Name == c.Protocol.Name && ConfigFingerprint.Same(b, c)) return true;
        return false;
    }

    // A link appeared or came up: instances waiting for their interface try again. Nothing is
    // created unless the whole instance can be prepared.
    private void RetryPending(MonoTime now)
    {
        if (_pending.Count == 0) return;
        List<LinkInfo>? links = null;
        List<AddressEntry>? addresses = null;
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            var cfg = _pending[i];
            links ??= Provisioner.Links.Dump();
            bool exists = false;
            foreach (var l in links) exists |= l.Name == cfg.Interface;
            if (!exists) continue;
            addresses ??= Provisioner.Addresses.Dump();
            var tx = new Preparation();
            try
            {
                Provisioner.Prepare(cfg, Config.Global, links, addresses, _linkArray, _hostArray, tx);
            }
            catch (Exception e)
            {
                Provisioner.Undo(tx);
                _log.Warning("{Location}: instance {Name}: interface {Interface} is there but the instance cannot start yet: {Message}", cfg.Location.ToString(), cfg.Protocol.Name, cfg.Interface, e.Message);
                continue;
            }
            _pending.RemoveAt(i);
            _log.Information("{Location}: instance {Name}: interface {Interface} appeared; starting the instance", cfg.Location.ToString(), cfg.Protocol.Name, cfg.Interface);
            _linkWatcher.Seed(Provisioner.Links.Dump());
            Adopt(tx, now, startNow: InstancesStarted, because: new CauseHint(RecordCause.InterfaceAppeared, cfg.Interface));
            RebindHeartbeat(now);
            links = null;
            addresses = null;
        }
    }

    private void PublishFault(VrrpInstanceConfig c, MonoTime now)
    {
        Sinks.Publish(new ApplianceEvent(EventKind.StateChanged, now, c.Protocol.Name, VrrpState.Initialize, VrrpState.Fault, c.Protocol.Priority));
        if (_recorder is null) return;
        var r = new FlightRecord
        {
            Kind = RecordKind.Transition, From = VrrpState.Initialize, To = VrrpState.Fault, Reason = StateChangeReason.InterfaceDown,
            Cause = RecordCause.InterfaceMissing, Detail = c.Interface, Priority = c.Protocol.Priority, BasePriority = c.Protocol.Priority,
            Vrid = c.Protocol.Vrid, SilenceMs = FlightRecord.NoSilence, Instance = c.Protocol.Name,
        };
        _recorder.Record(ref r);
    }

    /// <summary>Hands prepared hosts to the running set: registers them on their links and with
    /// the loop, and starts them when the instances already run.</summary>
    public void Adopt(Preparation tx, MonoTime now, bool startNow, ApplianceConfig? config = null, CauseHint because = default)
    {
        foreach (var l in tx.OpenedLinks)
        {
            var source = new VrrpLinkSource(l, DropLog);
            DropLog.Register(l);
            _links.Add(source);
            _loop.Register(source, critical: true);
        }
        foreach (var h in tx.Hosts)
        {
            h.Recorder = _recorder;
            _recorder?.Claim(h.Instance.Settings.Name);
            if (!h.Link.Register(h))
                _log.Error("bug: {Prefix} VRID taken on its link after preparation checked it", h.Prefix);
            DropLog.Register(h);
            var source = new InstanceHostSource(h) { AdoptedAt = now };
            _hosts.Add(source);
            _loop.Register(source);
            Provisioner.Announce(h, tx);
        }
        RebuildArrays();
        // Instances started after start-up (by a reload, or when their interface appeared) get
        // their trackers before their Startup input, as the first ones did.
        if (_trackingBound && tx.Hosts.Count > 0)
            foreach (var source in _tracking.AddHosts(tx.Hosts.ToArray(), config ?? Config, now)) _loop.Register(source);
        ApplyAcceptMode();
        if (!startNow) return;
        foreach (var h in tx.Hosts) Start(h, now, because);
    }

    /// <summary>Stops and forgets a running instance: priority 0 if master, VIPs removed, its VMAC
    /// deleted unless its replacement took it over (<paramref name="keepVmac"/>).</summary>
    public void Remove(InstanceHost h, MonoTime now, bool keepVmac)
    {
        h.Handle(InstanceInput.Shutdown(), now, new CauseHint(RecordCause.Reload));
        h.RemoveVipsNow(now);
        h.Announcer.Stop();
        h.Link.Unregister(h);
        _tracking.Forget(h);
        DropLog.Release(h);
        for (int i = 0; i < _hosts.Count; i++)
        {
            if (!ReferenceEquals(_hosts[i].Host, h)) continue;
            _loop.Unregister(_hosts[i]);
            _hosts.RemoveAt(i);
            break;
        }
        if (h.VmacIndex != 0 && !keepVmac)
        {
            Provisioner.DeleteVmac(h.VmacIndex);
            _linkWatcher.Forget(h.VmacIndex);
        }
        RebuildArrays();
    }

    /// <summary>Brings the kernel's accept-mode table in line with the running instances.</summary>
    public void ApplyAcceptMode() => _accept.Apply(_hostArray);

    /// <summary>The accept-mode table (status and tests).</summary>
    public AcceptModeEnforcer AcceptMode => _accept;

    /// <summary>Closes the sockets no instance uses any more (after a reload removed instances).</summary>
    public void CloseUnusedLinks()
    {
        for (int i = _links.Count - 1; i >= 0; i--)
        {
            var l = _links[i];
            if (l.Link.HostCount > 0) continue;
            _loop.Unregister(l);
            DropLog.Release(l.Link);
            l.Link.Dispose();
            _links.RemoveAt(i);
        }
        RebuildArrays();
    }

    /// <summary>A reload replaced the instance list: the heartbeat arbiter follows.</summary>
    public void RebindHeartbeat(MonoTime now) => Heartbeat?.Rebind(_hostArray, now);

    private void RebuildArrays()
    {
        var hosts = new InstanceHost[_hosts.Count];
        for (int i = 0; i < hosts.Length; i++) hosts[i] = _hosts[i].Host;
        _hostArray = hosts;
        var links = new VrrpLink[_links.Count];
        for (int i = 0; i < links.Length; i++) links[i] = _links[i].Link;
        _linkArray = links;
    }

    private void StartInstances(MonoTime now)
    {
        InstancesStarted = true;
        foreach (var h in _hostArray) Start(h, now, default);
        foreach (var c in _pending) PublishFault(c, now);
    }

    private void Start(InstanceHost h, MonoTime now, in CauseHint because)
    {
        // keepalived keeps an instance in INIT until its weight-0 scripts have a first verdict.
        // The deferred start keeps its cause: a capture of the hint, made only when deferring.
        if (_tracking.DeferStart(h, DeferredStart(because))) return;
        h.LinkUp = _linkWatcher.IsOperational(h);
        if (!h.LinkUp) _tracking.SetLink(h, false, now);
        h.Handle(InstanceInput.Startup(), now, because);
        if (Maintenance) h.Handle(InstanceInput.Maintenance(true), now);
    }

    private Action<InstanceHost, MonoTime> DeferredStart(CauseHint because) => (h, now) => Start(h, now, because);

    private void OnSignal(DaemonSignal sig, MonoTime now)
    {
        if ((sig & DaemonSignal.Terminate) != 0)
        {
            _loop.Stop();
            return;
        }
        if ((sig & DaemonSignal.DumpStatus) != 0)
        {
            _status.Write(this, now);
            _dumps.WriteData(this, now);
        }
        if ((sig & DaemonSignal.DumpStats) != 0) _dumps.WriteStats(this);
        if ((sig & DaemonSignal.DumpJson) != 0) _dumps.WriteJson(this, now);
        if ((sig & DaemonSignal.Reload) != 0) _reloader.Reload(now);
    }

    /// <summary>Runs until SIGTERM/SIGINT; returns the process exit code. Should the loop itself
    /// fail (a system call that must not fail, or a bug), the VIPs are still given up before
    /// exiting: a dead daemon holding VIPs is the double master keepalived users complain about.</summary>
    public int Run()
    {
        MonoTime now;
        try
        {
            now = _loop.Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Fatal(e, "bug: the event loop failed; giving up mastership and exiting");
            Shutdown(MonoClock.Now, RecordCause.None);
            _loop.Stopped(clean: false);
            return 1;
        }
        Shutdown(now, RecordCause.Signal);
        _loop.Stopped(clean: true);
        return 0;
    }

    // SIGTERM/SIGINT: RFC 9568 §6.4.3 Shutdown — a master sends priority 0 so the backups take
    // over after Skew_Time, and removes its VIPs. VIPs are removed again unconditionally (it is
    // idempotent) so nothing of ours survives a clean exit whatever state an instance was in.
    // keepalived's -V (--dont-release-vrrp) skips all of it: no priority 0, VIPs, VMACs and the
    // accept-mode table (which guards those VIPs) stay.
    private void Shutdown(MonoTime now, RecordCause cause)
    {
        if (_options.DontReleaseVrrp)
        {
            _log.Information("shutting down (--dont-release-vrrp): no priority 0, VIPs and VMAC interfaces left in place");
            Heartbeat?.Shutdown(now);
        }
        else
        {
            _log.Information("shutting down: sending priority 0 where master, removing VIPs");
            foreach (var h in _hostArray)
            {
                h.Handle(InstanceInput.Shutdown(), now, new CauseHint(cause));
                h.RemoveVipsNow(now);
            }
            Heartbeat?.Shutdown(now);
            foreach (var h in _hostArray)
                if (h.VmacIndex != 0) Provisioner.DeleteVmac(h.VmacIndex);
            _accept.Remove();
        }
        Control?.Dispose();
        TryDelete(_pidFile);
        TryDelete(_status.Path);
        _log.Information("appliance stopped");
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning("could not remove {Path}: {Error}", path, e.Message);
        }
    }

    public void Dispose()
    {
        _operations?.Dispose();
        Control?.Dispose();
        _tracking.Dispose();
        _accept.Dispose();
        Heartbeat?.Dispose();
        Sinks.DisposeAll();
        foreach (var l in _links) l.Link.Dispose();
        _signals.Dispose();
        _monitor.Dispose();
        Provisioner.Dispose();
        _recorder?.Dispose();
        Lock?.Dispose();
    }
}
