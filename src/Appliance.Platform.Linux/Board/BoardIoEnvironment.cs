using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// Everything <see cref="BoardIo"/> touches outside itself, so tests can point it at a fake root
/// (a directory with <c>dev/</c> and <c>sys/class/leds/</c>), simulated GPIO chips and a fake
/// environment. The defaults are the real machine.
/// </summary>
public sealed record BoardIoEnvironment
{
    /// <summary>The real machine.</summary>
    public static BoardIoEnvironment Host { get; } = new();

    /// <summary>Prefix for every absolute path in a profile (<c>/</c> on the real machine).</summary>
    public string Root { get; init; } = "/";

    /// <summary>Inspects a GPIO chip device; returns null and an error when it is not one.</summary>
    public GpioChipInspection InspectChip { get; init; } = GpioChipInspector.Inspect;

    /// <summary>Builds the driver for chip number N (<c>/dev/gpiochipN</c>).</summary>
    public Func<int, GpioDriver> CreateGpioDriver { get; init; } = static n => new LibGpiodDriver(n);

    /// <summary>The watchdog ioctl layer.</summary>
    public IWatchdogIoctls WatchdogIoctls { get; init; } = Board.WatchdogIoctls.Instance;

    /// <summary>Environment variables (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>This process's id.</summary>
    public int ProcessId { get; init; } = Environment.ProcessId;

    /// <summary>Whether to request the maintenance button's line from the kernel. Tests on a fake
    /// root turn it off (there is no GPIO character device to ask); the button's own tests use
    /// a real one where the machine has it.</summary>
    public bool OpenButtons { get; init; } = true;

    /// <summary>Where console LEDs print.</summary>
    public TextWriter Console { get; init; } = System.Console.Out;

    /// <summary>An absolute path from a profile, under <see cref="Root"/>.</summary>
    public string Resolve(string path) => Root == "/" ? path : Path.Join(Root, path);
}

/// <summary>Inspects the GPIO chip at a path.</summary>
public delegate GpioChipDescription? GpioChipInspection(string devicePath, out string? error);
