using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// One virtual router: the state machine of RFC 9568 §6.4 (and RFC 3768 for v2) plus keepalived's
/// Fault state. It decides and never acts: <see cref="Handle"/> takes an input and the current
/// monotonic time, appends what the host must do to an <see cref="ActionBuffer"/> and returns the
/// next deadline. No clock reads, no I/O, no allocation after construction.
/// </summary>
/// <remarks>
/// The RFC has one timer per state: Master_Down_Timer in Backup, Adver_Timer in Master. Both live
/// in one field because they never run together. The host calls <see cref="Handle"/> with
/// <see cref="InstanceInput.Tick"/> once <see cref="NextDeadline"/> has passed; an advert is
/// handled as it comes even when the deadline has passed meanwhile, because a busy host reads
/// packets that arrived before it woke up.
/// </remarks>
public sealed partial class Instance
{
    private static readonly int s_dropReasonSlots = CountDropReasonSlots();

    private readonly long[] _drops = new long[s_dropReasonSlots];
    private readonly long[] _mismatches = new long[s_dropReasonSlots];

    private IpAddr _primary;
    private MonoTime _timer = MonoTime.Never;
    private MonoTime _preemptAllowedAt;
    // Three independent reasons to be in Fault; the instance leaves Fault only when none holds.
    private bool _linkDown;
    private bool _lanFault;
    private bool _maintenance;
    // For the cause of a takeover (the flight recorder): when the instance last started and last
    // accepted an advert, and the weaker master whose adverts a preempting backup discarded.
    private MonoTime _startedAt;
    private MonoTime _lastHeardAt;
    private bool _heardSinceStart;
    private IpAddr _weakerAddress;
    private byte _weakerPriority;

