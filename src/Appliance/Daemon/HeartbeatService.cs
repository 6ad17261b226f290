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

namespace Appliance.Daemon;

/// <summary>
/// The split-brain defence in the daemon: the heartbeat channels, the arbiter, and the hands that
/// carry out its decisions on the instances (inhibit, fault, step down, re-announce), on the
/// alert sinks and on the fence command. Everything runs on the loop thread; the observer calls
/// from the instance hosts only feed the arbiter, and its decisions are applied in this service's
/// own turn, after the hosts have finished theirs.
/// </summary>
internal sealed class HeartbeatService : IInstanceObserver, IDisposable
{
    private readonly Arbiter _arbiter;
    private readonly HeartbeatChannelRunner[] _channels;
    private InstanceHost[] _hosts;
    private byte[][] _advertAddresses;
    private readonly IEventSink[] _sinks;
    private readonly FencingRunner? _fencing;
    private readonly LanFaultPolicy _policy;
    private readonly ILogger _log;
    private ArbiterOutput _pending = new();
    private ArbiterOutput _applying = new();

    private HeartbeatService(ushort nodeId, Arbiter arbiter, HeartbeatChannelRunner[] channels, InstanceHost[] hosts,
        IEventSink[] sinks, FencingRunner? fencing, LanFaultPolicy policy, ILogger log)
    {
        NodeId = nodeId;
        _arbiter = arbiter;
        _channels = channels;
        _hosts = hosts;
        _sinks = sinks;
        _fencing = fencing;
        _policy = policy;
        _log = log;
        _advertAddresses = Bind(hosts);
    }

    // The winner's advert is replayed with our own VIP list (see YieldTo): encode each list once.
    private byte[][] Bind(InstanceHost[] hosts)
    {
        var lists = new byte[hosts.Length][];
        for (int i = 0; i < hosts.Length; i++)
        {
            var s = hosts[i].Instance.Settings;
            var bytes = new byte[s.VirtualAddresses.Length * IpAddr.SizeOf(s.Family)];
            int o = 0;
            foreach (var a in s.VirtualAddresses) o += a.WriteTo(bytes.AsSpan(o));
            lists[i] = bytes;
            hosts[i].Observer = this;
        }
        return lists;
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
        _advertAddresses = Bind(hosts);
        for (int i = 0; i < hosts.Length; i++)
            if (previous[i] < 0) RefreshLocal(i, now);
        Apply(now);
    }

    public ushort NodeId { get; }

    public Arbiter Arbiter => _arbiter;

    public IReadOnlyList<HeartbeatChannelRunner> Channels => _channels;

    public int ChannelCount => _channels.Length;

