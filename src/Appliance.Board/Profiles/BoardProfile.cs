using System.Collections.Immutable;
using Appliance.Board.Leds;

namespace Appliance.Board.Profiles;

/// <summary>
/// What one board offers, read from <c>board/NAME.toml</c>: GPIO chips, how each status LED is
/// wired, the watchdog, the serial device and the NICs. Facts, not code: a new board is a new file.
/// </summary>
public sealed record BoardProfile
{
    /// <summary>The profile name (the file name without <c>.toml</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One line for humans.</summary>
    public string Description { get; init; } = "";

    /// <summary>The GPIO chips the profile's lines live on.</summary>
    public ImmutableArray<GpioChipSpec> GpioChips { get; init; } = [];

    /// <summary>The status LED's wiring, or null when the board has none usable.</summary>
    public LedWiring? StatusLed { get; init; }

    /// <summary>The alert LED's wiring, or null (single-LED boards).</summary>
    public LedWiring? AlertLed { get; init; }

    /// <summary>The maintenance button's GPIO input line, or null when the board has none. Active high
    /// unless <see cref="GpioLine.ActiveLow"/> (a button to ground with a pull-up).</summary>
    public GpioLine? MaintenanceButton { get; init; }

    /// <summary>The board's watchdog.</summary>
    public WatchdogWiring Watchdog { get; init; } = new();

    /// <summary>The tty for the serial heartbeat, if the board has a spare UART.</summary>
    public string? SerialDevice { get; init; }

    /// <summary>The NIC facing the LAN (carries VRRP).</summary>
    public string? LanInterface { get; init; }

    /// <summary>The NIC meant for a direct heartbeat cable to the peer.</summary>
    public string? HeartbeatInterface { get; init; }

    /// <summary>The wiring of <paramref name="led"/>, or null.</summary>
    public LedWiring? Led(LedId led) => led == LedId.Alert ? AlertLed : StatusLed;

    /// <summary>The chip named <paramref name="id"/>, or null.</summary>
    public GpioChipSpec? Chip(string id)
    {
        foreach (GpioChipSpec c in GpioChips)
            if (c.Id == id) return c;
        return null;
    }
}

/// <summary>
/// A GPIO chip as the board should have it. <see cref="Label"/> is what the kernel driver calls
/// the chip (<c>gpiodetect</c> shows it); when set, it is checked at start-up, and it finds the
/// chip when <see cref="Device"/> is null (chip numbers move between kernels, labels do not).
/// </summary>
/// <param name="Id">The name lines refer to within the profile.</param>
/// <param name="Device">The character device, e.g. <c>/dev/gpiochip0</c>; null: found by label.</param>
/// <param name="Label">The kernel's label for the chip, e.g. <c>pinctrl-bcm2711</c>.</param>
/// <param name="Lines">How many lines the chip must have at least.</param>
public sealed record GpioChipSpec(string Id, string? Device, string? Label, int Lines);

/// <summary>One GPIO line of a chip in the profile.</summary>
/// <param name="Chip">The chip's <see cref="GpioChipSpec.Id"/>.</param>
/// <param name="Line">The line offset on that chip.</param>
/// <param name="ActiveLow">True when driving the line low lights the LED (or asserts the signal).</param>
public sealed record GpioLine(string Chip, int Line, bool ActiveLow = false)
{
    /// <summary><c>pl061:3</c>, with <c>(active-low)</c> when so.</summary>
    public override string ToString() => $"{Chip}:{Line}{(ActiveLow ? " (active-low)" : "")}";
}

/// <summary>How one LED is driven: a GPIO line or a Linux LED class device (exactly one).</summary>
public sealed record LedWiring
{
    /// <summary>The GPIO line, for LEDs the daemon drives directly.</summary>
    public GpioLine? Gpio { get; init; }

    /// <summary>The LED class name under <c>/sys/class/leds</c>, e.g. <c>ACT</c> or <c>green:status</c>.</summary>
    public string? LedClass { get; init; }

    /// <summary>The profile's words: <c>gpio pl061:3</c> or <c>led-class ACT</c>.</summary>
    public override string ToString() => Gpio is not null ? $"gpio {Gpio}" : $"led-class {LedClass}";
}

/// <summary>The board's watchdog, as the profile describes it.</summary>
public sealed record WatchdogWiring
{
    /// <summary>Which kind; <see cref="WatchdogKind.None"/> when the board has none.</summary>
    public WatchdogKind Kind { get; init; } = WatchdogKind.None;

    /// <summary>Device: the watchdog device, e.g. <c>/dev/watchdog0</c>.</summary>
    public string? Device { get; init; }

    /// <summary>Device and systemd: the default timeout asked for, in seconds.</summary>
    public int TimeoutSeconds { get; init; } = 15;

    /// <summary>GpioWdi: the line wired to the external chip's WDI input.</summary>
    public GpioLine? Wdi { get; init; }

    /// <summary>GpioWdi: the chip's fixed timeout (from its datasheet), in milliseconds.</summary>
    public int WdiTimeoutMs { get; init; }
}
