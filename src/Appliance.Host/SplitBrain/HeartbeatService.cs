using Appliance.Config.Model;
using Appliance.Heartbeat;
using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Channels;
using Appliance.Heartbeat.Wire;
using Appliance.Platform.Linux.HeartbeatLink;
using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Serial;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Host.SplitBrain;

/// <summary>
/// The split-brain defence in the daemon: the heartbeat channels, the arbiter, and the hands that
/// carry out its decisions on the instances (inhibit, LAN fault, yield, re-announce), on the
/// alert sinks and on the fence command. Everything runs on the loop thread. Decisions are applied
/// in the loop turn that produced them: those that are instance inputs (<see cref="DecisionInputs"/>)
/// go through <see cref="InstanceHost.Handle"/>, the rest are reports. See <see cref="Apply"/> for
/// why applying them terminates.
/// </summary>
public sealed class HeartbeatService : IInstanceObserver, IDisposable
{
    private readonly Arbiter _arbiter;
    private readonly HeartbeatChannelRunner[] _channels;
    private InstanceHost[] _hosts;
    private readonly IEventSink[] _sinks;
    private readonly IFenceCommand? _fencing;
    private readonly LanFaultPolicy _policy;
    private readonly ILogger _log;
    private readonly ArbiterOutput _decisions = new();
    private bool _applying;

    private HeartbeatService(ushort nodeId, Arbiter arbiter, HeartbeatChannelRunner[] channels, InstanceHost[] hosts,
        IEventSink[] sinks, IFenceCommand? fencing, LanFaultPolicy policy, ILogger log)
    {
        NodeId = nodeId;
        _arbiter = arbiter;
        _channels = channels;
        _hosts = hosts;
        _sinks = sinks;
        _fencing = fencing;
        _policy = policy;
        _log = log;
        Bind(hosts);
    }

    private void Bind(InstanceHost[] hosts)
    {
        foreach (var h in hosts) h.Observer = this;
    }

    /// <summary>
    /// After a configuration reload: the instance list changed. Kept instances keep their arbiter
    /// state; new ones report where they stand. Channel settings are not reloaded (restart for those).
    /// </summary>
    public void Rebind(InstanceHost[] hosts, MonoTime now)
    {
        Apply(now);
        if (hosts.Length > HeartbeatWire.MaxEntries)
            _log.Warning("heartbeat: {Count} instances after the reload; frames carry the first {Max} only", hosts.Length, HeartbeatWire.MaxEntries);
        var previous = new int[hosts.Length];
        var instances = new ArbiterInstance[hosts.Length];
        for (int i = 0; i < hosts.Length; i++)
        {
            previous[i] = IndexOf(hosts[i]);
            var s = hosts[i].Instance.Settings;
            instances[i] = new ArbiterInstance(s.Name, s.Vrid, s.Family);
        }
        _arbiter.ReplaceInstances(instances, previous);
        _hosts = hosts;
        Bind(hosts);
        for (int i = 0; i < hosts.Length; i++)
            if (previous[i] < 0) RefreshLocal(i, now);
        Apply(now);
    }

    public ushort NodeId { get; }

    public Arbiter Arbiter => _arbiter;

    public IReadOnlyList<HeartbeatChannelRunner> Channels => _channels;

    public int ChannelCount => _channels.Length;

