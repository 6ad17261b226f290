using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>
/// The split-brain arbiter. Pure: time comes in, decisions go out, nothing is read, slept or logged.
/// <para>Channel 0 is the VRRP LAN, fed with every valid advert from a peer; channels 1..n are the
/// heartbeat channels, fed with frames. Liveness is a logical OR over channels (as in Linux-HA
/// heartbeat and corosync): a backup is inhibited from taking over while any heartbeat channel
/// still hears the master, and losing one channel is an alarm, never a failover.</para>
/// <para>Two masters for one instance on any channel start a dual-master episode: the RFC 9568
/// §6.4.3 tie-break (higher priority, then higher primary address) names the winner; the loser's
/// instance is told to yield (<see cref="ArbiterDecisionKind.YieldTo"/>, an input of its own kind) and
/// steps down by the state machine's own rule; the winner
/// re-announces and, when the episode persists past <see cref="FenceSettings.After"/> plus a random
/// delay, fences the loser once. Only the winner fences, so two nodes never shoot each other.</para>
/// All tables are allocated in the constructor; no call allocates.
/// </summary>
public sealed class Arbiter
{
    /// <summary>The index of the VRRP LAN among the channels.</summary>
    public const int LanChannel = 0;

    private static readonly IpAddr s_unspecifiedV6 = IpAddr.Parse("::");

    private readonly ushort _nodeId;
    private readonly ArbiterChannel[] _channels;
    private ArbiterInstance[] _instances;
    private readonly LanFaultPolicy _policy;
    private readonly FenceSettings? _fence;
    private readonly Random _random;
    private readonly int _maxPeers;

    private readonly Func<uint> _nonces;
    private readonly ushort[] _peerIds;
    private readonly uint[] _peerEpoch;
    private readonly bool[] _epochAccepted;
    private readonly uint[] _echo;
    private readonly bool[] _sequenceKnown;
    private readonly uint[] _sequence;
    private readonly MonoTime[] _lastHeard;
    private readonly bool[] _alive;
    private PeerClaim[] _claims;
    private PeerClaim[] _lan;
    private int[] _lanPeer;
    private bool[] _everHeard;
    private LocalInstanceState[] _local;

    /// <summary>
    /// Builds an arbiter for <paramref name="instances"/> and the heartbeat <paramref name="channels"/>
    /// (numbered from 1; 0 is the LAN). <paramref name="random"/> draws the fencing delay: pass a
    /// seeded one in tests. <paramref name="nonces"/> draws our nonces (non-zero); by default the
    /// operating system's cryptographic generator (<see cref="SecureId"/>).
    /// </summary>
    public Arbiter(ushort nodeId, ReadOnlySpan<ArbiterChannel> channels, ReadOnlySpan<ArbiterInstance> instances,
        LanFaultPolicy policy, FenceSettings? fence, Random random, int maxPeers = 8, Func<uint>? nonces = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(nodeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPeers, 1);
        _nodeId = nodeId;
        _channels = new ArbiterChannel[channels.Length + 1];
        _channels[LanChannel] = new ArbiterChannel("lan", Centiseconds.Zero);
        channels.CopyTo(_channels.AsSpan(1));
        _instances = instances.ToArray();
        _policy = policy;
        _fence = fence;
        _random = random;
        _maxPeers = maxPeers;

        int pc = maxPeers * _channels.Length;
        _nonces = nonces ?? SecureId.Next;
        Nonce = _nonces();
        _peerIds = new ushort[maxPeers];
        _peerEpoch = new uint[maxPeers];
        _epochAccepted = new bool[maxPeers];
        _echo = new uint[_channels.Length];
        _sequenceKnown = new bool[pc];
        _sequence = new uint[pc];
        _lastHeard = new MonoTime[pc];
        _alive = new bool[pc];
        _claims = new PeerClaim[_instances.Length * pc];
        _lan = new PeerClaim[_instances.Length];
        _lanPeer = new int[_instances.Length];
        _everHeard = new bool[_instances.Length * maxPeers];
        _local = new LocalInstanceState[_instances.Length];
        for (int i = 0; i < _local.Length; i++) _local[i].FenceAt = MonoTime.Never;
        Drops = new HeartbeatDropCounters();
    }

