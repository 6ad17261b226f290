using System.Collections.Immutable;
using Appliance.Board.Leds;
using Tomlyn;
using Tomlyn.Model;

namespace Appliance.Board.Profiles;

/// <summary>
/// Reads a board profile from TOML text. Pure: the caller reads the file. Every problem is
/// collected and reported at once (unknown keys too: a typo in a pin map must not pass silently),
/// and a profile in which two users claim one GPIO line is refused here, before any hardware is touched.
/// </summary>
public static class BoardProfileReader
{
    private static readonly string[] s_rootKeys = ["name", "description", "gpio_chip", "led", "watchdog", "serial", "network", "button"];
    private static readonly string[] s_chipKeys = ["id", "device", "label", "lines"];
    private static readonly string[] s_ledKeys = ["gpio", "led_class"];
    private static readonly string[] s_lineKeys = ["chip", "line", "active_low"];
    private static readonly string[] s_watchdogKeys = ["kind", "device", "timeout_s", "wdi", "wdi_timeout_ms"];

    /// <summary>Parses and validates <paramref name="toml"/>.</summary>
    /// <param name="toml">The profile text.</param>
    /// <param name="source">The file name, for messages; its base name must match the profile's <c>name</c>.</param>
    /// <exception cref="BoardProfileException">Every problem found.</exception>
    public static BoardProfile Parse(string toml, string source)
    {
        ArgumentNullException.ThrowIfNull(toml);
        var problems = ImmutableArray.CreateBuilder<string>();
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize(toml, BoardTomlContext.Default.TomlTable) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new BoardProfileException(source, [e.Message]);
        }

        var r = new Reader(problems);
        r.Unknown(root, "", s_rootKeys);
        string name = r.String(root, "name", "") ?? "";
        if (name.Length == 0) problems.Add("name: required");
        string expected = Path.GetFileNameWithoutExtension(source);
        if (name.Length > 0 && source.EndsWith(".toml", StringComparison.Ordinal) && name != expected)
            problems.Add($"name: '{name}' does not match the file name '{expected}.toml'");

        var chips = ImmutableArray.CreateBuilder<GpioChipSpec>();
        foreach (TomlTable t in r.TableArray(root, "gpio_chip"))
        {
            string at = $"gpio_chip[{chips.Count}]";
            r.Unknown(t, at + ".", s_chipKeys);
            string? id = r.String(t, "id", at + ".");
            string? device = r.String(t, "device", at + ".");
            string? label = r.String(t, "label", at + ".");
            long lines = r.Integer(t, "lines", at + ".") ?? 0;
            if (id is null) problems.Add($"{at}.id: required");
            if (device is null && label is null) problems.Add($"{at}: needs a device, a label, or both");
            if (device is not null && !device.StartsWith("/dev/gpiochip", StringComparison.Ordinal))
                problems.Add($"{at}.device: '{device}' is not a /dev/gpiochipN path");
            if (lines is < 1 or > 1024) problems.Add($"{at}.lines: required, 1..1024");
            if (id is not null && chips.Any(c => c.Id == id)) problems.Add($"{at}.id: '{id}' is defined twice");
            chips.Add(new GpioChipSpec(id ?? "", device, label, (int)lines));
        }
        var chipList = chips.ToImmutable();

        TomlTable? leds = r.Table(root, "led", "");
        LedWiring? status = null, alert = null;
        if (leds is not null)
        {
            r.Unknown(leds, "led.", ["status", "alert"]);
            status = ReadLed(r, leds, "status", chipList, problems);
            alert = ReadLed(r, leds, "alert", chipList, problems);
            if (alert is not null && status is null) problems.Add("led.alert: a board with one LED maps it as led.status");
            if (status is not null && alert is not null && (status.Gpio is null) != (alert.Gpio is null))
                problems.Add("led: status and alert must both be GPIO lines or both LED class devices");
        }

        WatchdogWiring watchdog = ReadWatchdog(r, root, chipList, problems);

        GpioLine? button = null;
        if (r.Table(root, "button", "") is { } buttons)
        {
            r.Unknown(buttons, "button.", ["maintenance"]);
            if (r.Table(buttons, "maintenance", "button.") is { } b)
            {
                r.Unknown(b, "button.maintenance.", ["gpio"]);
                button = ReadLine(r, b, "gpio", "button.maintenance.", chipList, problems);
                if (button is null) problems.Add("button.maintenance: needs gpio = { chip, line }");
            }
        }

