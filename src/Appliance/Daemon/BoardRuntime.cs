using Appliance.Board;
using Appliance.Board.Leds;
using Appliance.Board.Profiles;
using Appliance.Board.Watchdog;
using Appliance.Config.Model;
using Appliance.Platform.Linux.Board;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// The board's part of the running daemon: status LEDs that follow every instance's state and the
/// watchdog fed only while the loop is healthy. Built only when the configuration asks for board
/// I/O (a profile, an explicit LED backend or a watchdog); otherwise the console line of
/// <see cref="StateLedLog"/> stands in for the LEDs.
/// </summary>
internal sealed class BoardRuntime : IEventSink, IDeadlineParticipant, ILoopObserver, IDisposable
{
    private readonly BoardIo _io;
    private readonly LedController _leds;
    private readonly WatchdogSupervisor? _watchdog;
    private readonly ILogger _log;

    private BoardRuntime(BoardIo io, BoardSettings settings, BoardProfile? profile, int instances, ILogger log)
    {
        _io = io;
        _log = log;
        _leds = new LedController(io.Leds, new LedPatternTable(settings.Leds.Patterns), settings.Leds.AlertHold, Math.Max(instances, 1));
        if (io.Watchdog is not null)
            _watchdog = new WatchdogSupervisor(io.Watchdog, WatchdogPolicyFactory.From(settings.Watchdog, profile), new StarvationSink(this));
    }

    /// <summary>Null when the configuration wants no board I/O.</summary>
    /// <exception cref="BoardMismatchException">The profile does not match this machine (a loud start-up error).</exception>
    public static BoardRuntime? Create(ApplianceConfig config, ILogger log)
    {
        var settings = config.Board;
        if (settings.Profile is null && settings.Leds.Backend == LedBackend.Auto && settings.Watchdog.Kind == WatchdogKind.None)
            return null;
        var profile = BoardProfileLoader.Load(settings);
        var io = BoardIo.Open(settings, profile);
        log.Information("board {Profile}: LEDs {Leds}, watchdog {Watchdog}",
            profile?.Name ?? "(none)", io.Leds.Description, io.Watchdog?.Description ?? "none");
        return new BoardRuntime(io, settings, profile, config.Instances.Length, log);
    }

    /// <summary>The watchdog supervisor, when a watchdog is configured (its pet counters).</summary>
    public WatchdogSupervisor? Watchdog => _watchdog;

    /// <summary>The board's maintenance button, when its profile wires one.</summary>
    public MaintenanceButton? Button => _io.Button;

    /// <summary>Pets served later than one pet interval after they were due: a missed pet.</summary>
    public long LatePets { get; private set; }

    /// <summary>The worst pet lateness seen, in microseconds.</summary>
    public long MaxPetLatenessUs { get; private set; }

    public MonoTime NextDeadline => MonoTime.Min(_leds.NextDeadline, _watchdog?.NextDeadline ?? MonoTime.Never);

    public void Publish(in ApplianceEvent e) => _leds.Publish(e);

    public void OnDeadline(MonoTime now)
    {
        if (now >= _leds.NextDeadline) _leds.OnDeadline(now);
        if (_watchdog is not null && now >= _watchdog.NextDeadline)
        {
            long lateNs = now.NanosecondsSince(_watchdog.NextDeadline);
            if (lateNs > _watchdog.PetInterval.Ticks * 100) LatePets++;
            if (lateNs / 1000 > MaxPetLatenessUs) MaxPetLatenessUs = lateNs / 1000;
            _watchdog.OnDeadline(now);
        }
    }

    public void OnLoopStarted(MonoTime now)
    {
        _leds.Start(now);
        _watchdog?.Start(now);
        _io.Notify?.Ready();
    }

    public void OnLoopTurn(MonoTime now, bool socketsAlive) => _watchdog?.ReportLoopTurn(now, socketsAlive);

    // A failed loop stops uncleanly on purpose: the watchdog is not disarmed, so the board resets
    // and comes back without whatever wedged the daemon.
    public void OnLoopStopped(bool clean) => _watchdog?.Stop(clean);

    public void Dispose() => _io.Dispose();

    /// <summary>Starvation shows on the LEDs and in the log; it is the last warning before a reset.</summary>
    private sealed class StarvationSink(BoardRuntime owner) : IEventSink
    {
        public void Publish(in ApplianceEvent e)
        {
            owner._leds.Publish(e);
            if (e.Kind == EventKind.WatchdogStarving)
                owner._log.Warning("watchdog: the HA loop is unhealthy, petting withheld; the board resets unless it recovers");
        }
    }
}