    /// <summary>Builds the service, or returns null when no heartbeat channel is configured (plain VRRP).</summary>
    /// <exception cref="DaemonStartupException">A channel cannot be described to the platform layer.</exception>
    public static HeartbeatService? Create(ApplianceConfig config, InstanceHost[] hosts, IEventSink[] sinks, ILogger log,
        Func<HeartbeatChannelSettings, IHeartbeatTransport>? transports = null)
    {
        var hb = config.Heartbeat;
        if (hb.Channels.IsDefaultOrEmpty) return null;
        if (hosts.Length > HeartbeatWire.MaxEntries)
            throw new DaemonStartupException($"the heartbeat carries at most {HeartbeatWire.MaxEntries} instances; {hosts.Length} are configured");
        ushort nodeId = hb.NodeId != 0 ? hb.NodeId : DeriveNodeId(config.Global.RouterId ?? Environment.MachineName);
        transports ??= OpenTransport;
        var channels = new HeartbeatChannelRunner[hb.Channels.Length];
        var arbiterChannels = new ArbiterChannel[hb.Channels.Length];
        uint epoch = (uint)Random.Shared.Next() | 1u;
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
        var arbiter = new Arbiter(nodeId, arbiterChannels, instances, hb.OnLanFault, hb.Fence, new Random());
        var fencing = hb.Fence is { } f ? new FencingRunner(f, Notify.ScriptPolicy.Resolve(config.Global, log), log) : null;
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
            if (_pending.Count > 0) return MonoTime.Zero;
            var next = _arbiter.NextDeadline;
            foreach (var c in _channels) next = MonoTime.Min(next, c.NextDeadline);
            return next;
        }
    }

    /// <summary>Points the loop's poll slots at the channels' current descriptors (a reopened tty has a new one).</summary>
    public void UpdatePoll(Poller poller, int firstSlot)
    {
        for (int c = 0; c < _channels.Length; c++) poller.Set(firstSlot + c, _channels[c].Transport.PollFd);
    }

    public void OnReadable(int channel, MonoTime now)
    {
        _channels[channel].OnReadable(now, _arbiter, _pending);
        Apply(now);
    }

    public void OnDeadline(MonoTime now)
    {
        _arbiter.Tick(now, _pending);
        Apply(now);
        foreach (var c in _channels)
            if (now >= c.NextDeadline) c.OnDeadline(now, _arbiter);
    }

    /// <summary>At shutdown, after the instances stopped: one last frame on every channel says so,
    /// so the peer's backups are not held back until our frames time out.</summary>
    public void Shutdown(MonoTime now)
    {
        for (int i = 0; i < _hosts.Length; i++) RefreshLocal(i, now);
        _pending.Clear();
        foreach (var c in _channels) c.Send(_arbiter);
    }

    void IInstanceObserver.OnPeerAdvert(InstanceHost host, byte priority, IpAddr source, Centiseconds interval, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) _arbiter.OnLanAdvert(i, priority, source, interval, now, _pending);
    }

    void IInstanceObserver.OnTakeoverInhibited(InstanceHost host, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) _arbiter.OnTakeoverInhibited(i, now, _pending);
    }

    void IInstanceObserver.OnStateChanged(InstanceHost host, MonoTime now)
    {
        int i = IndexOf(host);
        if (i >= 0) RefreshLocal(i, now);
    }

    private void RefreshLocal(int i, MonoTime now)
    {
        var inst = _hosts[i].Instance;
        _arbiter.SetLocal(i, inst.State, inst.EffectivePriority, inst.PrimaryAddress, inst.Settings.AdvertInterval, now, _pending);
    }

    // Applying a decision can change an instance's state, which feeds the arbiter again: swap the
    // buffers and go round until nothing new comes out (a handful of rounds at most).
    private void Apply(MonoTime now)
    {
        for (int round = 0; round < 8 && _pending.Count > 0; round++)
        {
            (_pending, _applying) = (_applying, _pending);
            _pending.Clear();
            foreach (ref readonly var d in _applying.Items) Perform(d, now);
            _applying.Clear();
        }
        if (_pending.Count > 0)
        {
            _log.Error("bug: the arbiter's decisions did not settle in 8 rounds; {Count} left", _pending.Count);
            _pending.Clear();
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
                host!.Handle(InstanceInput.TakeoverInhibit(d.Flag), now);
                break;
            case ArbiterDecisionKind.LanFault:
                _log.Warning("{Prefix} LAN FAULT: master node {Peer} is silent on the LAN but heard on {Channel}; not taking over", host!.Prefix, d.PeerId, channel);
                Publish(new ApplianceEvent(EventKind.LanFault, now, host.Instance.Settings.Name, host.Instance.State, host.Instance.State,
                    host.Instance.EffectivePriority, channel, d.PeerId));
                break;
            case ArbiterDecisionKind.LanFaultCleared:
                _log.Information("{Prefix} LAN fault over", host!.Prefix);
                break;
            case ArbiterDecisionKind.EnterFault:
                host!.Handle(InstanceInput.InterfaceDown(), now);
                break;
            case ArbiterDecisionKind.LeaveFault:
                if (host!.LinkUp) host.Handle(InstanceInput.InterfaceUp(), now);
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
                YieldTo(d, now);
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

    // The winner's advert, as the LAN would have carried it: our own VIP list, authentication and
    // (for v2) interval, so the state machine's receive checks pass and RFC 9568 §6.4.3 sends us
    // to Backup. An address owner discards it (§7.1), which is how an owner pair stays dual
    // master and ends up fenced.
    private void YieldTo(in ArbiterDecision d, MonoTime now)
    {
        var host = _hosts[d.Instance];
        var s = host.Instance.Settings;
        byte[] addresses = _advertAddresses[d.Instance];
        var authData = s.AuthData.AsSpan();
        var interval = s.Version == VrrpVersion.V2 ? s.AdvertInterval : d.Interval;
        var advert = new VrrpAdvert(s.Version, s.Family, s.Vrid, d.Priority, (byte)s.VirtualAddresses.Length, interval, s.AuthType,
            addresses, authData, ChecksumForm.MessageOnly);
        _log.Warning("{Prefix} yielding to node {Peer} ({Address}, priority {Priority}): it wins the tie-break", host.Prefix, d.PeerId, d.Address.ToString(), d.Priority);
        host.Handle(InstanceInput.FromAdvert(advert, d.Address, 255), now);
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
