using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;

namespace Appliance.Board.Leds;

/// <summary>
/// Shows the aggregate HA condition on the status LEDs. It listens to the event stream
/// (StateChanged per instance, SplitBrainSuspected, WatchdogStarving), picks the pattern and
/// either hands a blink to the LED itself (kernel <c>timer</c> trigger) or toggles it from the
/// loop's deadlines. No threads, no clock reads, no allocation after construction.
/// </summary>
/// <remarks>
/// Alerts carry no "all clear" event, so each one is shown for <see cref="LedSettings.AlertHold"/>
/// after it was last reported; the watchdog supervisor repeats its event while it withholds pets.
/// A blink is handed to the LED only when the other LED is steady: two kernel timers started one
/// after the other drift apart, which would spoil an alternating pattern.
/// </remarks>
public sealed class LedController : IEventSink, IDeadlineParticipant
{
    private static readonly LedId[] s_leds = [LedId.Status, LedId.Alert];

    private readonly IStatusLeds _leds;
    private readonly LedPatternTable _patterns;
    private readonly long _alertHoldNs;
    private readonly Dictionary<string, VrrpState> _instances;
    private readonly bool[] _softwareBlink = new bool[2];
    private readonly bool[] _lit = new bool[2];

    private MonoTime _patternStart;
    private MonoTime _splitBrainUntil = MonoTime.Zero;
    private MonoTime _starvingUntil = MonoTime.Zero;
    private MonoTime _nextEdge = MonoTime.Never;
    private MonoTime _evaluatedAt;
    private bool _started;
    private bool _maintenance;

    /// <summary>Builds a controller over <paramref name="leds"/>.</summary>
    /// <param name="leds">The LEDs; the controller does not own them.</param>
    /// <param name="patterns">The pattern per condition.</param>
    /// <param name="alertHold">How long an alert is shown after it was last reported.</param>
    /// <param name="expectedInstances">Instance count to size the state table for, so no event allocates.</param>
    public LedController(IStatusLeds leds, LedPatternTable patterns, Centiseconds alertHold, int expectedInstances = 64)
    {
        ArgumentNullException.ThrowIfNull(leds);
        ArgumentNullException.ThrowIfNull(patterns);
        if (alertHold <= Centiseconds.Zero) throw new ArgumentOutOfRangeException(nameof(alertHold), "must be positive");
        _leds = leds;
        _patterns = patterns;
        _alertHoldNs = alertHold.Nanoseconds;
        _instances = new Dictionary<string, VrrpState>(Math.Max(expectedInstances, 1), StringComparer.Ordinal);
    }

    /// <summary>The condition the LEDs show now.</summary>
    public BoardCondition Condition { get; private set; } = BoardCondition.Booting;

    /// <summary>Whether an LED is lit by the controller's software blinking or steady setting (a
    /// self-blinking LED reports its first half). For tests and the status output.</summary>
    public bool IsLit(LedId led) => _lit[(int)led];

    /// <inheritdoc />
    public MonoTime NextDeadline => _started ? MonoTime.Min(_nextEdge, NextAlertExpiry()) : MonoTime.Never;

    /// <summary>Shows <see cref="BoardCondition.Booting"/> from <paramref name="now"/>.</summary>
    public void Start(MonoTime now)
    {
        _started = true;
        Apply(BoardCondition.Booting, now);
    }

