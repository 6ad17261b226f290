using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Board.Watchdog;

/// <summary>
/// Feeds an <see cref="IWatchdog"/> only while the HA loop is healthy. The loop reports every turn
/// (<see cref="ReportLoopTurn"/>) and runs <see cref="OnDeadline"/> when due; a pet needs all of:
/// <list type="bullet">
/// <item>a turn reported since the last pet, within one pet interval, whose sockets were alive;</item>
/// <item>this deadline run no later than the policy's lateness bound (the loop runs its deadlines on time).</item>
/// </list>
/// A hung loop reports no turns, so at most one more pet happens after it hangs (the one already
/// earned), and the watchdog fires one timeout later. A withheld pet publishes
/// <see cref="EventKind.WatchdogStarving"/>, repeated every interval while it lasts, so the LEDs can
/// show that the board is about to reset.
/// </summary>
public sealed class WatchdogSupervisor : IDeadlineParticipant
{
    private readonly IWatchdog _watchdog;
    private readonly WatchdogPolicy _policy;
    private readonly IEventSink _events;

    private long _intervalNs;
    private long _maxLatenessNs;
    private MonoTime _nextPet = MonoTime.Never;
    private MonoTime _lastTurn;
    private bool _turnSincePet;
    private bool _lastTurnHealthy;
    private bool _running;

    /// <summary>Supervises <paramref name="watchdog"/> (not owned) under <paramref name="policy"/>.</summary>
    public WatchdogSupervisor(IWatchdog watchdog, WatchdogPolicy policy, IEventSink events)
    {
        ArgumentNullException.ThrowIfNull(watchdog);
        ArgumentNullException.ThrowIfNull(events);
        _watchdog = watchdog;
        _policy = policy;
        _events = events;
    }

    /// <summary>The timeout the watchdog reported when started.</summary>
    public TimeSpan EffectiveTimeout { get; private set; }

    /// <summary>The interval between pets in force.</summary>
    public TimeSpan PetInterval => TimeSpan.FromTicks(_intervalNs / 100);

    /// <summary>True while pets are being withheld.</summary>
    public bool IsStarving { get; private set; }

    /// <summary>When the watchdog was last fed.</summary>
    public MonoTime LastPet { get; private set; }

    /// <summary>Successful pets.</summary>
    public long Pets { get; private set; }

    /// <summary>Pets withheld because the loop was unhealthy.</summary>
    public long WithheldPets { get; private set; }

    /// <summary>Pets the watchdog refused (I/O errors).</summary>
    public long FailedPets { get; private set; }

    /// <inheritdoc />
    public MonoTime NextDeadline => _running ? _nextPet : MonoTime.Never;

    /// <summary>Arms the watchdog and feeds it once.</summary>
    /// <exception cref="InvalidOperationException">The watchdog refused, or its timeout is too short for the policy.</exception>
    public void Start(MonoTime now)
    {
        if (_running) throw new InvalidOperationException("the watchdog supervisor is already running");
        TimeSpan effective = _watchdog.Start(_policy.Timeout);
        string? why = _policy.Validate(effective);
        if (why is not null)
        {
            _watchdog.Stop(clean: true);
            throw new InvalidOperationException($"watchdog {_watchdog.Description}: {why}");
        }
        EffectiveTimeout = effective;
        TimeSpan interval = _policy.PetIntervalFor(effective);
        _intervalNs = interval.Ticks * 100;
        _maxLatenessNs = _policy.MaxLatenessFor(interval).Ticks * 100;
        _running = true;
        _lastTurn = now;
        _lastTurnHealthy = true;
        Feed(now);
        _nextPet = now.AddNanoseconds(_intervalNs);
    }

    /// <summary>Called by the loop once per turn, after it ran its due deadlines.</summary>
    /// <param name="now">The time the loop read for this turn.</param>
    /// <param name="socketsAlive">False when a socket the HA protocol needs has failed.</param>
    public void ReportLoopTurn(MonoTime now, bool socketsAlive)
    {
        // A gap longer than an interval plus the lateness bound means the loop was stuck somewhere
        // even if it now looks fine; that turn does not earn a pet.
        bool onTime = now.NanosecondsSince(_lastTurn) <= _intervalNs + _maxLatenessNs;
        _lastTurn = now;
        _lastTurnHealthy = socketsAlive && onTime;
        _turnSincePet = true;
    }

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
        if (!_running) return;
        bool deadlineOnTime = now.NanosecondsSince(_nextPet) <= _maxLatenessNs;
        bool recentTurn = _turnSincePet && now.NanosecondsSince(_lastTurn) <= _intervalNs;
        if (deadlineOnTime && recentTurn && _lastTurnHealthy)
        {
            Feed(now);
        }
        else
        {
            WithheldPets++;
            IsStarving = true;
            _events.Publish(new ApplianceEvent(EventKind.WatchdogStarving, now));
        }
        _nextPet = now.AddNanoseconds(_intervalNs);
    }

    /// <summary>Stops feeding; see <see cref="IWatchdog.Stop"/> for <paramref name="clean"/>.</summary>
    public void Stop(bool clean)
    {
        if (!_running) return;
        _running = false;
        _watchdog.Stop(clean);
    }

    private void Feed(MonoTime now)
    {
        _turnSincePet = false;
        if (_watchdog.Pet())
        {
            Pets++;
            LastPet = now;
            IsStarving = false;
        }
        else
        {
            FailedPets++;
        }
    }
}
