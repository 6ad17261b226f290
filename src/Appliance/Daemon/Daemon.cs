using Appliance.Config.Model;
using Appliance.Logging;
using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Packet;
using Appliance.Platform.Linux.Process;
using Appliance.Platform.Linux.Signals;
using Appliance.Platform.Linux.Sysctl;
using Appliance.Platform.Linux.Sockets;
using Appliance.Tracking;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// The running daemon: one thread, one deadline-driven loop. Each turn reads the monotonic clock
/// once, sleeps in poll(2) until the earliest deadline (instances, announcers, participants such
/// as LEDs and the watchdog, the status file) or a readable descriptor (VRRP sockets, link
/// events, signals), then handles what is due. No timers per instance, no thread pool, no async.
/// </summary>
internal sealed class Daemon : IDisposable
{
    private readonly Func<ApplianceConfig?>? _reload;
    private ApplianceConfig _config;
    private readonly DaemonOptions _options;
    private readonly ILogger _log;
    private readonly LinkTable _links = new();
    private readonly AddressTable _addresses = new();
    private readonly LinkMonitor _monitor = new();
    private readonly PacketSocket _packet = new();
    private readonly SignalEvents _signals = new();
    private readonly Poller _poller = new();
    private readonly ActionBuffer _actions = new();
    private readonly List<InstanceHost> _hosts = [];
    private readonly List<VrrpLink> _vrrpLinks = [];
    private readonly List<int> _createdVmacs = [];
    private readonly Dictionary<int, bool> _operational = [];
    private readonly List<IDeadlineParticipant> _participants;
    private readonly IEventSink[] _sinks;
    private readonly DropLog _dropLog;
    private readonly StatusWriter _status;
    private readonly string _pidFile;
    private InstanceHost[] _hostArray = [];
    private VrrpLink[] _linkArray = [];
    private IDeadlineParticipant[] _participantArray = [];
    private readonly ILoopObserver[] _observers;
    private int _signalSlot;
    private int _monitorSlot;
    private int _firstLinkSlot;
    private HeartbeatService? _heartbeat;
    private int _firstHeartbeatSlot;
    private readonly TrackingRuntime _tracking;
    private ILoopSource[] _sources = [];
    private int _firstSourceSlot;

    public Daemon(ApplianceConfig config, DaemonOptions options, ILogger log, IEnumerable<IEventSink> sinks, IEnumerable<IDeadlineParticipant> participants,
        Func<ApplianceConfig?>? reload = null)
    {
        _config = config;
        _reload = reload;
        _options = options;
        _log = log;
        // Trackers and sync groups: one registration. The runtime watches state changes as a
        // sink (sync groups) and serves its script runners and file watcher as loop sources.
        _tracking = new TrackingRuntime(config, log, new Tracking.LauncherSpawner(Notify.ScriptPolicy.Resolve(config.Global, log), log));
        _sinks = [.. sinks, _tracking];
        _participants = [.. participants];
        _observers = [.. _participants.OfType<ILoopObserver>()];
        _dropLog = new DropLog(log, config.Instances.Length * 3 + 8);
        _status = new StatusWriter(options.StatusFile ?? RuntimePaths.DefaultStatusFile());
        _pidFile = options.PidFile ?? RuntimePaths.DefaultPidFile();
    }

    public ReadOnlySpan<InstanceHost> Hosts => _hostArray;

    public ReadOnlySpan<VrrpLink> Links => _linkArray;

    /// <summary>The split-brain defence; null when no heartbeat channel is configured.</summary>
    public HeartbeatService? Heartbeat => _heartbeat;

    /// <summary>Trackers and sync groups.</summary>
    public TrackingRuntime Tracking => _tracking;

    public MonoTime StartedAt { get; private set; }

    public long LoopTurns { get; private set; }

