using System.Collections.Immutable;
using Appliance.Board.Leds;
using Appliance.Vrrp;

namespace Appliance.Board;

/// <summary>The user's choice of board and how LEDs and the watchdog are used.</summary>
public sealed record BoardSettings
{
    /// <summary>The board profile name (a file <c>board/NAME.toml</c>); null: no board I/O except console LEDs.</summary>
    public string? Profile { get; init; }

    /// <summary>Where board profiles are looked up; null: next to the binary, then /usr/share/appliance/board.</summary>
    public string? ProfileDirectory { get; init; }

    /// <summary>Status LEDs.</summary>
    public LedSettings Leds { get; init; } = new();

    /// <summary>Watchdog.</summary>
    public WatchdogSettings Watchdog { get; init; } = new();
}

/// <summary>Which LED implementation drives the status LEDs.</summary>
public enum LedBackend : byte
{
    /// <summary>What the board profile names; the console when there is no profile.</summary>
    Auto,

    /// <summary>No LEDs.</summary>
    None,

    /// <summary>Print LED changes to the log (development and the demo).</summary>
    Console,

    /// <summary>GPIO lines through libgpiod.</summary>
    Gpio,

    /// <summary>The Linux LED class under /sys/class/leds.</summary>
    LedClass,
}

/// <summary>Status LED settings.</summary>
public sealed record LedSettings
{
    /// <summary>Which implementation.</summary>
    public LedBackend Backend { get; init; } = LedBackend.Auto;

    /// <summary>Patterns that replace <see cref="LedPatternTable.Defaults"/> for some conditions.</summary>
    public ImmutableDictionary<BoardCondition, LedPattern> Patterns { get; init; } =
        ImmutableDictionary<BoardCondition, LedPattern>.Empty;

    /// <summary>How long an alert (split-brain suspected, watchdog starving) stays on the LEDs after
    /// it was last reported; those events have no "all clear".</summary>
    public Centiseconds AlertHold { get; init; } = Centiseconds.FromSeconds(10);
}

/// <summary>Which watchdog is fed.</summary>
public enum WatchdogKind : byte
{
    /// <summary>None.</summary>
    None,

    /// <summary>The Linux watchdog device (e.g. /dev/watchdog0).</summary>
    Device,

    /// <summary>An external watchdog chip fed by toggling a GPIO line (WDI).</summary>
    GpioWdi,

    /// <summary>systemd's WATCHDOG=1 over NOTIFY_SOCKET.</summary>
    Systemd,
}

/// <summary>Watchdog settings.</summary>
public sealed record WatchdogSettings
{
    /// <summary>Which watchdog; None by default (a watchdog is a commitment, so it is opt-in).</summary>
    public WatchdogKind Kind { get; init; } = WatchdogKind.None;

    /// <summary>Device path override; null: the board profile's.</summary>
    public string? Device { get; init; }

    /// <summary>Timeout in seconds asked of the device; 0: the board profile's.</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>Time between pets; zero: a quarter of the timeout in force.</summary>
    public Centiseconds PetInterval { get; init; } = Centiseconds.Zero;

    /// <summary>How late the loop may run its deadlines and still earn a pet; zero: half the pet interval.</summary>
    public Centiseconds MaxLoopLateness { get; init; } = Centiseconds.Zero;

    /// <summary>On a clean stop, disarm the device with the magic 'V' close. False keeps it armed
    /// (a stopped daemon then resets the board, for boxes that must never run without HA).</summary>
    public bool DisarmOnCleanStop { get; init; } = true;
}