    /// <summary>Creates an instance in <see cref="VrrpState.Initialize"/>; nothing happens until
    /// <see cref="InstanceInput.Startup"/>.</summary>
    /// <param name="settings">The protocol configuration.</param>
    /// <param name="primaryAddress">Our primary address on the interface: the advert source and
    /// the equal-priority tie-break (RFC 9568 §6.4.3). IPv6 uses the link-local address.</param>
    public Instance(InstanceSettings settings, IpAddr primaryAddress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Vrid == 0) throw new ArgumentException("VRID 0 is reserved (RFC 9568 §5.2.3)", nameof(settings));
        if (settings.Priority == 0) throw new ArgumentException("priority 0 is reserved for a leaving master (RFC 9568 §5.2.4)", nameof(settings));
        if (settings.AdvertInterval.Value <= 0) throw new ArgumentException("the advertisement interval must be positive", nameof(settings));
        if (settings.DownTimerAdverts < 1) throw new ArgumentException("down_timer_adverts must be at least 1", nameof(settings));
        if (settings.Version == VrrpVersion.V2 && settings.Family != IpFamily.IPv4)
            throw new ArgumentException("VRRPv2 is IPv4 only (RFC 3768)", nameof(settings));
        Settings = settings;
        _primary = primaryAddress;
        EffectivePriority = settings.Priority;
        MasterAdverInterval = settings.AdvertInterval;
    }

    /// <summary>The configuration this instance runs.</summary>
    public InstanceSettings Settings { get; }

    /// <summary>Current state.</summary>
    public VrrpState State { get; private set; }

    /// <summary>The priority we advertise and compare with: the configured one moved by trackers
    /// within 1..254. The owner's stays 255 (see <see cref="InputKind.PriorityChanged"/>).</summary>
    public byte EffectivePriority { get; private set; }

    /// <summary>True for the address owner: only a configured priority of 255 makes one.</summary>
    public bool IsOwner => Settings.IsOwner;

    /// <summary>Master_Adver_Interval (RFC 9568 §6.1): learned from the master's adverts in v3,
    /// the configured interval in v2 and while we are master.</summary>
    public Centiseconds MasterAdverInterval { get; private set; }

    /// <summary>Source address of the last advert accepted from another router; <c>default</c>
    /// until one arrives.</summary>
    public IpAddr MasterAddress { get; private set; }

    /// <summary>Priority carried by the last advert accepted from another router.</summary>
    public byte MasterPriority { get; private set; }

    /// <summary>When an advert from another router was last accepted (meaningful once one was).</summary>
    public MonoTime LastAdvertAt => _lastHeardAt;

    /// <summary>Our primary address (changed by <see cref="InputKind.PrimaryAddressChanged"/>).</summary>
    public IpAddr PrimaryAddress => _primary;

    /// <summary>True while the split-brain arbiter withholds a takeover (<see cref="InputKind.TakeoverInhibit"/>).</summary>
    public bool TakeoverInhibited { get; private set; }

    /// <summary>When the host must call with <see cref="InstanceInput.Tick"/> next; <see cref="MonoTime.Never"/> when idle.</summary>
    public MonoTime NextDeadline => State is VrrpState.Backup or VrrpState.Master ? _timer : MonoTime.Never;

    /// <summary>
    /// Whether the host lets this router accept packets addressed to the VIPs: only as Master, and
    /// then only when we own the addresses or Accept_Mode is on (RFC 9568 §6.4.3).
    /// </summary>
    public bool AcceptsVipTraffic => State == VrrpState.Master && (IsOwner || Settings.AcceptMode);

    /// <summary>Skew_Time for our effective priority and the current Master_Adver_Interval.</summary>
    public Duration SkewTime => VrrpTimers.SkewTime(Settings.Version, EffectivePriority, MasterAdverInterval);

    /// <summary>Master_Down_Interval for our effective priority and the current Master_Adver_Interval.</summary>
    public Duration MasterDownInterval =>
        VrrpTimers.MasterDownInterval(Settings.Version, EffectivePriority, MasterAdverInterval, Settings.DownTimerAdverts);

    /// <summary>Adverts that passed every check and reached the state machine.</summary>
    public long AdvertsAccepted { get; private set; }

    /// <summary>Adverts we asked the host to send (including priority 0).</summary>
    public long AdvertsSent { get; private set; }

    /// <summary>Priority-0 adverts received from a leaving master.</summary>
    public long PriorityZeroReceived { get; private set; }

    /// <summary>Priority-0 adverts we asked the host to send (shutdown, fault or maintenance as
    /// master): RFC 6527's vrrpv3StatisticsSentPriZeroPackets.</summary>
    public long PriorityZeroSent { get; private set; }

    /// <summary>The reason of the last discarded advert that was a protocol error in RFC 6527's
    /// sense (vrrpv3StatisticsProtoErrReason): <see cref="DropReason.BadTtl"/>,
    /// <see cref="DropReason.VersionMismatch"/> or <see cref="DropReason.UnknownVrid"/>;
    /// <see cref="DropReason.None"/> until one happens. Other discards do not overwrite it.</summary>
    public DropReason LastProtocolError { get; private set; }

    /// <summary>Times this instance became Master.</summary>
    public long BecameMaster { get; private set; }

    /// <summary>Why the instance last became Master (<see cref="StateChangeReason.None"/> if it
    /// never did): RFC 6527's vrrpv3StatisticsNewMasterReason is derived from it.</summary>
    public StateChangeReason LastMasterReason { get; private set; }

    /// <summary>True while the arbiter's go-fault policy holds the instance in Fault (<see cref="InputKind.LanFault"/>).</summary>
    public bool InLanFault => _lanFault;

    /// <summary>True while the operator's maintenance switch is on (<see cref="InputKind.Maintenance"/>).</summary>
    public bool InMaintenance => _maintenance;

    /// <summary>Times the arbiter's <see cref="InputKind.YieldTo"/> made this master step down.</summary>
    public long YieldedToPeer { get; private set; }

    /// <summary>Master-down expiries that the arbiter inhibited.</summary>
    public long TakeoversInhibited { get; private set; }

    /// <summary>Discards per reason, indexed by <see cref="DropReason"/>; a fixed array, read without copying.</summary>
    public ReadOnlySpan<long> DropCounts => _drops;

    /// <summary>Adverts processed despite a reported mismatch (v3 address list), indexed by <see cref="DropReason"/>.</summary>
    public ReadOnlySpan<long> MismatchCounts => _mismatches;

    /// <summary>Discards for one reason.</summary>
    public long DropCount(DropReason reason) => _drops[(int)reason];

    /// <summary>Handles one input at <paramref name="now"/>; returns the next deadline
    /// (<see cref="MonoTime.Never"/> when none). Actions are appended to <paramref name="actions"/>
    /// in the order the host must perform them.</summary>
    public MonoTime Handle(in InstanceInput input, MonoTime now, ActionBuffer actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        switch (input.Kind)
        {
            case InputKind.Tick: OnTick(now, actions); break;
            case InputKind.Startup: OnStartup(now, actions); break;
            case InputKind.Shutdown: OnShutdown(actions); break;
            case InputKind.Advert: OnAdvert(input, now, actions); break;
            case InputKind.InterfaceUp: OnInterfaceUp(now, actions); break;
            case InputKind.InterfaceDown: OnInterfaceDown(actions); break;
            case InputKind.PriorityChanged: OnPriorityChanged(input.Value); break;
            case InputKind.TakeoverInhibit: TakeoverInhibited = input.Flag; break;
            case InputKind.PrimaryAddressChanged: _primary = input.Address; break;
            case InputKind.YieldTo: OnYieldTo(input, now, actions); break;
            case InputKind.LanFault: OnLanFault(input.Flag, now, actions); break;
            case InputKind.Maintenance: OnMaintenance(input.Flag, now, actions); break;
            case InputKind.SyncGroupMaster:
                if (State == VrrpState.Backup) BecomeMaster(now, StateChangeReason.SyncGroup, actions, default, 0, default);
                break;
            case InputKind.SyncGroupBackup:
                if (State == VrrpState.Master) BecomeBackup(now, StateChangeReason.SyncGroup, actions, default, 0);
                break;
        }
        return NextDeadline;
    }

    // RFC 9568 §6.4.1: the owner becomes Master at once, everybody else Backup.
    private void OnStartup(MonoTime now, ActionBuffer actions)
    {
        if (State != VrrpState.Initialize) return;
        var held = FaultHeldBy();
        if (held != StateChangeReason.None)
        {
            _timer = MonoTime.Never;
            ChangeState(VrrpState.Fault, held, actions);
            return;
        }
        Start(now, startAsMaster: Settings.StartAsMaster,
            IsOwner ? StateChangeReason.StartupOwner : StateChangeReason.StartupBackup, actions);
    }

    // keepalived: leaving Fault is a fresh start. StartAsMaster is a boot hint only: after a fault
    // the peers have been running all along, so a full Master_Down_Interval is the safe wait.
    private void OnInterfaceUp(MonoTime now, ActionBuffer actions)
    {
        _linkDown = false;
        LeaveFaultIfClear(now, StateChangeReason.InterfaceUp, actions);
    }

    private void LeaveFaultIfClear(MonoTime now, StateChangeReason reason, ActionBuffer actions)
    {
        if (State == VrrpState.Fault && FaultHeldBy() == StateChangeReason.None)
            Start(now, startAsMaster: false, reason, actions);
    }

    // What keeps the instance in Fault, the operator's switch first: it is the one nobody but the
    // operator may lift.
    private StateChangeReason FaultHeldBy() =>
        _maintenance ? StateChangeReason.Maintenance
        : _linkDown ? StateChangeReason.InterfaceDown
        : _lanFault ? StateChangeReason.LanFault
        : StateChangeReason.None;

    private void Start(MonoTime now, bool startAsMaster, StateChangeReason reason, ActionBuffer actions)
    {
        _preemptAllowedAt = now.Add(Settings.PreemptDelay);
        _startedAt = now;
        _heardSinceStart = false;
        _discardedLowerPriority = false;
        MasterAdverInterval = Settings.AdvertInterval;
        if (IsOwner)
        {
            BecomeMaster(now, reason, actions, default, 0, default);
            return;
        }
        // keepalived's `state MASTER`, made RFC compatible: still wait for a master to speak, but
        // only Skew_Time, so the highest-priority router among those started this way wins first.
        var wait = startAsMaster ? SkewTime : MasterDownInterval;
        _timer = now + wait;
        ChangeState(VrrpState.Backup, reason, actions);
    }

    // RFC 9568 §6.4.2 and §6.4.3: Backup cancels its timer; Master sends priority 0 first.
    private void OnShutdown(ActionBuffer actions)
    {
        if (State == VrrpState.Initialize) return;
        if (State == VrrpState.Master) ResignMastership(actions);
        _timer = MonoTime.Never;
        ChangeState(VrrpState.Initialize, StateChangeReason.Shutdown, actions);
    }

    // A master entering Fault resigns like a Shutdown, with priority 0, so the backups take over
    // after Skew_Time rather than Master_Down_Interval (keepalived's down_instance does the same).
    // When our own link is down the send fails at the host (counted there); when a tracked
    // interface failed, our link still carries it.
    private void OnInterfaceDown(ActionBuffer actions)
    {
        _linkDown = true;
        EnterFault(StateChangeReason.InterfaceDown, actions);
    }

    private void EnterFault(StateChangeReason reason, ActionBuffer actions)
    {
        if (State is VrrpState.Initialize or VrrpState.Fault) return;
        if (State == VrrpState.Master) ResignMastership(actions);
        _timer = MonoTime.Never;
        ChangeState(VrrpState.Fault, reason, actions);
    }

    // The arbiter's go-fault policy (docs/split-brain.md). While only the LAN fault holds the
    // instance in Fault it still checks adverts and reports the accepted ones, so the arbiter
    // hears the LAN heal and lifts the fault.
    private void OnLanFault(bool on, MonoTime now, ActionBuffer actions)
    {
        _lanFault = on;
        if (on) EnterFault(StateChangeReason.LanFault, actions);
        else LeaveFaultIfClear(now, StateChangeReason.LanFaultCleared, actions);
    }

    // The operator's switch (issue 12): a master resigns with priority 0 so the backups take over
    // after Skew_Time, and nothing but the switch brings the instance back.
    private void OnMaintenance(bool on, MonoTime now, ActionBuffer actions)
    {
        _maintenance = on;
        if (on) EnterFault(StateChangeReason.Maintenance, actions);
        else LeaveFaultIfClear(now, StateChangeReason.MaintenanceOver, actions);
    }

    // RFC 9568 §6.4.3, as for an advert heard on the LAN: a master steps down to a higher priority,
    // or to an equal one with a higher primary address, and in v3 adopts its interval. The arbiter
    // took the same verdict; it is taken again here because our priority may have moved since. The
    // owner never yields: it discards adverts (§7.1), so an owner pair stays dual master and the
    // arbiter's fencing settles it.
    private void OnYieldTo(in InstanceInput input, MonoTime now, ActionBuffer actions)
    {
        if (State != VrrpState.Master || IsOwner) return;
        if (!(input.Value > EffectivePriority || (input.Value == EffectivePriority && input.Address > _primary))) return;
        if (Settings.Version == VrrpVersion.V3 && input.Interval.Value > 0) MasterAdverInterval = input.Interval;
        MasterAddress = input.Address;
        MasterPriority = input.Value;
        YieldedToPeer++;
        BecomeBackup(now, StateChangeReason.YieldTo, actions, input.Address, input.Value);
    }

    // Tracker weights move the effective priority within 1..254, as keepalived clamps them. The
    // owner keeps 255 whatever its trackers say (keepalived ignores weights on an owner too): the
    // VIPs are its own interface addresses, so another master would fight it for them. A master
    // keeps advertising: its next advert carries the new priority and a preempting backup acts on that.
    private void OnPriorityChanged(byte priority)
    {
        if (Settings.IsOwner) return;
        EffectivePriority = priority == 0 ? (byte)1 : priority == 255 ? (byte)254 : priority;
    }

    private void OnTick(MonoTime now, ActionBuffer actions)
    {
        if (now < _timer) return;
        switch (State)
        {
            case VrrpState.Backup:
                OnMasterDownTimer(now, actions);
                break;
            case VrrpState.Master:
                // RFC 9568 §6.4.3: Adver_Timer fires → send an advert, reset the timer.
                SendAdvert(EffectivePriority, actions);
                _timer = NextAdverDeadline(_timer, now, Settings.AdvertInterval);
                break;
        }
    }

    // The cadence holds: each advert falls due one interval after the previous deadline, not after
    // the moment the host got round to it, so a host that wakes late still sends the configured
    // rate (issue 9 measured 9,464 of 10,000 adverts/s when scheduled from `now`). A deadline
    // already more than one interval in the past (the host stalled) resyncs to now + interval:
    // at most one catch-up advert, never a burst.
    private static MonoTime NextAdverDeadline(MonoTime deadline, MonoTime now, Centiseconds interval)
    {
        var next = deadline.Add(interval);
        return now.NanosecondsSince(next) > interval.Nanoseconds ? now.Add(interval) : next;
    }

    // RFC 9568 §6.4.2: Master_Down_Timer fires → send an advert, announce, become Master; unless
    // the split-brain arbiter still hears the master on another channel.
    private void OnMasterDownTimer(MonoTime now, ActionBuffer actions)
    {
        // The inhibit guards against a silent master: one the LAN lost but another channel still
        // hears. A preemption is no such case: the master's adverts reached us on the LAN and we
        // discarded them as weaker (§6.4.2), so taking over is the RFC's rule, not a guess. Found
        // by the QEMU test: a higher-priority router that boots second never took over.
        if (TakeoverInhibited && !_discardedLowerPriority)
        {
            TakeoversInhibited++;
            actions.Add(new InstanceAction(ActionKind.TakeoverInhibited, EffectivePriority, State, State));
            _timer = now + MasterDownInterval;
            return;
        }
        if (_discardedLowerPriority)
        {
            BecomeMaster(now, StateChangeReason.Preempt, actions, _weakerAddress, _weakerPriority, default);
            return;
        }
        // The cause names the master we last heard, and for how long it has been silent; a master
        // heard before a fault or a restart of the instance is not the one that went quiet now.
        bool heard = _heardSinceStart;
        var silentSince = heard ? _lastHeardAt : _startedAt;
        BecomeMaster(now, StateChangeReason.MasterDown, actions, heard ? MasterAddress : default, heard ? MasterPriority : (byte)0,
            new Duration(now.NanosecondsSince(silentSince)));
    }

    private void BecomeMaster(MonoTime now, StateChangeReason reason, ActionBuffer actions, IpAddr peer, byte peerPriority, Duration silence)
    {
        SendAdvert(EffectivePriority, actions);
        actions.Add(new InstanceAction(ActionKind.AddVips));
        actions.Add(new InstanceAction(ActionKind.Announce));
        MasterAdverInterval = Settings.AdvertInterval;
        _discardedLowerPriority = false;
        _timer = now.Add(Settings.AdvertInterval);
        BecameMaster++;
        LastMasterReason = reason;
        ChangeState(VrrpState.Master, reason, actions, peer, peerPriority, silence);
    }

    private void BecomeBackup(MonoTime now, StateChangeReason reason, ActionBuffer actions, IpAddr peer, byte peerPriority)
    {
        actions.Add(new InstanceAction(ActionKind.RemoveVips));
        _timer = now + MasterDownInterval;
        ChangeState(VrrpState.Backup, reason, actions, peer, peerPriority, default);
    }

    private void ResignMastership(ActionBuffer actions)
    {
        SendAdvert(0, actions);
        actions.Add(new InstanceAction(ActionKind.RemoveVips));
    }

    private void SendAdvert(byte priority, ActionBuffer actions)
    {
        AdvertsSent++;
        if (priority == 0) PriorityZeroSent++;
        actions.Add(new InstanceAction(ActionKind.SendAdvert, priority));
    }

    private void ChangeState(VrrpState to, StateChangeReason reason, ActionBuffer actions,
        IpAddr peer = default, byte peerPriority = 0, Duration silence = default)
    {
        var from = State;
        State = to;
        actions.Add(new InstanceAction(ActionKind.StateChanged, EffectivePriority, from, to, reason,
            Address: peer, PeerPriority: peerPriority, Silence: silence));
    }

    private static int CountDropReasonSlots()
    {
        int max = 0;
        foreach (var r in Enum.GetValues<DropReason>()) max = Math.Max(max, (int)r);
        return max + 1;
    }
}
