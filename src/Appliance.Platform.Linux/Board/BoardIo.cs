using System.Collections.Immutable;
using System.Device.Gpio;
using System.Globalization;
using Appliance.Board;
using Appliance.Board.Leds;
using Appliance.Board.Profiles;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// Builds the LED and watchdog implementations from the user's <see cref="BoardSettings"/> and the
/// chosen <see cref="BoardProfile"/>, after checking the profile against the machine: every GPIO chip
/// in use exists, carries the expected label and has enough lines; every LED class device exists;
/// the watchdog device exists; systemd's socket is there when asked for. Anything missing is one
/// <see cref="BoardMismatchException"/> naming all of it and the fix, never a silent fallback.
/// </summary>
public sealed class BoardIo : IDisposable
{
    private readonly List<GpioController> _controllers;

    private BoardIo(BoardProfile? profile, IStatusLeds leds, IWatchdog? watchdog, SdNotify? notify, MaintenanceButton? button,
        PinReservations pins, List<GpioController> controllers)
    {
        Profile = profile;
        Button = button;
        Leds = leds;
        Watchdog = watchdog;
        Notify = notify;
        Pins = pins;
        _controllers = controllers;
    }

    /// <summary>The profile in use, or null.</summary>
    public BoardProfile? Profile { get; }

    /// <summary>The status LEDs (never null: <see cref="NoStatusLeds"/> when there are none).</summary>
    public IStatusLeds Leds { get; }

    /// <summary>The watchdog, not yet started; null when none was chosen.</summary>
    public IWatchdog? Watchdog { get; }

    /// <summary>The maintenance button when the profile wires one, else null.</summary>
    public MaintenanceButton? Button { get; }

    /// <summary>systemd's notify socket when the service runs under one (for READY=1), else null.</summary>
    public SdNotify? Notify { get; }

    /// <summary>Who owns which GPIO line; further users (a button) reserve here first.</summary>
    public PinReservations Pins { get; }