    /// <summary>Frames the arbiter refused (own frames, stale sequence numbers, too many peers).</summary>
    public HeartbeatDropCounters Drops { get; }

    /// <summary>Our current nonce: every frame we send carries it, and a peer's new run is accepted only
    /// from a frame that echoes it. Drawn afresh each time we accept a new run of a peer.</summary>
    public uint Nonce { get; private set; }

    /// <summary>What our frames on heartbeat channel <paramref name="channel"/> echo: the nonce we last
    /// heard from the peer on that channel (0 before we heard one).</summary>
    public uint EchoFor(int channel) => _echo[channel];

    /// <summary>Runs of peers accepted (the first one we hear of each peer, then each restart).</summary>
    public long PeerRunsAccepted { get; private set; }

    /// <summary>Number of channels including the LAN.</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>The channel's name (<c>lan</c> for channel 0).</summary>
    public string ChannelName(int channel) => _channels[channel].Name;

    /// <summary>The instances, by index.</summary>
    public ReadOnlySpan<ArbiterInstance> Instances => _instances;

    /// <summary>True while <paramref name="peerId"/> is heard on <paramref name="channel"/>.</summary>
    public bool IsChannelAlive(int channel, ushort peerId)
    {
        int p = FindPeer(peerId);
        return p >= 0 && _alive[p * _channels.Length + channel];
    }

    /// <summary>True while the instance's takeover is inhibited (its master is heard on a heartbeat channel).</summary>
    public bool IsInhibited(int instance) => _local[instance].Inhibited;

    /// <summary>True while the instance is in a LAN fault.</summary>
    public bool IsLanFault(int instance) => _local[instance].LanFault;

    /// <summary>When the fence falls due for the instance's dual-master episode; <see cref="MonoTime.Never"/> when none is pending.</summary>
    public MonoTime FenceDue(int instance) => _local[instance] is { Split: true, Fenced: false } l ? l.FenceAt : MonoTime.Never;

    /// <summary>True during a dual-master episode of the instance.</summary>
    public bool IsSplit(int instance) => _local[instance].Split;

    /// <summary>
    /// The host reports the instance's own state (after every state or priority change); it goes into
    /// our frames and decides whether a master heard elsewhere means a dual master.
    /// <para>Only reports come out of this call (split suspected or cleared, re-announce, fence), never
    /// a decision that is an input to an instance (<see cref="DecisionInputs"/>): the inhibit verdict
    /// depends on claims and time alone, and <see cref="ArbiterDecisionKind.YieldTo"/> only answers a
    /// fresh claim. The host calls this while it applies decisions; this is what makes applying them
    /// in one pass terminate.</para>
    /// </summary>
    public void SetLocal(int instance, VrrpState state, byte priority, IpAddr primaryAddress, Centiseconds advertInterval, MonoTime now, ArbiterOutput output)
    {
        ref var l = ref _local[instance];
        l.State = state;
        l.Priority = priority;
        l.Address = primaryAddress;
        l.Interval = advertInterval;
        EvaluateSplit(instance, now, output, fresh: false);
    }

    /// <summary>
    /// A configuration reload changed the instance list. <paramref name="previousIndex"/>[i] is the
    /// old index of new instance i, or -1 for a new one: kept instances keep everything the
    /// arbiter knows about them (claims, inhibit, LAN fault, split and fence clock), so a reload
    /// never lifts an inhibit or restarts a fence delay. Channels and peers are untouched.
    /// </summary>
    public void ReplaceInstances(ReadOnlySpan<ArbiterInstance> instances, ReadOnlySpan<int> previousIndex)
    {
        if (previousIndex.Length != instances.Length) throw new ArgumentException("bug: one previous index per instance", nameof(previousIndex));
        int n = instances.Length;
        int row = _maxPeers * _channels.Length;
        var claims = new PeerClaim[n * row];
        var lan = new PeerClaim[n];
        var lanPeer = new int[n];
        var local = new LocalInstanceState[n];
        var everHeard = new bool[n * _maxPeers];
        for (int i = 0; i < n; i++)
        {
            int o = previousIndex[i];
            if (o < 0)
            {
                local[i].FenceAt = MonoTime.Never;
                continue;
            }
            _claims.AsSpan(o * row, row).CopyTo(claims.AsSpan(i * row, row));
            _everHeard.AsSpan(o * _maxPeers, _maxPeers).CopyTo(everHeard.AsSpan(i * _maxPeers, _maxPeers));
            lan[i] = _lan[o];
            lanPeer[i] = _lanPeer[o];
            local[i] = _local[o];
        }
        _instances = instances.ToArray();
        _claims = claims;
        _lan = lan;
        _lanPeer = lanPeer;
        _local = local;
        _everHeard = everHeard;
    }