    /// <summary>Builds the service, or returns null when no heartbeat channel is configured (plain VRRP).
    /// <paramref name="transports"/> opens each channel's medium (default: the serial line or link
    /// socket); <paramref name="fences"/> builds the fence command when one is configured;
    /// <paramref name="random"/> seeds the epoch and the arbiter (a simulation passes a seeded one).</summary>
    /// <exception cref="DaemonStartupException">A channel cannot be described to the platform layer, or
    /// fencing is configured and nothing can run it.</exception>
    public static HeartbeatService? Create(ApplianceConfig config, InstanceHost[] hosts, IEventSink[] sinks, ILogger log,
        Func<HeartbeatChannelSettings, IHeartbeatTransport>? transports = null, Func<FenceSettings, IFenceCommand>? fences = null,
        Random? random = null)
    {
        var hb = config.Heartbeat;
        if (hb.Channels.IsDefaultOrEmpty) return null;
        if (hosts.Length > HeartbeatWire.MaxEntries)
            throw new DaemonStartupException($"the heartbeat carries at most {HeartbeatWire.MaxEntries} instances; {hosts.Length} are configured");
        ushort nodeId = hb.NodeId != 0 ? hb.NodeId : DeriveNodeId(config.Global.RouterId ?? Environment.MachineName);
        transports ??= OpenTransport;
        var channels = new HeartbeatChannelRunner[hb.Channels.Length];
        var arbiterChannels = new ArbiterChannel[hb.Channels.Length];
        // The epoch names this run: from the cryptographic generator so nobody can predict it
        // (issue 10); a simulation passes its seeded Random so a failing seed replays exactly.
        uint epoch = random is null ? SecureId.Next() : (uint)random.Next() | 1u;
        for (int c = 0; c < channels.Length; c++)
        {
            var s = hb.Channels[c];
            channels[c] = new HeartbeatChannelRunner(c + 1, s, transports(s), nodeId, epoch, log);
            arbiterChannels[c] = new ArbiterChannel(s.Name, s.DeadTime);
        }
        var instances = new ArbiterInstance[hosts.Length];
        for (int i = 0; i < hosts.Length; i++)
        {
            var s = hosts[i].Instance.Settings;
            instances[i] = new ArbiterInstance(s.Name, s.Vrid, s.Family);
        }
        WarnAboutSlowChannels(hb, hosts, log);
        var arbiter = new Arbiter(nodeId, arbiterChannels, instances, hb.OnLanFault, hb.Fence, random ?? new Random());
        IFenceCommand? fencing = null;
        if (hb.Fence is { } f)
            fencing = fences is not null ? fences(f) : throw new DaemonStartupException("heartbeat: a fence command is configured but this host cannot run one");
        log.Information("heartbeat: node id {NodeId}, {Count} channel(s), on LAN fault: {Policy}{Fence}", nodeId, channels.Length,
            hb.OnLanFault == LanFaultPolicy.GoFault ? "go fault" : "stay backup", fencing is null ? "" : ", fencing on");
        return new HeartbeatService(nodeId, arbiter, channels, hosts, sinks, fencing, hb.OnLanFault, log);
    }

    // A channel that still claims a dead master when the instance's Master_Down_Timer fires holds
    // the takeover back by one more Master_Down_Interval: dead_time + interval must fit inside it.
    private static void WarnAboutSlowChannels(HeartbeatSettings hb, InstanceHost[] hosts, ILogger log)
    {
        foreach (var c in hb.Channels)
        {
            long channelNs = (c.DeadTime + c.Interval).Nanoseconds;
            foreach (var h in hosts)
            {
                long mdiNs = h.Instance.MasterDownInterval.Nanoseconds;
                if (channelNs >= mdiNs)
                    log.Warning("{Prefix} heartbeat channel {Channel}: dead_time + interval ({Channel_ms} ms) is not below Master_Down_Interval ({Mdi} ms); "
                        + "when the master dies the takeover waits up to one more Master_Down_Interval", h.Prefix, c.Name, channelNs / 1_000_000, mdiNs / 1_000_000);
            }
        }
    }

    private static IHeartbeatTransport OpenTransport(HeartbeatChannelSettings s)
    {
        if (s.Kind == HeartbeatChannelKind.Serial)
        {
            if (s.Device is null) throw new DaemonStartupException($"heartbeat channel {s.Name}: a serial channel needs device");
            if (!SerialSpeed.TryGetConstant(s.Baud, out _))
                throw new DaemonStartupException($"heartbeat channel {s.Name}: baud {s.Baud} is not one of 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600");
            return new SerialLine(s.Device, s.Baud, s.RtsCts);
        }
        if (s.Interface is null || s.LocalAddress is not { } local || s.PeerAddress is not { } peer)
            throw new DaemonStartupException($"heartbeat channel {s.Name}: a link channel needs interface, local_address and peer_address");
        if (local.Family != peer.Family) throw new DaemonStartupException($"heartbeat channel {s.Name}: local and peer addresses differ in family");
        return new HeartbeatLinkSocket(s.Interface, local, peer, s.Port);
    }