    /// <summary>Checks <paramref name="profile"/> against the machine and opens the board I/O.</summary>
    /// <exception cref="BoardMismatchException">Something the settings or the profile need is missing.</exception>
    public static BoardIo Open(BoardSettings settings, BoardProfile? profile, BoardIoEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        BoardIoEnvironment env = environment ?? BoardIoEnvironment.Host;
        var problems = ImmutableArray.CreateBuilder<string>();
        string profileName = profile?.Name ?? "(none)";

        var pins = new PinReservations();
        if (profile is not null) problems.AddRange(BoardProfileReader.Reserve(profile, pins));

        LedBackend backend = ChooseLedBackend(settings.Leds.Backend, profile, problems);
        WatchdogKind watchdogKind = settings.Watchdog.Kind;

        // Chips are checked only when a line on them is used: a profile may describe more.
        var chipsInUse = new List<GpioChipSpec>();
        if (profile is not null)
        {
            if (backend == LedBackend.Gpio)
            {
                AddChip(profile, profile.StatusLed?.Gpio, chipsInUse);
                AddChip(profile, profile.AlertLed?.Gpio, chipsInUse);
            }
            if (watchdogKind == WatchdogKind.GpioWdi) AddChip(profile, profile.Watchdog.Wdi, chipsInUse);
            AddChip(profile, profile.MaintenanceButton, chipsInUse);
        }
        var chipNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (GpioChipSpec chip in chipsInUse)
        {
            int? number = CheckChip(chip, env, problems);
            if (number is { } n) chipNumbers[chip.Id] = n;
        }

        if (backend == LedBackend.LedClass && profile is not null) CheckLedClass(profile, env, problems);

        string? watchdogDevice = null;
        switch (watchdogKind)
        {
            case WatchdogKind.Device:
                watchdogDevice = settings.Watchdog.Device ?? (profile?.Watchdog.Kind == WatchdogKind.Device ? profile.Watchdog.Device : null);
                if (watchdogDevice is null)
                    problems.Add($"watchdog kind 'device' chosen but {(profile is null ? "no board profile is set" : $"profile '{profile.Name}' names no watchdog device")}; set watchdog.device in the config");
                else if (!File.Exists(env.Resolve(watchdogDevice)))
                    problems.Add($"watchdog device {watchdogDevice} does not exist; load its driver (e.g. modprobe softdog, or enable the SoC watchdog in the device tree) or fix the device path");
                break;
            case WatchdogKind.GpioWdi:
                if (profile?.Watchdog is not { Kind: WatchdogKind.GpioWdi, Wdi: not null })
                    problems.Add($"watchdog kind 'gpio_wdi' chosen but profile '{profileName}' wires no WDI line; add [watchdog] kind = \"gpio_wdi\" with wdi and wdi_timeout_ms");
                break;
            case WatchdogKind.Systemd:
                if (string.IsNullOrEmpty(env.GetEnvironmentVariable("NOTIFY_SOCKET")))
                    problems.Add("watchdog kind 'systemd' chosen but NOTIFY_SOCKET is not set; run the daemon from a unit with Type=notify and WatchdogSec=");
                break;
        }

        if (problems.Count > 0) throw new BoardMismatchException(profileName, problems.ToImmutable());

        var controllers = new Dictionary<string, GpioController>(StringComparer.Ordinal);
        IStatusLeds? leds = null;
        IWatchdog? watchdog = null;
        SdNotify? notify = null;
        MaintenanceButton? button = null;
        try
        {
            notify = SdNotify.FromEnvironment(env.GetEnvironmentVariable);
            leds = CreateLeds(backend, profile, env, chipNumbers, controllers);
            watchdog = watchdogKind switch
            {
                WatchdogKind.Device => new DeviceWatchdog(env.Resolve(watchdogDevice!), env.WatchdogIoctls, settings.Watchdog.DisarmOnCleanStop),
                WatchdogKind.GpioWdi => new GpioWdiWatchdog(
                    Controller(profile!.Watchdog.Wdi!.Chip, env, chipNumbers, controllers), profile.Watchdog.Wdi.Line,
                    TimeSpan.FromMilliseconds(profile.Watchdog.WdiTimeoutMs), $"external watchdog on WDI {profile.Watchdog.Wdi}"),
                WatchdogKind.Systemd => new SystemdWatchdog(notify!, env.GetEnvironmentVariable, env.ProcessId),
                _ => null,
            };
            if (profile?.MaintenanceButton is { } b && env.OpenButtons)
                button = new MaintenanceButton(env.Resolve($"/dev/gpiochip{chipNumbers[b.Chip]}"), b.Line, b.ActiveLow);
            return new BoardIo(profile, leds, watchdog, notify, button, pins, [.. controllers.Values]);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
                                      or PlatformNotSupportedException or DllNotFoundException or Interop.PlatformException)
        {
            leds?.Dispose();
            watchdog?.Dispose();
            notify?.Dispose();
            button?.Dispose();
            foreach (GpioController c in controllers.Values) c.Dispose();
            // LibGpiodDriver loads libgpiod at run time and says only "not installed" without it.
            string fix = e is PlatformNotSupportedException or DllNotFoundException ? "; install libgpiod (Debian: libgpiod2)" : "";
            throw new BoardMismatchException(profileName, [e.Message + fix]);
        }
    }

    /// <summary>Turns the LEDs off and releases every line and descriptor. A started watchdog is
    /// left to its owner: dispose it without a clean stop and the board resets, as after a crash.</summary>
    public void Dispose()
    {
        Button?.Dispose();
        Leds.Dispose();
        Watchdog?.Dispose();
        Notify?.Dispose();
        foreach (GpioController c in _controllers) c.Dispose();
    }

    private static LedBackend ChooseLedBackend(LedBackend wanted, BoardProfile? profile, ImmutableArray<string>.Builder problems)
    {
        LedWiring? status = profile?.StatusLed;
        LedBackend wired = status is null ? LedBackend.None : status.Gpio is not null ? LedBackend.Gpio : LedBackend.LedClass;
        switch (wanted)
        {
            case LedBackend.Auto:
                return profile is null ? LedBackend.Console : wired;
            case LedBackend.Gpio or LedBackend.LedClass when profile is null:
                problems.Add($"LED backend '{wanted}' needs a board profile naming the LEDs; set board.profile");
                return LedBackend.None;
            case LedBackend.Gpio or LedBackend.LedClass when wired != wanted:
                problems.Add($"LED backend '{wanted}' chosen but profile '{profile!.Name}' wires its LEDs as {(wired == LedBackend.None ? "nothing" : wired.ToString())}; use backend 'auto' or fix [led] in the profile");
                return LedBackend.None;
            default:
                return wanted;
        }
    }

    private static void AddChip(BoardProfile profile, GpioLine? line, List<GpioChipSpec> chips)
    {
        if (line is null || profile.Chip(line.Chip) is not { } spec || chips.Contains(spec)) return;
        chips.Add(spec);
    }

