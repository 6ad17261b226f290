using Appliance.Config.Model;
using Appliance.Host.Logging;
using Appliance.Host.Recorder;
using Appliance.Host.SplitBrain;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Seams;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Host;

/// <summary>
/// Runs one <see cref="Instance"/> on the real network: feeds it inputs and performs the
/// actions it returns, in order (send adverts through the codec, add and remove VIPs through
/// netlink, announce, log and publish state changes). Everything an action needs is prepared
/// at start-up, so performing actions in steady state allocates nothing.
/// </summary>
public sealed class InstanceHost
{
    private readonly ActionBuffer _actions;
    private readonly IAddressManager _addresses;
    private readonly AddressRequest[] _vips;
    private readonly IpAddr[] _advertised;
    private readonly byte[] _authData;
    private readonly IpAddr[] _destinations;
    private readonly byte[] _tx;
    private readonly byte? _unicastTtl;
    private readonly ILogger _log;
    private readonly DropLog _dropLog;
    private readonly IEventSink[] _sinks;
    private MonoTime _vipRetryAt = MonoTime.Never;
    private readonly RateLimiter _errors = new(4, TimeSpan.FromSeconds(10));
    private CauseHint _hint;
    private bool _inhibitRecorded;

    public InstanceHost(
        VrrpInstanceConfig config,
        Instance instance,
        VrrpLink link,
        IpAddr primary,
        AddressRequest[] vips,
        IpAddr group,
        Announcer announcer,
        IAddressManager addresses,
        ActionBuffer actions,
        ILogger log,
        DropLog dropLog,
        IEventSink[] sinks)
    {
        Config = config;
        Instance = instance;
        Link = link;
        Primary = primary;
        _vips = vips;
        Announcer = announcer;
        _addresses = addresses;
        _actions = actions;
        _log = log;
        _dropLog = dropLog;
        _sinks = sinks;
        var s = instance.Settings;
        _advertised = [.. s.VirtualAddresses];
        _authData = [.. s.AuthData];
        _destinations = config.UnicastPeers.IsDefaultOrEmpty ? [group] : [.. config.UnicastPeers];
        _tx = new byte[VrrpCodec.MaxMessageSize(s.Family)];
        _unicastTtl = config.UnicastTtl is int t && !config.UnicastPeers.IsDefaultOrEmpty ? (byte)t : null;
        Prefix = $"[VRID {s.Vrid}] [{(s.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")}] [{link.Name}] ({s.Name})";
    }

    public VrrpInstanceConfig Config { get; }

    public Instance Instance { get; }

    public VrrpLink Link { get; }

    public IpAddr Primary { get; }

    public Announcer Announcer { get; }

    /// <summary>The log prefix every line about this instance carries: <c>[VRID 51] [IPv4] [eth0] (VI_1)</c>.</summary>
    public string Prefix { get; }

    /// <summary>The configured interface (the VMAC's parent when use_vmac is on).</summary>
    public int BaseInterfaceIndex { get; init; }

    /// <summary>The split-brain defence, when heartbeat channels are configured.</summary>
    public IInstanceObserver? Observer { get; set; }

    /// <summary>The flight recorder every transition of this instance is written to, with its cause; null when off.</summary>
    public FlightRecorder? Recorder { get; set; }

    /// <summary>The VMAC interface this instance created, or 0.</summary>
    public int VmacIndex { get; init; }

    /// <summary>Whether the instance's interfaces were up at the last link event.</summary>
    public bool LinkUp { get; set; } = true;

    public long SendErrors { get; private set; }

    /// <summary>The last state change (<c>default</c> until the first one).</summary>
    public StateTransition LastTransition { get; private set; }

    /// <summary>Why the instance last became Master (<see cref="StateChangeReason.None"/> if it never did):
    /// RFC 6527's vrrpv3StatisticsNewMasterReason is derived from it.</summary>
    public StateChangeReason LastMasterReason { get; private set; }

    /// <summary>Times this instance left MASTER (keepalived's release_master).</summary>
    public long ReleasedMaster { get; private set; }

    /// <summary>When the state last changed (the keepalived dumps' last_transition).</summary>
    public MonoTime LastTransitionAt { get; private set; }

    public long VipErrors { get; private set; }

    public bool IsUnicast => _destinations.Length > 0 && !_destinations[0].IsMulticast;

    public MonoTime NextDeadline => MonoTime.Min(MonoTime.Min(Instance.NextDeadline, Announcer.NextDeadline), _vipRetryAt);

    /// <summary>VIPs a master could not add at the last attempt (0 when it holds them all). While
    /// it is not 0 the host retries every <see cref="VipRetryInterval"/>: a MASTER without its
    /// addresses is never silent and never left alone.</summary>
    public int VipsMissing { get; private set; }

    /// <summary>Retries of failed VIP additions.</summary>
    public long VipRetries { get; private set; }

    /// <summary>How often a master retries VIPs it could not add.</summary>
    public static readonly Duration VipRetryInterval = new(1_000_000_000);

    /// <summary>Feeds <paramref name="input"/>, telling the flight recorder what caused it
    /// (<paramref name="because"/>: a tracker, the link, a signal, a reload).</summary>
    public void Handle(in InstanceInput input, MonoTime now, in CauseHint because)
    {
        var outer = _hint;
        _hint = because;
        try
        {
            Handle(input, now);
        }
        finally
        {
            _hint = outer;
        }
    }

    public void Handle(in InstanceInput input, MonoTime now)
    {
        _actions.Clear();
        byte priorityBefore = Instance.EffectivePriority;
        Instance.Handle(input, now, _actions);
        if (input.Kind == InputKind.PriorityChanged && Instance.EffectivePriority != priorityBefore)
            RecordPriorityChange(priorityBefore);
        Perform(now, input.Kind == InputKind.Advert ? input.Source : default);
        // The observer applies what it decided meanwhile now, in this turn, once the shared action
        // buffer is free (it may feed this or another host).
        Observer?.OnHostSettled(now);
    }

    public void OnAdvert(in VrrpAdvert advert, IpAddr source, IpAddr destination, byte ttl, MonoTime now) =>
        Handle(InstanceInput.FromAdvert(advert, source, ttl, destination), now);

    public void OnDeadline(MonoTime now)
    {
        if (now >= Instance.NextDeadline) Handle(InstanceInput.Tick(), now);
        if (now >= Announcer.NextDeadline) Announcer.OnDeadline(now);
        if (now >= _vipRetryAt) RetryVips(now);
    }

    private void RetryVips(MonoTime now)
    {
        _vipRetryAt = MonoTime.Never;
        if (Instance.State != VrrpState.Master)
        {
            VipsMissing = 0;
            return;
        }
        VipRetries++;
        ApplyVips(add: true, now);
        if (VipsMissing == 0) _log.Information("{Prefix} all VIPs added on retry {Count}", Prefix, VipRetries);
    }

    /// <summary>Removes every VIP whatever the state (shutdown): idempotent, so safe after a master already removed them.</summary>
    public void RemoveVipsNow(MonoTime now) => ApplyVips(add: false, now);

    private void Perform(MonoTime now, IpAddr advertSource)
    {
        for (int i = 0; i < _actions.Count; i++)
        {
            ref readonly var a = ref _actions[i];
            switch (a.Kind)
            {
                case ActionKind.SendAdvert: SendAdvert(a.Priority, now); break;
                case ActionKind.AddVips: ApplyVips(add: true, now); break;
                case ActionKind.RemoveVips: ApplyVips(add: false, now); break;
                case ActionKind.Announce: Announcer.Start(now); break;
                case ActionKind.LowerPriorityHeard: OnLowerPriorityHeard(now); break;
                case ActionKind.StateChanged: OnStateChanged(a, now); break;
                case ActionKind.Dropped: _dropLog.Dropped(this, a.Drop, advertSource, now); break;
                case ActionKind.TakeoverInhibited:
                    Observer?.OnTakeoverInhibited(this, now);
                    RecordInhibit(a);
                    if (_errors.Allow(2, now, out _)) _log.Warning("{Prefix} master down timer expired but takeover is inhibited (master still heard on another channel)", Prefix);
                    break;
                case ActionKind.AdvertAccepted:
                    // Only adverts that passed every receive check reach the arbiter (issue 10).
                    Observer?.OnAdvertAccepted(this, a.Priority, a.Address, a.Interval, now);
                    break;
                case ActionKind.ConfigMismatch:
                    if (_errors.Allow(3, now, out _)) _log.Warning("{Prefix} advert from {Source} disagrees with our configuration: {Reason}", Prefix, advertSource.ToString(), StateNames.Of(a.Drop));
                    break;
            }
        }
    }

    private void SendAdvert(byte priority, MonoTime now)
    {
        var s = Instance.Settings;
        var fields = new AdvertFields
        {
            Version = s.Version,
            Family = s.Family,
            Vrid = s.Vrid,
            Priority = priority,
            Interval = s.AdvertInterval,
            AuthType = s.AuthType,
            AuthData = _authData,
            Addresses = _advertised,
        };
        foreach (var dst in _destinations)
        {
            int n = VrrpCodec.Encode(_tx, fields, Primary, dst, s.V3Ipv4SendChecksum);
            // keepalived's unicast_ttl applies to unicast peers only (the config refuses it without them).
            var e = _unicastTtl is byte ttl ? Link.Socket.Send(_tx.AsSpan(0, n), Primary, dst, ttl) : Link.Socket.Send(_tx.AsSpan(0, n), Primary, dst);
            if (e.Failed)
            {
                SendErrors++;
                if (_errors.Allow(0, now, out long held)) _log.Warning("{Prefix} sending advert to {Destination} failed: {Error} ({Held} more)", Prefix, dst.ToString(), e.ToString(), held);
            }
        }
    }

    private void ApplyVips(bool add, MonoTime now)
    {
        int missing = 0;
        foreach (ref readonly var v in _vips.AsSpan())
        {
            var e = add ? _addresses.Add(v) : _addresses.Delete(v);
            // An address that is already there is held: that is what adding wanted.
            if (!e.Failed || (add && e.Errno == Platform.Linux.Interop.Errno.EEXIST)) continue;
            VipErrors++;
            if (add) missing++;
            if (_errors.Allow(1, now, out long held))
                _log.Error("{Prefix} {Op} VIP {Vip} failed: {Error}{Retry} ({Held} more)", Prefix, add ? "adding" : "removing", v.Prefix.ToString(), e.ToString(),
                    add ? "; MASTER without it, retrying every second" : "", held);
        }
        VipsMissing = missing;
        _vipRetryAt = missing > 0 ? now + VipRetryInterval : MonoTime.Never;
    }


    // keepalived's vrrp_state_master_rx for a lower priority: re-announce the VIPs, then the
    // MASTER_RX_LOWER_PRI event (notify_master_rx_lower_pri, the FIFO line) with our priority.
    private void OnLowerPriorityHeard(MonoTime now)
    {
        Announcer.StartLowerPriority(now);
        var e = new ApplianceEvent(EventKind.MasterRxLowerPriority, now, Instance.Settings.Name, VrrpState.Master, VrrpState.Master, Instance.EffectivePriority);
        foreach (var sink in _sinks) sink.Publish(e);
    }

    private void OnStateChanged(in InstanceAction a, MonoTime now)
    {
        if (a.To != VrrpState.Master) Announcer.Stop();
        LastTransition = new StateTransition(a.From, a.To, a.Reason, now);
        if (a.To == VrrpState.Master) LastMasterReason = a.Reason;
        if (a.From == VrrpState.Master) ReleasedMaster++;
        LastTransitionAt = now;
        _log.Information("{Prefix} Entering {State} STATE (was {From}, {Reason}, priority {Priority})",
            Prefix, StateNames.Of(a.To), StateNames.Of(a.From), a.Reason.ToString(), a.Priority);
        RecordTransition(a);
        var e = new ApplianceEvent(EventKind.StateChanged, now, Instance.Settings.Name, a.From, a.To, a.Priority);
        foreach (var sink in _sinks) sink.Publish(e);
        Observer?.OnStateChanged(this, now);
    }

    // The flight recorder: one fixed-size record per transition, written in place (no allocation).
    private void RecordTransition(in InstanceAction a)
    {
        _inhibitRecorded = false;
        if (Recorder is null) return;
        var r = NewRecord(RecordKind.Transition, a.Priority);
        r.From = a.From;
        r.To = a.To;
        r.Reason = a.Reason;
        r.Peer = a.Address;
        r.PeerPriority = a.PeerPriority;
        if (a.Reason == StateChangeReason.MasterDown)
            r.SilenceMs = (uint)Math.Clamp(a.Silence.Milliseconds, 0, uint.MaxValue - 1);
        if (a.Reason is StateChangeReason.Maintenance or StateChangeReason.MaintenanceOver && r.Cause == RecordCause.None)
            r.Cause = RecordCause.Maintenance;
        Recorder.Record(ref r);
    }

    private void RecordPriorityChange(byte before)
    {
        if (Recorder is null) return;
        var r = NewRecord(RecordKind.PriorityChange, Instance.EffectivePriority);
        r.From = r.To = Instance.State;
        r.PreviousPriority = before;
        Recorder.Record(ref r);
    }

    // Once per inhibited stretch: the timer fires again every Master_Down_Interval while it lasts.
    private void RecordInhibit(in InstanceAction a)
    {
        if (Recorder is null || _inhibitRecorded) return;
        _inhibitRecorded = true;
        var r = NewRecord(RecordKind.TakeoverInhibited, a.Priority);
        r.From = r.To = a.From;
        r.Peer = Instance.MasterAddress;
        r.PeerPriority = Instance.MasterPriority;
        Recorder.Record(ref r);
    }

    private FlightRecord NewRecord(RecordKind kind, byte priority) => new()
    {
        Kind = kind,
        Priority = priority,
        PreviousPriority = priority,
        BasePriority = Instance.Settings.Priority,
        Vrid = Instance.Settings.Vrid,
        SilenceMs = FlightRecord.NoSilence,
        Cause = _hint.Cause,
        Detail = _hint.Detail,
        Value = _hint.Weight,
        TrackerKind = _hint.TrackerKind,
        TrackerStatus = _hint.TrackerStatus,
        Instance = Instance.Settings.Name,
    };
}