    /// <summary>Writes our entries (one per instance) for the next frame; returns how many.</summary>
    public int WriteEntries(Span<HeartbeatEntry> destination)
    {
        int n = Math.Min(Math.Min(destination.Length, _instances.Length), HeartbeatWire.MaxEntries);
        for (int i = 0; i < n; i++)
        {
            ref readonly var l = ref _local[i];
            var family = _instances[i].Family;
            var address = l.Address.Family == family ? l.Address : family == IpFamily.IPv6 ? s_unspecifiedV6 : default;
            destination[i] = new HeartbeatEntry(_instances[i].Vrid, family, l.State, l.Priority, l.Interval, address, l.LanFault);
        }
        return n;
    }

    /// <summary>A valid frame arrived on heartbeat channel <paramref name="channel"/> (1..n).</summary>
    public HeartbeatDropReason OnFrame(int channel, in HeartbeatFrame frame, MonoTime now, ArbiterOutput output)
    {
        if ((uint)(channel - 1) >= (uint)(_channels.Length - 1)) throw new ArgumentOutOfRangeException(nameof(channel), "bug: not a heartbeat channel");
        if (frame.NodeId == _nodeId) return Refuse(HeartbeatDropReason.OwnFrame);
        int p = FindPeer(frame.NodeId);
        if (p < 0) p = AddPeer(frame.NodeId);
        if (p < 0) return Refuse(HeartbeatDropReason.TooManyPeers);

        int pc = p * _channels.Length + channel;
        if (_epochAccepted[p] && frame.Epoch == _peerEpoch[p])
        {
            // The run we know: its sequence must move forward on each channel (serial arithmetic).
            if (_sequenceKnown[pc] && (int)(frame.Sequence - _sequence[pc]) <= 0) return Refuse(HeartbeatDropReason.Stale);
        }
        else
        {
            // Another run: the peer restarted, or someone replays frames recorded from an earlier run
            // (HMAC and all). Only a frame that echoes our current nonce can be new: it was built after
            // the peer heard that nonce. Then the nonce is drawn afresh, so frames of the run just
            // ended, which echo the old one, can never pass as a new run again (docs/split-brain.md).
            if (frame.Echo != Nonce)
            {
                // Echo its nonce anyway: a restarted peer that has not heard us yet needs it to reach us.
                _echo[channel] = frame.Nonce;
                return Refuse(HeartbeatDropReason.Replay);
            }
            _peerEpoch[p] = frame.Epoch;
            _epochAccepted[p] = true;
            for (int c = 0; c < _channels.Length; c++) _sequenceKnown[p * _channels.Length + c] = false;
            Nonce = NextNonce();
            PeerRunsAccepted++;
        }
        _echo[channel] = frame.Nonce;
        _sequence[pc] = frame.Sequence;
        _sequenceKnown[pc] = true;
        _lastHeard[pc] = now;
        if (!_alive[pc])
        {
            _alive[pc] = true;
            output.Add(new ArbiterDecision(ArbiterDecisionKind.ChannelUp, Channel: channel, PeerId: frame.NodeId));
        }

        foreach (var e in frame)
        {
            int i = FindInstance(e.Vrid, e.Family);
            if (i < 0) continue;
            // A peer back after silence on every heartbeat channel may have been master all that
            // time and sent its own GARPs; it may yield before we ever see two masters at once.
            // A master re-announces, so switches and hosts point at it again whatever the race.
            bool returning = _everHeard[i * _maxPeers + p] && !HeardRecently(i, p, now);
            _everHeard[i * _maxPeers + p] = true;
            if (returning && _local[i].State == VrrpState.Master && !_local[i].Split)
                output.Add(new ArbiterDecision(ArbiterDecisionKind.Reannounce, i, channel, frame.NodeId));
            ref var c = ref _claims[(i * _maxPeers + p) * _channels.Length + channel];
            c = new PeerClaim
            {
                At = now, State = e.State, Priority = e.Priority, Address = e.PrimaryAddress,
                Interval = e.AdvertInterval, LanFault = e.LanFault, Valid = true,
            };
            Evaluate(i, now, output, fresh: true);
        }
        return HeartbeatDropReason.None;
    }

