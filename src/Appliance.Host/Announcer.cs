using Appliance.Config.Model;
using Appliance.Vrrp;
using Appliance.Vrrp.Seams;

namespace Appliance.Host;

/// <summary>
/// Gratuitous ARP / unsolicited NA for one instance with keepalived's knobs: on becoming master
/// a burst of <c>garp_master_repeat</c> rounds (one frame per VIP each), spaced by
/// <c>vrrp_garp_interval</c> (or <c>vrrp_gna_interval</c> for IPv6); a second burst after
/// <c>garp_master_delay</c>; then <c>garp_master_refresh_repeat</c> rounds every
/// <c>garp_master_refresh</c> while master. Frames are built once at start-up (the MAC and the
/// VIPs do not change while running), so sending is a loop over byte arrays.
/// </summary>
public sealed class Announcer
{
    private readonly byte[][] _frames;
    private readonly IFrameSender _packet;
    private readonly int _interfaceIndex;
    private readonly GarpSettings _garp;
    private readonly long _spacingNs;
    private int _roundsLeft;
    private MonoTime _nextRound = MonoTime.Never;
    private MonoTime _secondBurst = MonoTime.Never;
    private MonoTime _refresh = MonoTime.Never;
    private MonoTime _lowerPriorityBurst = MonoTime.Never;

    public Announcer(byte[][] frames, IFrameSender packet, int interfaceIndex, GarpSettings garp, IpFamily family)
    {
        _frames = frames;
        _packet = packet;
        _interfaceIndex = interfaceIndex;
        _garp = garp;
        _spacingNs = (family == IpFamily.IPv4 ? garp.Interval : garp.NaInterval).Nanoseconds;
    }

    /// <summary>Rounds sent when the master hears a lower-priority advert (keepalived's
    /// garp_lower_prio_repeat, resolved); 0: none.</summary>
    public int LowerPriorityRepeat { get; init; }

    /// <summary>When the second lower-priority burst follows (garp_lower_prio_delay); 0: none.</summary>
    public Centiseconds LowerPriorityDelay { get; init; }

    /// <summary>Lower-priority bursts started (each advert that triggered one).</summary>
    public long LowerPriorityBursts { get; private set; }

    public long FramesSent { get; private set; }

    public long SendErrors { get; private set; }

    public MonoTime NextDeadline
    {
        get
        {
            var t = MonoTime.Min(MonoTime.Min(_secondBurst, _refresh), _lowerPriorityBurst);
            return _roundsLeft > 0 ? MonoTime.Min(t, _nextRound) : t;
        }
    }

    /// <summary>The instance became master: start the first burst now.</summary>
    public void Start(MonoTime now)
    {
        _roundsLeft = Math.Max(1, _garp.MasterRepeat);
        _nextRound = now;
        _secondBurst = _garp.MasterDelay.Value > 0 ? now.Add(_garp.MasterDelay) : MonoTime.Never;
        _refresh = _garp.MasterRefresh.Value > 0 ? now.Add(_garp.MasterRefresh) : MonoTime.Never;
        OnDeadline(now);
    }

    /// <summary>
    /// The master heard a lower-priority advert (keepalived's vrrp_state_master_rx): another router
    /// thinks it is master and hosts may have learnt its MAC, so announce the VIPs again: the
    /// lower-priority rounds now and, after the delay, once more. keepalived arms a timer per advert;
    /// one pending second burst is kept here, since the adverts that follow re-announce anyway.
    /// </summary>
    public void StartLowerPriority(MonoTime now)
    {
        if (LowerPriorityRepeat <= 0) return;
        LowerPriorityBursts++;
        _roundsLeft += LowerPriorityRepeat;
        _nextRound = MonoTime.Min(_nextRound, now);
        if (LowerPriorityDelay.Value > 0 && _lowerPriorityBurst == MonoTime.Never) _lowerPriorityBurst = now.Add(LowerPriorityDelay);
        OnDeadline(now);
    }

    /// <summary>The instance left master: nothing more to announce.</summary>
    public void Stop()
    {
        _roundsLeft = 0;
        _nextRound = _secondBurst = _refresh = _lowerPriorityBurst = MonoTime.Never;
    }

    public void OnDeadline(MonoTime now)
    {
        if (now >= _secondBurst)
        {
            _roundsLeft += Math.Max(1, _garp.MasterRepeat);
            _nextRound = now;
            _secondBurst = MonoTime.Never;
        }
        if (now >= _lowerPriorityBurst)
        {
            _roundsLeft += LowerPriorityRepeat;
            _nextRound = MonoTime.Min(_nextRound, now);
            _lowerPriorityBurst = MonoTime.Never;
        }
        if (now >= _refresh)
        {
            _roundsLeft += Math.Max(1, _garp.MasterRefreshRepeat);
            _nextRound = MonoTime.Min(_nextRound, now);
            _refresh = now.Add(_garp.MasterRefresh);
        }
        while (_roundsLeft > 0 && now >= _nextRound)
        {
            SendRound();
            _roundsLeft--;
            if (_spacingNs > 0)
            {
                _nextRound = now.AddNanoseconds(_spacingNs);
                break;
            }
        }
    }

    private void SendRound()
    {
        foreach (var f in _frames)
        {
            if (_packet.Send(_interfaceIndex, f).Failed == false) FramesSent++;
            else SendErrors++;
        }
    }
}