        string? serial = null;
        if (r.Table(root, "serial", "") is { } s)
        {
            r.Unknown(s, "serial.", ["device"]);
            serial = r.String(s, "device", "serial.");
        }
        string? lan = null, heartbeat = null;
        if (r.Table(root, "network", "") is { } n)
        {
            r.Unknown(n, "network.", ["lan", "heartbeat"]);
            lan = r.String(n, "lan", "network.");
            heartbeat = r.String(n, "heartbeat", "network.");
        }

        var profile = new BoardProfile
        {
            Name = name,
            Description = r.String(root, "description", "") ?? "",
            GpioChips = chipList,
            StatusLed = status,
            AlertLed = alert,
            Watchdog = watchdog,
            MaintenanceButton = button,
            SerialDevice = serial,
            LanInterface = lan,
            HeartbeatInterface = heartbeat,
        };
        ReservePins(profile, problems);
        if (problems.Count > 0) throw new BoardProfileException(source, problems.ToImmutable());
        return profile;
    }

    /// <summary>Claims every GPIO line the profile uses, with its owner, into <paramref name="pins"/>;
    /// returns the conflicts (empty when none).</summary>
    public static ImmutableArray<string> Reserve(BoardProfile profile, PinReservations pins)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(pins);
        var problems = ImmutableArray.CreateBuilder<string>();
        Claim(profile.StatusLed?.Gpio, "the status LED");
        Claim(profile.AlertLed?.Gpio, "the alert LED");
        if (profile.Watchdog.Kind == WatchdogKind.GpioWdi) Claim(profile.Watchdog.Wdi, "the watchdog WDI line");
        Claim(profile.MaintenanceButton, "the maintenance button");
        return problems.ToImmutable();

        void Claim(GpioLine? line, string owner)
        {
            if (line is null) return;
            string? why = pins.TryReserve(line.Chip, line.Line, owner);
            if (why is not null) problems.Add(why);
        }
    }

    private static void ReservePins(BoardProfile profile, ImmutableArray<string>.Builder problems) =>
        problems.AddRange(Reserve(profile, new PinReservations()));

    private static LedWiring? ReadLed(Reader r, TomlTable leds, string key, ImmutableArray<GpioChipSpec> chips,
        ImmutableArray<string>.Builder problems)
    {
        TomlTable? t = r.Table(leds, key, "led.");
        if (t is null) return null;
        string at = "led." + key;
        r.Unknown(t, at + ".", s_ledKeys);
        GpioLine? gpio = ReadLine(r, t, "gpio", at + ".", chips, problems);
        string? ledClass = r.String(t, "led_class", at + ".");
        if ((gpio is null) == (ledClass is null))
            problems.Add($"{at}: give exactly one of gpio = {{ chip, line }} or led_class = \"NAME\"");
        if (ledClass is not null && (ledClass.Length == 0 || ledClass.Contains('/') || ledClass is "." or ".."))
            problems.Add($"{at}.led_class: '{ledClass}' is not an LED class name");
        return new LedWiring { Gpio = gpio, LedClass = ledClass };
    }

    private static GpioLine? ReadLine(Reader r, TomlTable parent, string key, string prefix,
        ImmutableArray<GpioChipSpec> chips, ImmutableArray<string>.Builder problems)
    {
        TomlTable? t = r.Table(parent, key, prefix);
        if (t is null) return null;
        string at = prefix + key;
        r.Unknown(t, at + ".", s_lineKeys);
        string? chip = r.String(t, "chip", at + ".");
        long? line = r.Integer(t, "line", at + ".");
        bool activeLow = r.Boolean(t, "active_low", at + ".") ?? false;
        if (chip is null || line is null)
        {
            problems.Add($"{at}: needs chip and line");
            return null;
        }
        GpioChipSpec? spec = null;
        foreach (GpioChipSpec c in chips)
            if (c.Id == chip) spec = c;
        if (spec is null) problems.Add($"{at}.chip: no gpio_chip with id '{chip}'");
        else if (line < 0 || line >= spec.Lines) problems.Add($"{at}.line: {line} is outside chip '{chip}' (lines 0..{spec.Lines - 1})");
        return new GpioLine(chip, (int)Math.Clamp(line.Value, 0, int.MaxValue), activeLow);
    }

    private static WatchdogWiring ReadWatchdog(Reader r, TomlTable root, ImmutableArray<GpioChipSpec> chips,
        ImmutableArray<string>.Builder problems)
    {
        TomlTable? t = r.Table(root, "watchdog", "");
        if (t is null) return new WatchdogWiring();
        r.Unknown(t, "watchdog.", s_watchdogKeys);
        string kindText = r.String(t, "kind", "watchdog.") ?? "none";
        WatchdogKind kind = kindText switch
        {
            "none" => WatchdogKind.None,
            "device" => WatchdogKind.Device,
            "gpio_wdi" => WatchdogKind.GpioWdi,
            "systemd" => WatchdogKind.Systemd,
            _ => WatchdogKind.None,
        };
        if (kindText is not ("none" or "device" or "gpio_wdi" or "systemd"))
            problems.Add($"watchdog.kind: '{kindText}' is not one of none, device, gpio_wdi, systemd");
        string? device = r.String(t, "device", "watchdog.");
        long timeout = r.Integer(t, "timeout_s", "watchdog.") ?? 15;
        GpioLine? wdi = ReadLine(r, t, "wdi", "watchdog.", chips, problems);
        long wdiTimeout = r.Integer(t, "wdi_timeout_ms", "watchdog.") ?? 0;
        if (timeout is < 1 or > 3600) problems.Add("watchdog.timeout_s: 1..3600");
        switch (kind)
        {
            case WatchdogKind.Device when device is null || !device.StartsWith("/dev/", StringComparison.Ordinal):
                problems.Add("watchdog.device: a /dev path is required for kind = \"device\"");
                break;
            case WatchdogKind.GpioWdi when wdi is null:
                problems.Add("watchdog.wdi: required for kind = \"gpio_wdi\"");
                break;
            case WatchdogKind.GpioWdi when wdiTimeout is < 10 or > 600_000:
                problems.Add("watchdog.wdi_timeout_ms: the external chip's timeout (10..600000) is required for kind = \"gpio_wdi\"");
                break;
        }
        return new WatchdogWiring
        {
            Kind = kind,
            Device = device,
            TimeoutSeconds = (int)Math.Clamp(timeout, 1, 3600),
            Wdi = wdi,
            WdiTimeoutMs = (int)Math.Clamp(wdiTimeout, 0, 600_000),
        };
    }

    /// <summary>Typed access to the untyped model, recording type errors by key path.</summary>
    private sealed class Reader(ImmutableArray<string>.Builder problems)
    {
        public void Unknown(TomlTable t, string prefix, string[] known)
        {
            foreach (var (key, _) in t)
                if (Array.IndexOf(known, key) < 0) problems.Add($"{prefix}{key}: unknown key (known: {string.Join(", ", known)})");
        }

        public string? String(TomlTable t, string key, string prefix) => Get<string>(t, key, prefix, "a string");
        public long? Integer(TomlTable t, string key, string prefix) =>
            t.TryGetValue(key, out object? v) && v is long l ? l : Expect<long>(t, key, prefix, "an integer");
        public bool? Boolean(TomlTable t, string key, string prefix) =>
            t.TryGetValue(key, out object? v) && v is bool b ? b : Expect<bool>(t, key, prefix, "true or false");
        public TomlTable? Table(TomlTable t, string key, string prefix) => Get<TomlTable>(t, key, prefix, "a table");

        public IEnumerable<TomlTable> TableArray(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out object? v)) return [];
            if (v is TomlTableArray a) return a;
            problems.Add($"{key}: must be an array of tables ([[{key}]])");
            return [];
        }

        private T? Get<T>(TomlTable t, string key, string prefix, string what) where T : class
        {
            if (!t.TryGetValue(key, out object? v)) return null;
            if (v is T typed) return typed;
            problems.Add($"{prefix}{key}: must be {what}");
            return null;
        }

        private T? Expect<T>(TomlTable t, string key, string prefix, string what) where T : struct
        {
            if (t.ContainsKey(key)) problems.Add($"{prefix}{key}: must be {what}");
            return null;
        }
    }
}