    /// <summary>Resolves interfaces and addresses, cleans up after a crash, opens sockets. Throws
    /// <see cref="DaemonStartupException"/> with an operator-readable message.</summary>
    public void Start()
    {
        StartedAt = MonoClock.Now;
        var links = _links.Dump();
        var addresses = _addresses.Dump();
        foreach (var l in links) _operational[l.Index] = l.IsOperational;
        foreach (var cfg in _config.Instances) AddInstance(cfg, links, addresses);
        _hostArray = [.. _hosts];
        _linkArray = [.. _vrrpLinks];
        _participantArray = [.. _participants];
        _signalSlot = _poller.Add(_signals.Fd);
        _monitorSlot = _poller.Add(_monitor.Fd);
        // Heartbeat channels take the slots after these two (a reopened tty changes its descriptor,
        // not its slot); link sockets follow in _linkArray order, and a reload only appends.
        _heartbeat = HeartbeatService.Create(_config, _hostArray, _sinks, _log, fences: f => new FencingRunner(f, Notify.ScriptPolicy.Resolve(_config.Global, _log), _log));
        if (_heartbeat is not null)
        {
            _firstHeartbeatSlot = _monitorSlot + 1;
            for (int c = 0; c < _heartbeat.ChannelCount; c++) _poller.Add(-1);
            _heartbeat.Start(StartedAt);
        }
        _tracking.Bind(_hostArray, _sinks, links, index => _operational.GetValueOrDefault(index, false), _links.Dump, StartedAt);
        _sources = [.. _tracking.Sources];
        _firstSourceSlot = _monitorSlot + 1 + (_heartbeat?.ChannelCount ?? 0);
        foreach (var src in _sources) _poller.Add(src.PollFd);
        _firstLinkSlot = _firstSourceSlot + _sources.Length;
        foreach (var l in _linkArray) _poller.Add(l.Socket.PollFd);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_pidFile))!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_status.Path))!);
        File.WriteAllText(_pidFile, $"{Environment.ProcessId}\n");
        _log.Information("appliance started: {Count} instance(s), pid file {PidFile}, status file {StatusFile}", _hostArray.Length, _pidFile, _status.Path);
    }

    private InstanceHost AddInstance(VrrpInstanceConfig cfg, List<LinkInfo> links, List<AddressEntry> addresses)
    {
        var s = cfg.Protocol;
        var family = s.Family;
        LinkInfo baseLink = FindLink(links, cfg.Interface) ?? throw new DaemonStartupException(
            $"{cfg.Location}: instance {s.Name}: interface '{cfg.Interface}' does not exist");
        LinkInfo sendLink = baseLink;
        MacAddress mac = baseLink.Mac;
        if (cfg.UseVmac)
        {
            sendLink = CreateVmac(cfg, baseLink);
            mac = sendLink.Mac;
        }
        // IPv6 with a VMAC: the source is the parent's link-local address, put on the VMAC too
        // (as keepalived does): all routers' VMACs share one MAC, so the VMAC's own EUI-64
        // address would be the same on every router.
        IpAddr primary = PrimaryAddress(cfg, cfg.UseVmac && family == IpFamily.IPv6 ? baseLink : sendLink, baseLink, addresses);
        if (cfg.UseVmac && family == IpFamily.IPv6)
        {
            var e = _addresses.Add(new AddressRequest(sendLink.Index, new IpPrefix(primary, 64), Scope: 253, NoDad: true));
            if (e.Value != 0) throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: adding {primary} to {sendLink.Name} failed: {e}");
        }
        if (cfg.UseVmac) addresses = _addresses.Dump();
        var vips = new List<AddressRequest>();
        foreach (var v in cfg.VirtualAddresses) vips.Add(ToRequest(cfg, v, links, sendLink));
        foreach (var v in cfg.ExcludedAddresses) vips.Add(ToRequest(cfg, v, links, sendLink));
        CleanStaleVips(cfg, vips, addresses, primary);

        var group = family == IpFamily.IPv4 ? _config.Global.MulticastGroup4 : _config.Global.MulticastGroup6;
        var link = FindOrOpenLink(sendLink, family, group);
        var frames = new List<byte[]>();
        foreach (var v in vips)
        {
            if (v.Prefix.Family != family) continue;
            if (family == IpFamily.IPv4)
            {
                var f = new byte[ArpFrame.Length];
                ArpFrame.BuildGratuitous(f, mac, v.Prefix.Address);
                frames.Add(f);
            }
            else
            {
                var f = new byte[NeighborAdvertFrame.Length];
                NeighborAdvertFrame.Build(f, mac, primary, v.Prefix.Address);
                frames.Add(f);
            }
        }
        var announcer = new Announcer([.. frames], _packet, sendLink.Index, cfg.Garp ?? _config.Global.Garp, family);
        var instance = new Instance(s, primary);
        var host = new InstanceHost(cfg, instance, link, primary, [.. vips], group, announcer, _addresses, _actions, _log, _dropLog, _sinks)
        {
            BaseInterfaceIndex = baseLink.Index,
            VmacIndex = cfg.UseVmac ? sendLink.Index : 0,
        };
        if (!link.Register(host))
            throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: VRID {s.Vrid} is already used by another {family} instance on {sendLink.Name}");
        _dropLog.Register(host);
        _hosts.Add(host);
        _log.Information("{Prefix} primary address {Primary}, {Count} VIP(s), {Mode}", host.Prefix, primary.ToString(), vips.Count,
            host.IsUnicast ? "unicast peers" : "multicast " + group.ToString());
        return host;
    }

    private LinkInfo CreateVmac(VrrpInstanceConfig cfg, LinkInfo baseLink)
    {
        var s = cfg.Protocol;
        string name = cfg.VmacInterface ?? $"vrrp.{s.Vrid}";
        var mac = MacAddress.Virtual(s.Family, s.Vrid);
        var e = _links.CreateMacvlan(name, baseLink.Index, mac, noLinkLocal: s.Family == IpFamily.IPv6);
        if (e.Value != 0) throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: creating VMAC interface {name} failed: {e}");
        var vmac = _links.Find(name) ?? throw new DaemonStartupException($"VMAC interface {name} vanished after creation");
        _createdVmacs.Add(vmac.Index);
        _operational[vmac.Index] = vmac.IsOperational;
        if (s.Family == IpFamily.IPv4)
        {
            // keepalived's VMAC sysctls: only the macvlan answers ARP for the VIPs it carries.
            ProcSys.SetIpv4Conf(name, "arp_ignore", "1");
            ProcSys.SetIpv4Conf(name, "arp_filter", "1");
            ProcSys.SetIpv4Conf(name, "accept_local", "1");
            ProcSys.SetIpv4Conf(name, "rp_filter", "0");
        }
        _log.Information("[VRID {Vrid}] VMAC interface {Name} ({Mac}) on {Parent}", s.Vrid, name, mac.ToString(), baseLink.Name);
        return vmac;
    }

    private IpAddr PrimaryAddress(VrrpInstanceConfig cfg, LinkInfo sendLink, LinkInfo baseLink, List<AddressEntry> addresses)
    {
        var s = cfg.Protocol;
        if (cfg.UnicastSource is { } src) return src;
        if (s.Family == IpFamily.IPv6)
        {
            // RFC 9568 §5.1.2.1: the source is the link-local address of the sending interface.
            foreach (var a in addresses)
                if (a.InterfaceIndex == sendLink.Index && a.Prefix.Address.IsIPv6LinkLocal && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
            throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: {sendLink.Name} has no IPv6 link-local address");
        }
        foreach (var a in addresses)
            if (a.InterfaceIndex == baseLink.Index && a.Prefix.Family == IpFamily.IPv4 && !a.IsSecondary && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
        foreach (var a in addresses)
            if (a.InterfaceIndex == baseLink.Index && a.Prefix.Family == IpFamily.IPv4 && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
        throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: {baseLink.Name} has no IPv4 address to send adverts from");
    }

    private static bool IsVip(VrrpInstanceConfig cfg, IpAddr a)
    {
        foreach (var v in cfg.VirtualAddresses)
            if (v.Prefix.Address == a) return true;
        foreach (var v in cfg.ExcludedAddresses)
            if (v.Prefix.Address == a) return true;
        return false;
    }

    private static AddressRequest ToRequest(VrrpInstanceConfig cfg, VirtualAddress v, List<LinkInfo> links, LinkInfo sendLink)
    {
        int index = sendLink.Index;
        if (v.Device is { } dev)
            index = (FindLink(links, dev) ?? throw new DaemonStartupException($"{cfg.Location}: VIP {v.Prefix}: interface '{dev}' does not exist")).Index;
        if (!AddressScope.TryParse(v.Scope, out byte scope))
            throw new DaemonStartupException($"{cfg.Location}: VIP {v.Prefix}: unknown scope '{v.Scope}'");
        if (v.Scope is null && v.Prefix.Address.IsIPv6LinkLocal) scope = 253;
        return new AddressRequest(index, v.Prefix, scope, v.Label, v.Broadcast, NoDad: v.Prefix.Family == IpFamily.IPv6);
    }

    // keepalived leaves its VIPs behind after SIGKILL; at start-up nobody is master yet, so any
    // of our VIPs still on our interfaces is stale. The primary address is never touched.
    private void CleanStaleVips(VrrpInstanceConfig cfg, List<AddressRequest> vips, List<AddressEntry> present, IpAddr primary)
    {
        foreach (var v in vips)
        {
            if (v.Prefix.Address == primary) continue;
            foreach (var a in present)
            {
                if (a.InterfaceIndex != v.InterfaceIndex || a.Prefix.Address != v.Prefix.Address) continue;
                // An unlabelled non-secondary IPv4 address that is not ours by label may be the
                // interface's own address reused as a VIP by an owner; keep it.
                if (cfg.Protocol.IsOwner && !a.IsSecondary) continue;
                var e = _addresses.Delete(v with { Prefix = a.Prefix });
                _log.Warning("[VRID {Vrid}] removed stale VIP {Vip} left on interface {Index} by an earlier run ({Result})",
                    cfg.Protocol.Vrid, a.Prefix.ToString(), a.InterfaceIndex, e.Value == 0 ? "ok" : e.ToString());
            }
        }
    }

    private VrrpLink FindOrOpenLink(LinkInfo link, IpFamily family, IpAddr group)
    {
        foreach (var l in _vrrpLinks)
            if (l.Socket.InterfaceIndex == link.Index && l.Socket.Family == family) return l;
        var created = new VrrpLink(VrrpSocket.Open(family, link.Name, link.Index, group));
        _dropLog.Register(created);
        _vrrpLinks.Add(created);
        return created;
    }

    private static LinkInfo? FindLink(List<LinkInfo> links, string name)
    {
        foreach (var l in links)
            if (l.Name == name) return l;
        return null;
    }

    /// <summary>Runs until SIGTERM/SIGINT; returns the process exit code. Should the loop itself
    /// fail (a system call that must not fail, or a bug), the VIPs are still given up before
    /// exiting: a dead daemon holding VIPs is the double master keepalived users complain about.</summary>
    public int Run()
    {
        try
        {
            return Loop();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Fatal(e, "bug: the event loop failed; giving up mastership and exiting");
            Shutdown(MonoClock.Now);
            foreach (var o in _observers) o.OnLoopStopped(clean: false);
            return 1;
        }
    }

    private int Loop()
    {
        var now = MonoClock.Now;
        var startAt = now.Add(_config.Global.StartupDelay);
        bool started = false;
        var statusDue = now;
        long statusIntervalNs = _options.StatusInterval.Ticks * 100;
        if (_config.Global.StartupDelay.Value > 0)
            _log.Information("vrrp_startup_delay: instances start in {Delay}", _config.Global.StartupDelay.ToString());
        foreach (var o in _observers) o.OnLoopStarted(now);
        while (true)
        {
            now = MonoClock.Now;
            var deadline = started ? statusDue : MonoTime.Min(statusDue, startAt);
            foreach (var h in _hostArray) deadline = MonoTime.Min(deadline, h.NextDeadline);
            foreach (var p in _participantArray) deadline = MonoTime.Min(deadline, p.NextDeadline);
            for (int i = 0; i < _sources.Length; i++)
            {
                _poller.Set(_firstSourceSlot + i, _sources[i].PollFd);
                deadline = MonoTime.Min(deadline, _sources[i].NextDeadline);
            }
            if (_heartbeat is not null)
            {
                deadline = MonoTime.Min(deadline, _heartbeat.NextDeadline);
                _heartbeat.UpdatePoll(_poller, _firstHeartbeatSlot);
            }
            _poller.Wait(TimeoutMs(now, deadline));
            now = MonoClock.Now;
            LoopTurns++;
            bool socketsAlive = true;
            for (int i = 0; i < _linkArray.Length; i++) socketsAlive &= !_poller.HasError(_firstLinkSlot + i);
            foreach (var o in _observers) o.OnLoopTurn(now, socketsAlive);

            if (_poller.IsReady(_signalSlot))
            {
                var sig = _signals.Take();
                if ((sig & DaemonSignal.Terminate) != 0) break;
                if ((sig & DaemonSignal.DumpStatus) != 0) _status.Write(this, now);
                if ((sig & DaemonSignal.Reload) != 0) Reload(now, started);
            }
            if (!started && now >= startAt)
            {
                started = true;
                StartInstances(now);
            }
            if (_poller.IsReady(_monitorSlot)) OnLinkEvents(now);
            for (int i = 0; i < _linkArray.Length; i++)
                if (_poller.IsReady(_firstLinkSlot + i)) _linkArray[i].ReceiveAll(now, _dropLog);
            if (_heartbeat is not null)
                for (int c = 0; c < _heartbeat.ChannelCount; c++)
                    if (_poller.IsReady(_firstHeartbeatSlot + c)) _heartbeat.OnReadable(c, now);
            foreach (var h in _hostArray)
                if (now >= h.NextDeadline) h.OnDeadline(now);
            for (int i = 0; i < _sources.Length; i++)
                if (_sources[i].PollFd >= 0 && _poller.IsReady(_firstSourceSlot + i)) _sources[i].OnReadable(now);
            foreach (var src in _sources)
                if (now >= src.NextDeadline) src.OnDeadline(now);
            foreach (var p in _participantArray)
                if (now >= p.NextDeadline) p.OnDeadline(now);
            if (_heartbeat is not null && now >= _heartbeat.NextDeadline) _heartbeat.OnDeadline(now);
            if (now >= statusDue)
            {
                _status.Write(this, now);
                statusDue = now.AddNanoseconds(statusIntervalNs);
            }
        }
        Shutdown(now);
        foreach (var o in _observers) o.OnLoopStopped(clean: true);
        return 0;
    }

    // SIGHUP. Parse, bind and validate the file again; an invalid file changes nothing. Instances
    // whose configuration is unchanged keep running untouched (a master stays master: reloads
    // must not flap); changed ones are shut down (priority 0, VIPs removed) and started again
    // with the new settings; removed ones are shut down; new ones start. global_defs changes
    // need a restart.
    private void Reload(MonoTime now, bool started)
    {
        _log.Information("SIGHUP: reloading the configuration");
        var next = _reload?.Invoke();
        if (next is null)
        {
            _log.Error("reload: the configuration has errors; keeping the running one");
            return;
        }
        if (ConfigFingerprint.Of(next.Global) != ConfigFingerprint.Of(_config.Global))
            _log.Warning("reload: global_defs changed; those changes take effect at the next restart");
        var wanted = new Dictionary<string, VrrpInstanceConfig>();
        foreach (var c in next.Instances) wanted[c.Protocol.Name] = c;
        var kept = new HashSet<string>();
        int removed = 0, added = 0;
        foreach (var h in _hostArray)
        {
            if (wanted.TryGetValue(h.Instance.Settings.Name, out var c) && ConfigFingerprint.Of(c) == ConfigFingerprint.Of(h.Config))
            {
                kept.Add(h.Instance.Settings.Name);
                continue;
            }
            RemoveInstance(h, now);
            removed++;
        }
        var links = _links.Dump();
        var addresses = _addresses.Dump();
        foreach (var l in links) _operational.TryAdd(l.Index, l.IsOperational);
        int linksBefore = _vrrpLinks.Count;
        foreach (var c in next.Instances)
        {
            if (kept.Contains(c.Protocol.Name)) continue;
            try
            {
                var h = AddInstance(c, links, addresses);
                added++;
                if (!started) continue;
                h.LinkUp = IsOperational(h);
                if (!h.LinkUp) _tracking.SetLink(h, false, now);
                h.Handle(InstanceInput.Startup(), now);
            }
            catch (DaemonStartupException e)
            {
                _log.Error("reload: instance {Name} not started: {Message}", c.Protocol.Name, e.Message);
            }
        }
        for (int i = linksBefore; i < _vrrpLinks.Count; i++) _poller.Add(_vrrpLinks[i].Socket.PollFd);
        _hostArray = [.. _hosts];
        _linkArray = [.. _vrrpLinks];
        _heartbeat?.Rebind(_hostArray, now);
        _config = next with { Global = _config.Global };
        _log.Information("reload done: {Kept} instance(s) unchanged, {Removed} stopped, {Added} started", kept.Count, removed, added);
    }

    private void RemoveInstance(InstanceHost h, MonoTime now)
    {
        h.Handle(InstanceInput.Shutdown(), now);
        h.RemoveVipsNow(now);
        h.Announcer.Stop();
        h.Link.Unregister(h);
        _tracking.Forget(h);
        _hosts.Remove(h);
        if (h.VmacIndex != 0)
        {
            _links.Delete(h.VmacIndex);
            _createdVmacs.Remove(h.VmacIndex);
        }
    }

    // poll(2) takes milliseconds: round up so we never wake just before a deadline and spin.
    private static int TimeoutMs(MonoTime now, MonoTime deadline)
    {
        if (deadline.IsNever) return 1000;
        long ns = deadline.NanosecondsSince(now);
        if (ns <= 0) return 0;
        return (int)Math.Min(1000, (ns + 999_999) / 1_000_000);
    }

    private void StartInstances(MonoTime now)
    {
        foreach (var h in _hostArray)
        {
            h.LinkUp = IsOperational(h);
            if (!h.LinkUp) _tracking.SetLink(h, false, now);
            h.Handle(InstanceInput.Startup(), now);
        }
    }

    private bool IsOperational(InstanceHost h) =>
        _operational.GetValueOrDefault(h.Link.Socket.InterfaceIndex, true) && _operational.GetValueOrDefault(h.BaseInterfaceIndex, true);

    // An instance is up when its sending interface (the VMAC, if any) and its base interface
    // are both up and running; only a change of that is an input to the instance.
    private void OnLinkEvents(MonoTime now)
    {
        bool changed = false;
        while (_monitor.TryRead(out var e))
        {
            bool op = e.Operational && !e.Deleted;
            if (_operational.TryGetValue(e.InterfaceIndex, out bool was) && was == op) continue;
            _operational[e.InterfaceIndex] = op;
            changed = true;
        }
        if (_monitor.Overflowed)
        {
            _monitor.Overflowed = false;
            _log.Warning("link event queue overflowed; re-reading interface states");
            foreach (var l in _links.Dump()) _operational[l.Index] = l.IsOperational;
            changed = true;
        }
        if (!changed) return;
        foreach (var h in _hostArray)
        {
            bool op = IsOperational(h);
            if (op == h.LinkUp) continue;
            h.LinkUp = op;
            _log.Information("{Prefix} interface {State}", h.Prefix, op ? "up" : "down");
            _tracking.SetLink(h, op, now);
        }
        _tracking.OnLinksChanged(now);
    }

    // SIGTERM/SIGINT: RFC 9568 §6.4.3 Shutdown — a master sends priority 0 so the backups take
    // over after Skew_Time, and removes its VIPs. VIPs are removed again unconditionally (it is
    // idempotent) so nothing of ours survives a clean exit whatever state an instance was in.
    private void Shutdown(MonoTime now)
    {
        _log.Information("shutting down: sending priority 0 where master, removing VIPs");
        foreach (var h in _hostArray)
        {
            h.Handle(InstanceInput.Shutdown(), now);
            h.RemoveVipsNow(now);
        }
        _heartbeat?.Shutdown(now);
        foreach (int index in _createdVmacs) _links.Delete(index);
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
        catch (IOException e)
        {
            _log.Warning("could not remove {Path}: {Error}", path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            _log.Warning("could not remove {Path}: {Error}", path, e.Message);
        }
    }

    public void Dispose()
    {
        _tracking.Dispose();
        _heartbeat?.Dispose();
        foreach (var s in _sinks) (s as IDisposable)?.Dispose();
        foreach (var l in _vrrpLinks) l.Dispose();
        _signals.Dispose();
        _monitor.Dispose();
        _packet.Dispose();
        _addresses.Dispose();
        _links.Dispose();
    }
}