    // Both nodes must differ: a configured node_id is better; this folds the router id through CRC-32C.
    private static ushort DeriveNodeId(string routerId)
    {
        uint crc = Crc32C.Compute(System.Text.Encoding.UTF8.GetBytes(routerId));
        ushort id = (ushort)(crc ^ (crc >> 16));
        return id == 0 ? (ushort)1 : id;
    }

    /// <summary>Opens every channel and tells the arbiter where each instance stands.</summary>
    public void Start(MonoTime now)
    {
        for (int i = 0; i < _hosts.Length; i++) RefreshLocal(i, now);
        foreach (var c in _channels) c.Open(now);
        Apply(now);
    }

    public MonoTime NextDeadline
    {
        get
        {
            var next = _arbiter.NextDeadline;
            foreach (var c in _channels) next = MonoTime.Min(next, c.NextDeadline);
            return next;
        }
    }

    public void OnReadable(int channel, MonoTime now)
    {
        _channels[channel].OnReadable(now, _arbiter, _decisions);
        Apply(now);
    }

    public void OnDeadline(MonoTime now)
    {
        _arbiter.Tick(now, _decisions);
        Apply(now);
        foreach (var c in _channels)
            if (now >= c.NextDeadline) c.OnDeadline(now, _arbiter);
    }

    /// <summary>At shutdown, after the instances stopped: one last frame on every channel says so,
    /// so the peer's backups are not held back until our frames time out.</summary>
    public void Shutdown(MonoTime now)
    {
        for (int i = 0; i < _hosts.Length; i++) RefreshLocal(i, now);
        _decisions.Clear();
        foreach (var c in _channels) c.Send(_arbiter);
    }

