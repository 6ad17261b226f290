using System.Globalization;
using System.Text;
using Appliance.Board;
using Appliance.Board.Leds;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// LEDs of the Linux LED class (Documentation/leds/leds-class.rst): <c>ROOT/NAME/brightness</c>
/// for steady light, and the <c>timer</c> trigger with <c>delay_on</c>/<c>delay_off</c> to let the
/// kernel blink. The brightness file stays open, so a steady change is one pwrite(). The root is a
/// parameter so tests use a directory laid out like sysfs.
/// </summary>
public sealed class LedClassStatusLeds : IStatusLeds
{
    /// <summary>Where the kernel puts LED class devices.</summary>
    public const string DefaultRoot = "/sys/class/leds";

    private static readonly byte[] s_zero = "0\n"u8.ToArray();
    private static readonly byte[] s_none = "none\n"u8.ToArray();
    private static readonly byte[] s_timer = "timer\n"u8.ToArray();

    private readonly Led?[] _leds = new Led?[2];

    /// <summary>Opens the LEDs named in <paramref name="names"/> under <paramref name="root"/>.</summary>
    /// <exception cref="InvalidOperationException">An LED is missing; the message lists those present.</exception>
    public LedClassStatusLeds(IReadOnlyDictionary<LedId, string> names, string root = DefaultRoot)
    {
        ArgumentNullException.ThrowIfNull(names);
        Description = $"led-class {root} ({string.Join(", ", names.Values)})";
        try
        {
            foreach (var (id, name) in names) _leds[(int)id] = Led.Open(root, name);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool Has(LedId led) => _leds[(int)led] is not null;

    /// <inheritdoc />
    public bool CanBlinkByItself(LedId led) => _leds[(int)led]?.HasTimerTrigger == true;

    /// <inheritdoc />
    public void Set(LedId led, bool on)
    {
        Led? l = _leds[(int)led];
        if (l is null) return;
        if (l.Triggered)
        {
            // Writing the trigger back to "none" also stops the kernel's timer.
            Write(l.Trigger, s_none);
            l.Triggered = false;
        }
        Write(l.Brightness, on ? l.MaxBrightness : s_zero);
    }

    /// <inheritdoc />
    public void Blink(LedId led, int onMs, int offMs)
    {
        Led? l = _leds[(int)led];
        if (l is null || !l.HasTimerTrigger) throw new NotSupportedException($"LED {led} has no kernel timer trigger");
        Write(l.Trigger, s_timer);
        l.Triggered = true;
        // delay_on/delay_off only exist while the timer trigger is active, so they are opened now.
        WriteFile(Path.Combine(l.Directory, "delay_on"), onMs);
        WriteFile(Path.Combine(l.Directory, "delay_off"), offMs);
    }

    /// <summary>Turns the LEDs off and gives each back the trigger it had before.</summary>
    public void Dispose()
    {
        foreach (Led? l in _leds)
        {
            if (l is null) continue;
            try
            {
                Write(l.Trigger, s_none);
                Write(l.Brightness, s_zero);
                if (l.OriginalTrigger is not null) Write(l.Trigger, Encoding.ASCII.GetBytes(l.OriginalTrigger + "\n"));
            }
            catch (IOException)
            {
                // The LED vanished (driver unbound) while we held it; nothing left to restore.
            }
            l.Brightness.Dispose();
            l.Trigger.Dispose();
        }
        Array.Clear(_leds);
    }

    private static void Write(SafeFileHandle file, ReadOnlySpan<byte> text) => RandomAccess.Write(file, text, 0);

    private static void WriteFile(string path, int value)
    {
        Span<byte> buf = stackalloc byte[16];
        value.TryFormat(buf, out int n, provider: CultureInfo.InvariantCulture);
        buf[n++] = (byte)'\n';
        using SafeFileHandle h = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(h, buf[..n], 0);
    }

    private sealed class Led
    {
        public required string Directory { get; init; }
        public required SafeFileHandle Brightness { get; init; }
        public required SafeFileHandle Trigger { get; init; }
        public required byte[] MaxBrightness { get; init; }
        public required bool HasTimerTrigger { get; init; }
        public string? OriginalTrigger { get; init; }
        public bool Triggered { get; set; }

        public static Led Open(string root, string name)
        {
            string dir = Path.Combine(root, name);
            if (!System.IO.Directory.Exists(dir))
            {
                string present = System.IO.Directory.Exists(root)
                    ? string.Join(", ", System.IO.Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                    : "none, and no " + root;
                throw new InvalidOperationException(
                    $"LED class device '{name}' not found under {root} (present: {present}); fix led_class in the board profile or enable the LED driver");
            }
            string max = File.ReadAllText(Path.Combine(dir, "max_brightness")).Trim();
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out int maxValue) || maxValue <= 0)
                throw new InvalidOperationException($"LED {dir}: max_brightness '{max}' is not a positive number");
            // The trigger file lists every trigger and brackets the active one: "none [mmc0] timer".
            string triggers = File.ReadAllText(Path.Combine(dir, "trigger"));
            string? original = null;
            bool hasTimer = false;
            foreach (string t in triggers.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                bool active = t.StartsWith('[') && t.EndsWith(']');
                string bare = active ? t[1..^1] : t;
                if (active) original = bare;
                if (bare == "timer") hasTimer = true;
            }
            SafeFileHandle trigger = File.OpenHandle(Path.Combine(dir, "trigger"), FileMode.Open, FileAccess.Write);
            SafeFileHandle brightness;
            try
            {
                brightness = File.OpenHandle(Path.Combine(dir, "brightness"), FileMode.Open, FileAccess.Write);
            }
            catch
            {
                trigger.Dispose();
                throw;
            }
            var led = new Led
            {
                Directory = dir,
                Brightness = brightness,
                Trigger = trigger,
                MaxBrightness = Encoding.ASCII.GetBytes(maxValue.ToString(CultureInfo.InvariantCulture) + "\n"),
                HasTimerTrigger = hasTimer,
                OriginalTrigger = original,
            };
            // Take the LED from whatever trigger (mmc0, heartbeat) had it, and start dark.
            Write(trigger, s_none);
            Write(brightness, s_zero);
            return led;
        }
    }
}