    /// <summary>
    /// The instance accepted an advert from another router on the LAN (<c>ActionKind.AdvertAccepted</c>:
    /// it passed every RFC 9568 §7.1 check, so a forged one never gets here). Only masters advertise, so
    /// it is a master claim; priority 0 is a master leaving.
    /// </summary>
    public void OnLanAdvert(int instance, byte priority, IpAddr source, Centiseconds advertInterval, MonoTime now, ArbiterOutput output)
    {
        _lan[instance] = new PeerClaim
        {
            At = now, State = VrrpState.Master, Priority = priority, Address = source, Interval = advertInterval, Valid = true,
        };
        _lanPeer[instance] = PeerByAddress(instance, source);
        ref var l = ref _local[instance];
        if (l.LanFault && priority != 0) ClearLanFault(instance, output);
        Evaluate(instance, now, output, fresh: true);
    }

    /// <summary>The instance reported <c>ActionKind.TakeoverInhibited</c>: its master-down timer fired while inhibited.</summary>
    public void OnTakeoverInhibited(int instance, MonoTime now, ArbiterOutput output)
    {
        ref var l = ref _local[instance];
        if (l.LanFault || !l.Inhibited) return;
        l.LanFault = true;
        FindMasterClaim(instance, now, heartbeatOnly: true, out int p, out int channel);
        output.Add(new ArbiterDecision(ArbiterDecisionKind.LanFault, instance, channel, p >= 0 ? _peerIds[p] : (ushort)0));
        if (_policy == LanFaultPolicy.GoFault) output.Add(new ArbiterDecision(ArbiterDecisionKind.EnterFault, instance));
    }

    /// <summary>Time passed: channels and claims expire, fences fall due.</summary>
    public void Tick(MonoTime now, ArbiterOutput output)
    {
        for (int p = 0; p < _maxPeers; p++)
        {
            if (_peerIds[p] == 0) continue;
            for (int c = 1; c < _channels.Length; c++)
            {
                int pc = p * _channels.Length + c;
                if (_alive[pc] && Expired(_lastHeard[pc], _channels[c].DeadTime, now))
                {
                    _alive[pc] = false;
                    output.Add(new ArbiterDecision(ArbiterDecisionKind.ChannelDown, Channel: c, PeerId: _peerIds[p]));
                }
            }
        }
        // An expired LAN claim is forgotten, or NextDeadline would keep naming its expiry, a time in
        // the past, and the loop would spin.
        for (int i = 0; i < _instances.Length; i++)
            if (_lan[i].Valid && Expired(_lan[i].At, LanWindow(_lan[i].Interval), now)) _lan[i].Valid = false;
        for (int i = 0; i < _instances.Length; i++) Evaluate(i, now, output, fresh: false);
    }