    void IInstanceObserver.OnAdvertAccepted(InstanceHost host, byte priority, IpAddr source, Centiseconds interval, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) _arbiter.OnLanAdvert(i, priority, source, interval, now, _decisions);
    }

    void IInstanceObserver.OnTakeoverInhibited(InstanceHost host, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) _arbiter.OnTakeoverInhibited(i, now, _decisions);
    }

    void IInstanceObserver.OnHostSettled(MonoTime now) => Apply(now);

    void IInstanceObserver.OnStateChanged(InstanceHost host, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) RefreshLocal(i, now);
    }

    private void RefreshLocal(int i, MonoTime now)
    {
        var inst = _hosts[i].Instance;
        _arbiter.SetLocal(i, inst.State, inst.EffectivePriority, inst.PrimaryAddress, inst.Settings.AdvertInterval, now, _decisions);
    }

    // Applies every decision in the list, in order, in this loop turn: one pass over a work list.
    // Applying an instance input (inhibit, LAN fault on/off, yield) runs InstanceHost.Handle, which
    // may change the instance's state; the host then reports it (OnStateChanged → Arbiter.SetLocal)
    // and the arbiter appends to the list being walked. That is the only way back into the arbiter
    // while applying: a decision input is never a Tick or an Advert, so neither OnTakeoverInhibited
    // nor OnAdvertAccepted can follow from it, and SetLocal emits only reports (split suspected or
    // cleared, re-announce, fence), which call nothing back. So the list grows by at most a few
    // reports per input and the pass ends; the buffer's fixed capacity is the hard bound (overflow
    // throws as a bug). A host that settles while we apply (OnHostSettled) finds _applying set and
    // leaves its decisions to this pass.
    private void Apply(MonoTime now)
    {
        if (_applying) return;
        _applying = true;
        try
        {
            for (int k = 0; k < _decisions.Count; k++) Perform(_decisions[k], now);
        }
        finally
        {
            _decisions.Clear();
            _applying = false;
        }
    }

    private void Perform(in ArbiterDecision d, MonoTime now)
    {
        InstanceHost? host = d.Instance >= 0 ? _hosts[d.Instance] : null;
        string channel = d.Channel >= 0 ? _arbiter.ChannelName(d.Channel) : "";
        switch (d.Kind)
        {
            case ArbiterDecisionKind.ChannelUp:
                _log.Information("heartbeat channel {Channel}: node {Peer} heard", channel, d.PeerId);
                Publish(new ApplianceEvent(EventKind.ChannelUp, now, Channel: channel, PeerId: d.PeerId));
                break;
            case ArbiterDecisionKind.ChannelDown:
                _log.Warning("heartbeat channel {Channel}: node {Peer} silent for more than {Dead}", channel, d.PeerId, _channels[d.Channel - 1].Settings.DeadTime.ToString());
                Publish(new ApplianceEvent(EventKind.ChannelDown, now, Channel: channel, PeerId: d.PeerId));
                break;
            case ArbiterDecisionKind.Inhibit:
            case ArbiterDecisionKind.EnterFault:
            case ArbiterDecisionKind.LeaveFault:
                if (DecisionInputs.TryGet(d, out var input)) host!.Handle(input, now);
                break;
            case ArbiterDecisionKind.LanFault:
                _log.Warning("{Prefix} LAN FAULT: master node {Peer} is silent on the LAN but heard on {Channel}; not taking over", host!.Prefix, d.PeerId, channel);
                Publish(new ApplianceEvent(EventKind.LanFault, now, host.Instance.Settings.Name, host.Instance.State, host.Instance.State,
                    host.Instance.EffectivePriority, channel, d.PeerId));
                break;
            case ArbiterDecisionKind.LanFaultCleared:
                _log.Information("{Prefix} LAN fault over", host!.Prefix);
                break;
            case ArbiterDecisionKind.SplitBrainSuspected:
                _log.Warning("{Prefix} SPLIT BRAIN suspected: node {Peer} ({Address}, priority {Priority}) is master too, seen on {Channel}",
                    host!.Prefix, d.PeerId, d.Address.ToString(), d.Priority, channel);
                Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, now, host.Instance.Settings.Name, host.Instance.State, host.Instance.State,
                    host.Instance.EffectivePriority, channel, d.PeerId));
                break;
            case ArbiterDecisionKind.SplitBrainCleared:
                _log.Information("{Prefix} split brain over: one master left", host!.Prefix);
                break;
            case ArbiterDecisionKind.YieldTo:
                _log.Warning("{Prefix} yielding to node {Peer} ({Address}, priority {Priority}): it wins the tie-break",
                    host!.Prefix, d.PeerId, d.Address.ToString(), d.Priority);
                if (DecisionInputs.TryGet(d, out var yield)) host.Handle(yield, now);
                break;
            case ArbiterDecisionKind.Reannounce:
                if (host!.Instance.State == VrrpState.Master)
                {
                    _log.Information("{Prefix} re-announcing the VIPs after a split (node {Peer})", host.Prefix, d.PeerId);
                    host.Announcer.Start(now);
                }
                break;
            case ArbiterDecisionKind.Fence:
                if (_fencing is not null && _fencing.Fence(d.PeerId, d.Address, host!.Instance.Settings.Name, channel))
                    Publish(new ApplianceEvent(EventKind.Fenced, now, host.Instance.Settings.Name, host.Instance.State, host.Instance.State,
                        host.Instance.EffectivePriority, channel, d.PeerId));
                break;
        }
    }

    private void Publish(in ApplianceEvent e)
    {
        foreach (var s in _sinks) s.Publish(e);
    }

    private int IndexOf(InstanceHost host)
    {
        for (int i = 0; i < _hosts.Length; i++)
            if (ReferenceEquals(_hosts[i], host)) return i;
        return -1;
    }

    public void Dispose()
    {
        foreach (var c in _channels) c.Dispose();
        _fencing?.Dispose();
    }
}