    private static int? CheckChip(GpioChipSpec spec, BoardIoEnvironment env, ImmutableArray<string>.Builder problems)
    {
        string? device = spec.Device;
        GpioChipDescription? found = null;
        if (device is null)
        {
            var seen = new List<string>();
            string dev = env.Resolve("/dev");
            if (Directory.Exists(dev))
            {
                foreach (string path in Directory.GetFiles(dev, "gpiochip*").Order(StringComparer.Ordinal))
                {
                    GpioChipDescription? c = env.InspectChip(path, out _);
                    if (c is null) continue;
                    seen.Add($"{Path.GetFileName(path)} [{c.Label}]");
                    if (c.Label == spec.Label)
                    {
                        found = c;
                        device = "/dev/" + Path.GetFileName(path);
                        break;
                    }
                }
            }
            if (found is null)
            {
                problems.Add($"GPIO chip '{spec.Id}': no chip labelled '{spec.Label}' (found: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}); check the kernel's GPIO driver or fix gpio_chip.label");
                return null;
            }
        }
        else
        {
            string path = env.Resolve(device);
            if (!File.Exists(path))
            {
                problems.Add($"GPIO chip '{spec.Id}': {device} does not exist; load the GPIO driver or fix gpio_chip.device");
                return null;
            }
            found = env.InspectChip(path, out string? error);
            if (found is null)
            {
                problems.Add($"GPIO chip '{spec.Id}': {error}");
                return null;
            }
            if (spec.Label is not null && found.Label != spec.Label)
                problems.Add($"GPIO chip '{spec.Id}': {device} is '{found.Label}', the profile expects '{spec.Label}'; wrong board or chip numbering changed (give only the label to find it)");
        }
        if (found.Lines < spec.Lines)
            problems.Add($"GPIO chip '{spec.Id}': {device} has {found.Lines} lines, the profile needs {spec.Lines}; wrong board profile");
        string name = Path.GetFileName(device!);
        string digits = name.StartsWith("gpiochip", StringComparison.Ordinal) ? name["gpiochip".Length..] : "";
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            problems.Add($"GPIO chip '{spec.Id}': cannot tell the chip number from {device}");
            return null;
        }
        return number;
    }

    private static void CheckLedClass(BoardProfile profile, BoardIoEnvironment env, ImmutableArray<string>.Builder problems)
    {
        string root = env.Resolve(LedClassStatusLeds.DefaultRoot);
        foreach (LedId id in new[] { LedId.Status, LedId.Alert })
        {
            if (profile.Led(id)?.LedClass is not { } name) continue;
            if (!Directory.Exists(Path.Combine(root, name)))
            {
                string present = Directory.Exists(root)
                    ? string.Join(", ", Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                    : "none";
                problems.Add($"{id.ToString().ToLowerInvariant()} LED: /sys/class/leds/{name} does not exist (present: {present}); enable the LED driver or fix led_class in the profile");
            }
        }
    }

    private static IStatusLeds CreateLeds(LedBackend backend, BoardProfile? profile, BoardIoEnvironment env,
        Dictionary<string, int> chipNumbers, Dictionary<string, GpioController> controllers)
    {
        switch (backend)
        {
            case LedBackend.Console:
                return new ConsoleStatusLeds(env.Console, hasAlert: profile?.AlertLed is not null || profile is null);
            case LedBackend.LedClass:
                var names = new Dictionary<LedId, string>();
                if (profile!.StatusLed?.LedClass is { } s) names[LedId.Status] = s;
                if (profile.AlertLed?.LedClass is { } a) names[LedId.Alert] = a;
                return new LedClassStatusLeds(names, env.Resolve(LedClassStatusLeds.DefaultRoot));
            case LedBackend.Gpio:
                GpioLedLine? Line(GpioLine? l) =>
                    l is null ? null : new GpioLedLine(Controller(l.Chip, env, chipNumbers, controllers), l.Line, l.ActiveLow);
                return new GpioStatusLeds(Line(profile!.StatusLed?.Gpio), Line(profile.AlertLed?.Gpio),
                    $"gpio {profile.StatusLed?.Gpio}{(profile.AlertLed?.Gpio is { } al ? ", " + al : "")}");
            default:
                return new NoStatusLeds();
        }
    }

    private static GpioController Controller(string chipId, BoardIoEnvironment env, Dictionary<string, int> chipNumbers,
        Dictionary<string, GpioController> controllers)
    {
        if (controllers.TryGetValue(chipId, out GpioController? c)) return c;
        c = new GpioController(env.CreateGpioDriver(chipNumbers[chipId]));
        controllers.Add(chipId, c);
        return c;
    }
}
