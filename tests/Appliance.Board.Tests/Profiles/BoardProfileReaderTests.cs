using Appliance.Board.Leds;
using Appliance.Board.Profiles;

namespace Appliance.Board.Tests.Profiles;

public sealed class BoardProfileReaderTests
{
    public static TheoryData<string> ShippedProfiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(RepoPaths.BoardDirectory, "*.toml")) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public void Every_shipped_profile_loads_and_maps_a_status_led_and_a_watchdog(string file)
    {
        string path = Path.Combine(RepoPaths.BoardDirectory, file);
        BoardProfile p = BoardProfileReader.Parse(File.ReadAllText(path), path);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), p.Name);
        Assert.NotNull(p.StatusLed);
        Assert.Equal(WatchdogKind.Device, p.Watchdog.Kind);
        Assert.NotNull(p.SerialDevice);
        Assert.NotNull(p.LanInterface);
        Assert.NotNull(p.HeartbeatInterface);
    }

    [Fact]
    public void The_required_boards_are_all_there()
    {
        foreach (string name in new[] { "raspberry-pi-4", "raspberry-pi-5", "nanopi-r5s", "banana-pi-r3", "qemu-virt" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.BoardDirectory, name + ".toml")), name);
    }

    [Fact]
    public void Qemu_virt_drives_pl061_lines_zero_and_one_and_feeds_softdog()
    {
        string path = Path.Combine(RepoPaths.BoardDirectory, "qemu-virt.toml");
        BoardProfile p = BoardProfileReader.Parse(File.ReadAllText(path), path);
        var chip = Assert.Single(p.GpioChips);
        Assert.Equal(("/dev/gpiochip0", 8), (chip.Device, chip.Lines));
        Assert.Equal(new GpioLine("pl061", 0), p.Led(LedId.Status)!.Gpio);
        Assert.Equal(new GpioLine("pl061", 1), p.Led(LedId.Alert)!.Gpio);
        Assert.Equal("/dev/watchdog0", p.Watchdog.Device);
        Assert.Equal("/dev/ttyS0", p.SerialDevice);
    }

    private const string Chip = """
        name = "t"
        [[gpio_chip]]
        id = "c"
        device = "/dev/gpiochip0"
        lines = 8

        """;

    [Fact]
    public void An_led_and_the_watchdog_wdi_line_on_one_pin_is_refused_naming_both_owners()
    {
        string toml = Chip + """
            [led.status]
            gpio = { chip = "c", line = 3 }
            [watchdog]
            kind = "gpio_wdi"
            wdi = { chip = "c", line = 3 }
            wdi_timeout_ms = 1600
            """;
        var e = Assert.Throws<BoardProfileException>(() => BoardProfileReader.Parse(toml, "t"));
        Assert.Contains("GPIO c:3 is claimed by both the status LED and the watchdog WDI line", e.Problems);
    }

    [Fact]
    public void A_gpio_wdi_watchdog_on_its_own_line_is_read_with_its_chip_timeout()
    {
        string toml = Chip + """
            [led.status]
            gpio = { chip = "c", line = 3, active_low = true }
            [watchdog]
            kind = "gpio_wdi"
            wdi = { chip = "c", line = 7 }
            wdi_timeout_ms = 1600
            """;
        BoardProfile p = BoardProfileReader.Parse(toml, "t");
        Assert.Equal(new GpioLine("c", 3, ActiveLow: true), p.StatusLed!.Gpio);
        Assert.Equal(WatchdogKind.GpioWdi, p.Watchdog.Kind);
        Assert.Equal(new GpioLine("c", 7), p.Watchdog.Wdi);
        Assert.Equal(1600, p.Watchdog.WdiTimeoutMs);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        string toml = Chip + """
            colour = "red"
            [led.status]
            gpio = { chip = "nope", line = 1 }
            led_class = "ACT"
            [led.alert]
            gpio = { chip = "c", line = 8 }
            [watchdog]
            kind = "magic"
            timeout_s = "ten"
            """;
        var e = Assert.Throws<BoardProfileException>(() => BoardProfileReader.Parse(toml, "t"));
        Assert.Contains(e.Problems, p => p.StartsWith("gpio_chip[0].colour: unknown key", StringComparison.Ordinal));
        Assert.Contains("led.status.gpio.chip: no gpio_chip with id 'nope'", e.Problems);
        Assert.Contains(e.Problems, p => p.StartsWith("led.status: give exactly one of", StringComparison.Ordinal));
        Assert.Contains("led.alert.gpio.line: 8 is outside chip 'c' (lines 0..7)", e.Problems);
        Assert.Contains(e.Problems, p => p.StartsWith("watchdog.kind: 'magic'", StringComparison.Ordinal));
        Assert.Contains("watchdog.timeout_s: must be an integer", e.Problems);
    }

    [Fact]
    public void A_device_watchdog_without_a_device_path_is_refused()
    {
        var e = Assert.Throws<BoardProfileException>(() =>
            BoardProfileReader.Parse("name = \"t\"\n[watchdog]\nkind = \"device\"\n", "t"));
        Assert.Contains(e.Problems, p => p.StartsWith("watchdog.device:", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_toml_is_a_profile_error_with_a_position_not_a_crash()
    {
        var e = Assert.Throws<BoardProfileException>(() => BoardProfileReader.Parse("name = \"t\"\n[led.status\n", "bad.toml"));
        Assert.Equal("bad.toml", e.ProfileSource);
        Assert.Matches(@"\(\d+,\d+\)", e.Message);
    }

    [Fact]
    public void A_profile_whose_name_differs_from_its_file_is_refused()
    {
        var e = Assert.Throws<BoardProfileException>(() => BoardProfileReader.Parse("name = \"other\"\n", "/x/board/mine.toml"));
        Assert.Contains("name: 'other' does not match the file name 'mine.toml'", e.Problems);
    }

    [Fact]
    public void Pin_reservations_name_the_holder_and_let_the_same_owner_reclaim()
    {
        var pins = new PinReservations();
        pins.Reserve("c", 1, "the status LED");
        Assert.Null(pins.TryReserve("c", 1, "the status LED"));
        var e = Assert.Throws<InvalidOperationException>(() => pins.Reserve("c", 1, "the failover button"));
        Assert.Equal("GPIO c:1 is claimed by both the status LED and the failover button", e.Message);
        pins.Release("c", 1, "the status LED");
        Assert.Null(pins.OwnerOf("c", 1));
    }
}