    /// <inheritdoc />
    public void Publish(in ApplianceEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.StateChanged:
                // The table was sized at construction, so adding a key does not grow it.
                _instances[e.Instance] = e.To;
                break;
            // A LAN fault is the split-brain risk caught in time (the master is heard only on
            // another channel), so it shows the same alternating alert: someone must fix the LAN.
            case EventKind.SplitBrainSuspected:
            case EventKind.LanFault:
                _splitBrainUntil = e.At.AddNanoseconds(_alertHoldNs);
                break;
            case EventKind.WatchdogStarving:
                _starvingUntil = e.At.AddNanoseconds(_alertHoldNs);
                break;
            case EventKind.MaintenanceOn:
            case EventKind.MaintenanceOff:
                _maintenance = e.Kind == EventKind.MaintenanceOn;
                break;
            default:
                return;
        }
        if (!_started) Start(e.At);
        Reevaluate(e.At);
    }

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
        if (!_started) return;
        _evaluatedAt = now;
        BoardCondition wanted = Aggregate(now);
        if (wanted != Condition)
        {
            Apply(wanted, now);
            return;
        }
        Tick(now);
    }

    private void Reevaluate(MonoTime now)
    {
        _evaluatedAt = now;
        BoardCondition wanted = Aggregate(now);
        if (wanted != Condition) Apply(wanted, now);
    }

    private BoardCondition Aggregate(MonoTime now)
    {
        if (now < _starvingUntil) return BoardCondition.WatchdogStarving;
        if (now < _splitBrainUntil) return BoardCondition.SplitBrainSuspected;
        if (_maintenance) return BoardCondition.Maintenance;
        bool anyMaster = false, anyBackup = false;
        foreach (VrrpState state in _instances.Values)
        {
            switch (state)
            {
                case VrrpState.Fault: return BoardCondition.Fault;
                case VrrpState.Master: anyMaster = true; break;
                case VrrpState.Backup: anyBackup = true; break;
            }
        }
        return anyMaster ? BoardCondition.Master : anyBackup ? BoardCondition.Backup : BoardCondition.Booting;
    }

    private MonoTime NextAlertExpiry()
    {
        MonoTime next = MonoTime.Never;
        if (_starvingUntil > _evaluatedAt) next = _starvingUntil;
        if (_splitBrainUntil > _evaluatedAt) next = MonoTime.Min(next, _splitBrainUntil);
        return next;
    }

    private void Apply(BoardCondition condition, MonoTime now)
    {
        Condition = condition;
        _patternStart = now;
        _evaluatedAt = now;
        LedPattern pattern = _patterns[condition];
        foreach (LedId led in s_leds)
        {
            int i = (int)led;
            BlinkPattern p = pattern[led];
            BlinkPattern other = pattern[led == LedId.Status ? LedId.Alert : LedId.Status];
            bool otherSteady = other.IsSteady || !_leds.Has(led == LedId.Status ? LedId.Alert : LedId.Status);
            _softwareBlink[i] = false;
            _lit[i] = p.IsOnAt(0);
            if (!_leds.Has(led)) continue;
            if (p.IsSteady)
            {
                _leds.Set(led, _lit[i]);
            }
            else if (otherSteady && !p.Inverted && _leds.CanBlinkByItself(led))
            {
                _leds.Blink(led, p.OnMs, p.OffMs);
            }
            else
            {
                _softwareBlink[i] = true;
                _leds.Set(led, _lit[i]);
            }
        }
        ScheduleNextEdge(now);
    }

    private void Tick(MonoTime now)
    {
        LedPattern pattern = _patterns[Condition];
        long elapsed = now.NanosecondsSince(_patternStart);
        foreach (LedId led in s_leds)
        {
            int i = (int)led;
            if (!_softwareBlink[i]) continue;
            // Computed from the elapsed time, not flipped, so a late wake-up lands on the right phase.
            bool on = pattern[led].IsOnAt(elapsed);
            if (on == _lit[i]) continue;
            _lit[i] = on;
            _leds.Set(led, on);
        }
        ScheduleNextEdge(now);
    }

    private void ScheduleNextEdge(MonoTime now)
    {
        LedPattern pattern = _patterns[Condition];
        long elapsed = now.NanosecondsSince(_patternStart);
        long soonest = long.MaxValue;
        foreach (LedId led in s_leds)
        {
            if (!_softwareBlink[(int)led]) continue;
            soonest = Math.Min(soonest, pattern[led].NanosecondsToNextEdge(elapsed));
        }
        _nextEdge = soonest == long.MaxValue ? MonoTime.Never : now.AddNanoseconds(soonest);
    }
}