    /// <summary>When <see cref="Tick"/> must run next: the earliest channel or claim expiry or fence.</summary>
    public MonoTime NextDeadline
    {
        get
        {
            var next = MonoTime.Never;
            for (int p = 0; p < _maxPeers; p++)
            {
                if (_peerIds[p] == 0) continue;
                for (int c = 1; c < _channels.Length; c++)
                {
                    int pc = p * _channels.Length + c;
                    if (_alive[pc]) next = MonoTime.Min(next, ExpiryOf(_lastHeard[pc], _channels[c].DeadTime));
                }
            }
            for (int i = 0; i < _instances.Length; i++)
            {
                if (_lan[i].Valid) next = MonoTime.Min(next, ExpiryOf(_lan[i].At, LanWindow(_lan[i].Interval)));
                ref readonly var l = ref _local[i];
                if (l.Split && !l.Fenced) next = MonoTime.Min(next, l.FenceAt);
            }
            return next;
        }
    }

    private void Evaluate(int i, MonoTime now, ArbiterOutput output, bool fresh)
    {
        ref var l = ref _local[i];
        bool inhibit = FindMasterClaim(i, now, heartbeatOnly: true, out _, out _);
        if (inhibit != l.Inhibited)
        {
            l.Inhibited = inhibit;
            output.Add(new ArbiterDecision(ArbiterDecisionKind.Inhibit, i, Flag: inhibit));
            // The master is gone from every channel: the fault is over and the takeover may proceed.
            if (!inhibit && l.LanFault) ClearLanFault(i, output);
        }
        EvaluateSplit(i, now, output, fresh);
    }

    // Two masters for instance i? Emits reports only, and YieldTo for a fresh claim.
    private void EvaluateSplit(int i, MonoTime now, ArbiterOutput output, bool fresh)
    {
        ref var l = ref _local[i];
        int p = -1, channel = -1;
        if (l.State == VrrpState.Master && FindMasterClaim(i, now, heartbeatOnly: false, out p, out channel))
        {
            var claim = channel == LanChannel ? _lan[i] : _claims[(i * _maxPeers + p) * _channels.Length + channel];
            ushort peerId = p >= 0 ? _peerIds[p] : (ushort)0;
            // RFC 9568 §6.4.3: the higher priority wins; on a tie the higher primary address.
            bool weWin = l.Priority > claim.Priority || (l.Priority == claim.Priority && l.Address.CompareTo(claim.Address) > 0);
            if (!l.Split)
            {
                l.Split = true;
                l.SplitPeer = p;
                l.SplitChannel = channel;
                l.SplitWeWin = false;
                l.Fenced = false;
                l.FenceAt = MonoTime.Never;
                output.Add(new ArbiterDecision(ArbiterDecisionKind.SplitBrainSuspected, i, channel, peerId, claim.Priority, claim.Address));
            }
            // A split first seen on the LAN may come from an address no frame has named yet.
            if (l.SplitPeer < 0 && p >= 0) l.SplitPeer = p;
            // Priorities may change during an episode (trackers): the verdict is re-taken every time,
            // and the fence clock starts when we become the winner.
            if (weWin != l.SplitWeWin)
            {
                if (weWin) output.Add(new ArbiterDecision(ArbiterDecisionKind.Reannounce, i, channel, peerId));
                l.SplitWeWin = weWin;
                l.FenceAt = weWin && _fence is not null ? now.Add(_fence.After).AddNanoseconds(RandomDelayNs()) : MonoTime.Never;
            }
            // On the LAN the instance hears the winner's advert itself; elsewhere we replay it, on every fresh claim.
            if (!weWin && fresh && channel != LanChannel)
                output.Add(new ArbiterDecision(ArbiterDecisionKind.YieldTo, i, channel, peerId, claim.Priority, claim.Address, claim.Interval));
            if (l.SplitWeWin && !l.Fenced && now >= l.FenceAt)
            {
                l.Fenced = true;
                output.Add(new ArbiterDecision(ArbiterDecisionKind.Fence, i, l.SplitChannel, l.SplitPeer >= 0 ? _peerIds[l.SplitPeer] : peerId, claim.Priority, claim.Address));
            }
        }
        else if (l.Split)
        {
            l.Split = false;
            l.FenceAt = MonoTime.Never;
            output.Add(new ArbiterDecision(ArbiterDecisionKind.SplitBrainCleared, i, l.SplitChannel, l.SplitPeer >= 0 ? _peerIds[l.SplitPeer] : (ushort)0));
            // The peer yielded while we stayed master: announce again so every cache points at us.
            if (l.State == VrrpState.Master) output.Add(new ArbiterDecision(ArbiterDecisionKind.Reannounce, i, l.SplitChannel));
        }
    }

    private void ClearLanFault(int i, ArbiterOutput output)
    {
        _local[i].LanFault = false;
        output.Add(new ArbiterDecision(ArbiterDecisionKind.LanFaultCleared, i));
        if (_policy == LanFaultPolicy.GoFault) output.Add(new ArbiterDecision(ArbiterDecisionKind.LeaveFault, i));
    }

    // A master claim for instance i still fresh on some channel: the heartbeat channels first (in
    // order), then, unless heartbeatOnly, the LAN.
    private bool FindMasterClaim(int i, MonoTime now, bool heartbeatOnly, out int peer, out int channel)
    {
        for (int p = 0; p < _maxPeers; p++)
        {
            if (_peerIds[p] == 0) continue;
            for (int c = 1; c < _channels.Length; c++)
            {
                ref readonly var claim = ref _claims[(i * _maxPeers + p) * _channels.Length + c];
                if (claim.IsMaster && !Expired(claim.At, _channels[c].DeadTime, now))
                {
                    peer = p;
                    channel = c;
                    return true;
                }
            }
        }
        if (!heartbeatOnly && _lan[i].IsMaster && !Expired(_lan[i].At, LanWindow(_lan[i].Interval), now))
        {
            peer = _lanPeer[i];
            channel = LanChannel;
            return true;
        }
        peer = -1;
        channel = -1;
        return false;
    }

    private bool HeardRecently(int i, int p, MonoTime now)
    {
        for (int c = 1; c < _channels.Length; c++)
        {
            ref readonly var claim = ref _claims[(i * _maxPeers + p) * _channels.Length + c];
            if (claim.Valid && !Expired(claim.At, _channels[c].DeadTime, now)) return true;
        }
        return false;
    }

    // A LAN master claim lasts a Master_Down_Interval: 3 × interval + Skew_Time, and Skew_Time < interval.
    private static Centiseconds LanWindow(Centiseconds interval) => 4 * interval;

    private static bool Expired(MonoTime at, Centiseconds window, MonoTime now) => now.NanosecondsSince(at) > window.Nanoseconds;

    private static MonoTime ExpiryOf(MonoTime at, Centiseconds window) => at.Add(window).AddNanoseconds(1);

    private long RandomDelayNs()
    {
        int max = _fence!.MaxRandomDelay.Value;
        return max <= 0 ? 0 : new Centiseconds(_random.Next(max + 1)).Nanoseconds;
    }

    private uint NextNonce()
    {
        uint next;
        do next = _nonces();
        while (next == 0 || next == Nonce);
        return next;
    }

    private HeartbeatDropReason Refuse(HeartbeatDropReason reason)
    {
        Drops.Count(reason);
        return reason;
    }

    private int FindPeer(ushort nodeId)
    {
        for (int p = 0; p < _maxPeers; p++) if (_peerIds[p] == nodeId) return p;
        return -1;
    }

    private int AddPeer(ushort nodeId)
    {
        for (int p = 0; p < _maxPeers; p++)
        {
            if (_peerIds[p] != 0) continue;
            _peerIds[p] = nodeId;
            return p;
        }
        return -1;
    }

    private int FindInstance(byte vrid, IpFamily family)
    {
        for (int i = 0; i < _instances.Length; i++) if (_instances[i].Vrid == vrid && _instances[i].Family == family) return i;
        return -1;
    }

    // Which node sent a LAN advert: the one whose frames name that primary address for the instance.
    private int PeerByAddress(int i, IpAddr source)
    {
        for (int p = 0; p < _maxPeers; p++)
        {
            if (_peerIds[p] == 0) continue;
            for (int c = 1; c < _channels.Length; c++)
                if (_claims[(i * _maxPeers + p) * _channels.Length + c] is { Valid: true } claim && claim.Address == source) return p;
        }
        return -1;
    }
}
