using Appliance.Testing;
using System.Device.Gpio;
using Appliance.Board.Leds;
using Appliance.Board.Profiles;
using Appliance.Board.Tests.Fakes;
using Appliance.Platform.Linux.Board;

namespace Appliance.Board.Tests.Linux;

/// <summary>BoardIo against a fake machine: a directory with dev/ and sys/class/leds/, chips
/// described by a fake inspector and driven by simulated drivers.</summary>
public sealed class BoardIoTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ap" + Guid.NewGuid().ToString("N")[..6] + "-machine");
    private readonly Dictionary<string, GpioChipDescription> _chips = [];
    private readonly Dictionary<int, SimulatedGpioDriver> _drivers = [];
    private readonly Dictionary<string, string> _env = [];

    public BoardIoTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));
        Directory.CreateDirectory(Path.Combine(_root, "sys/class/leds"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private BoardIoEnvironment Env => new()
    {
        Root = _root,
        InspectChip = Inspect,
        CreateGpioDriver = n => _drivers[n] = new SimulatedGpioDriver(_chips[$"gpiochip{n}"].Lines),
        GetEnvironmentVariable = k => _env.GetValueOrDefault(k),
        Console = new StringWriter(),
        OpenButtons = false,
    };

    private GpioChipDescription? Inspect(string path, out string? error)
    {
        error = _chips.ContainsKey(Path.GetFileName(path)) ? null : $"{path} is not a GPIO chip";
        return _chips.GetValueOrDefault(Path.GetFileName(path));
    }

    private void AddChip(string name, string label, int lines)
    {
        File.WriteAllText(Path.Combine(_root, "dev", name), "");
        _chips[name] = new GpioChipDescription(name, label, lines);
    }

    private void AddDevice(string name) => File.WriteAllText(Path.Combine(_root, "dev", name), "");

    private void AddLedClass(string name)
    {
        string dir = Path.Combine(_root, "sys/class/leds", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "max_brightness"), "1\n");
        File.WriteAllText(Path.Combine(dir, "brightness"), "0\n");
        File.WriteAllText(Path.Combine(dir, "trigger"), "[none] timer\n");
    }

    private static BoardProfile Shipped(string name)
    {
        string path = Path.Combine(RepoPaths.BoardDirectory, name + ".toml");
        return BoardProfileReader.Parse(File.ReadAllText(path), path);
    }

    private static readonly BoardSettings s_deviceWatchdog = new() { Watchdog = new WatchdogSettings { Kind = WatchdogKind.Device } };

    [Fact]
    public void Qemu_virt_on_a_matching_machine_drives_pl061_lines_and_opens_the_watchdog_device()
    {
        AddChip("gpiochip0", "9030000.pl061", 8);
        AddDevice("watchdog0");
        using BoardIo io = BoardIo.Open(s_deviceWatchdog, Shipped("qemu-virt"), Env);
        Assert.IsType<GpioStatusLeds>(io.Leds);
        io.Leds.Set(LedId.Alert, true);
        Assert.Equal(PinValue.High, _drivers[0].Level(1));
        Assert.Equal(PinValue.Low, _drivers[0].Level(0));
        Assert.IsType<DeviceWatchdog>(io.Watchdog);
        Assert.Equal("the status LED", io.Pins.OwnerOf("pl061", 0));
    }

    [Fact]
    public void The_maintenance_button_line_is_reserved_for_it_so_no_led_can_take_it()
    {
        AddChip("gpiochip0", "9030000.pl061", 8);
        AddDevice("watchdog0");
        using BoardIo io = BoardIo.Open(s_deviceWatchdog, Shipped("qemu-virt"), Env);
        Assert.Equal("the maintenance button", io.Pins.OwnerOf("pl061", 3));
        // The fake root has no GPIO character device to request edges from (OpenButtons = false);
        // the real line is exercised in the QEMU end-to-end test.
        Assert.Null(io.Button);
    }

    [Fact]
    public void Every_mismatch_is_reported_at_once_with_its_fix()
    {
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(s_deviceWatchdog, Shipped("qemu-virt"), Env));
        Assert.Equal(2, e.Problems.Length);
        Assert.Contains("GPIO chip 'pl061': /dev/gpiochip0 does not exist; load the GPIO driver or fix gpio_chip.device", e.Problems);
        Assert.Contains(e.Problems, p => p.StartsWith("watchdog device /dev/watchdog0 does not exist; load its driver (e.g. modprobe softdog", StringComparison.Ordinal));
        Assert.StartsWith("board profile 'qemu-virt' does not match this machine:", e.Message);
    }

    [Fact]
    public void A_machine_without_libgpiod_gets_the_package_to_install()
    {
        AddChip("gpiochip0", "9030000.pl061", 8);
        var env = Env with { CreateGpioDriver = _ => throw new PlatformNotSupportedException("Libgpiod driver not installed.") };
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), Shipped("qemu-virt"), env));
        Assert.Equal("Libgpiod driver not installed.; install libgpiod (Debian: libgpiod2)", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_chip_with_too_few_lines_is_a_wrong_board()
    {
        AddChip("gpiochip0", "9030000.pl061", 4);
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), Shipped("qemu-virt"), Env));
        Assert.Equal("GPIO chip 'pl061': /dev/gpiochip0 has 4 lines, the profile needs 8; wrong board profile", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_chip_with_another_label_is_refused()
    {
        AddChip("gpiochip0", "pinctrl-bcm2711", 58);
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), Shipped("qemu-virt"), Env));
        Assert.Contains("is 'pinctrl-bcm2711', the profile expects '9030000.pl061'", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_device_that_is_not_a_gpio_chip_is_refused()
    {
        AddDevice("gpiochip0");
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), Shipped("qemu-virt"), Env));
        Assert.Contains("is not a GPIO chip", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_chip_given_only_by_label_is_found_whatever_its_number()
    {
        AddChip("gpiochip0", "pinctrl-bcm2712", 32);
        AddChip("gpiochip4", "pinctrl-rp1", 54);
        var profile = BoardProfileReader.Parse("""
            name = "pi5-header-leds"
            [[gpio_chip]]
            id = "header"
            label = "pinctrl-rp1"
            lines = 54
            [led.status]
            gpio = { chip = "header", line = 17 }
            """, "pi5-header-leds");
        using BoardIo io = BoardIo.Open(new BoardSettings(), profile, Env);
        io.Leds.Set(LedId.Status, true);
        Assert.Equal(PinValue.High, _drivers[4].Level(17));
    }

    [Fact]
    public void A_label_no_chip_carries_lists_the_chips_found()
    {
        AddChip("gpiochip0", "pinctrl-bcm2712", 32);
        var profile = BoardProfileReader.Parse("""
            name = "x"
            [[gpio_chip]]
            id = "header"
            label = "pinctrl-rp1"
            lines = 54
            [led.status]
            gpio = { chip = "header", line = 17 }
            """, "x");
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), profile, Env));
        Assert.Contains("no chip labelled 'pinctrl-rp1' (found: gpiochip0 [pinctrl-bcm2712])", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_missing_led_class_device_names_the_ones_present()
    {
        AddChip("gpiochip0", "9030000.pl061", 8);
        AddLedClass("status");
        AddLedClass("mmc0::");
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(new BoardSettings(), Shipped("qemu-virt-ledclass"), Env));
        Assert.Equal("alert LED: /sys/class/leds/alert does not exist (present: mmc0::, status); enable the LED driver or fix led_class in the profile",
            Assert.Single(e.Problems));
    }

    [Fact]
    public void Led_class_leds_open_under_the_root_and_can_blink_by_themselves()
    {
        AddChip("gpiochip0", "9030000.pl061", 8);
        AddLedClass("status");
        AddLedClass("alert");
        using BoardIo io = BoardIo.Open(new BoardSettings(), Shipped("qemu-virt-ledclass"), Env);
        Assert.IsType<LedClassStatusLeds>(io.Leds);
        Assert.True(io.Leds.CanBlinkByItself(LedId.Status));
        Assert.Null(io.Watchdog);
    }

    [Fact]
    public void Asking_for_gpio_leds_on_a_led_class_board_is_an_error_not_a_fallback()
    {
        var settings = new BoardSettings { Leds = new LedSettings { Backend = LedBackend.Gpio } };
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(settings, Shipped("raspberry-pi-4"), Env));
        Assert.Contains("wires its LEDs as LedClass", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_gpio_wdi_watchdog_gets_its_own_line_and_an_owner()
    {
        AddChip("gpiochip0", "c", 8);
        var profile = BoardProfileReader.Parse("""
            name = "wdi"
            [[gpio_chip]]
            id = "c"
            device = "/dev/gpiochip0"
            lines = 8
            [led.status]
            gpio = { chip = "c", line = 0 }
            [watchdog]
            kind = "gpio_wdi"
            wdi = { chip = "c", line = 6 }
            wdi_timeout_ms = 1600
            """, "wdi");
        var settings = new BoardSettings { Watchdog = new WatchdogSettings { Kind = WatchdogKind.GpioWdi } };
        using BoardIo io = BoardIo.Open(settings, profile, Env);
        Assert.Equal(TimeSpan.FromMilliseconds(1600), io.Watchdog!.Start(TimeSpan.FromSeconds(10)));
        io.Watchdog.Pet();
        Assert.Equal(PinValue.High, _drivers[0].Level(6));
        Assert.Equal("the watchdog WDI line", io.Pins.OwnerOf("c", 6));
    }

    [Fact]
    public void The_systemd_watchdog_without_NOTIFY_SOCKET_says_how_to_run_it()
    {
        var settings = new BoardSettings { Watchdog = new WatchdogSettings { Kind = WatchdogKind.Systemd } };
        var e = Assert.Throws<BoardMismatchException>(() => BoardIo.Open(settings, null, Env));
        Assert.Contains("NOTIFY_SOCKET is not set; run the daemon from a unit with Type=notify and WatchdogSec=", Assert.Single(e.Problems));
    }

    [Fact]
    public void Without_a_profile_the_leds_go_to_the_console_and_there_is_no_watchdog()
    {
        using BoardIo io = BoardIo.Open(new BoardSettings(), null, Env);
        Assert.IsType<ConsoleStatusLeds>(io.Leds);
        Assert.Null(io.Watchdog);
        Assert.Null(io.Notify);
    }

    [Fact]
    public void The_loader_finds_a_shipped_profile_and_lists_the_others_when_the_name_is_wrong()
    {
        var found = BoardProfileLoader.Load(new BoardSettings { Profile = "nanopi-r5s", ProfileDirectory = RepoPaths.BoardDirectory });
        Assert.Equal("green:wan", found!.StatusLed!.LedClass);
        var e = Assert.Throws<BoardProfileException>(() =>
            BoardProfileLoader.Load(new BoardSettings { Profile = "raspberry-pi-3", ProfileDirectory = RepoPaths.BoardDirectory }));
        Assert.Contains("available: banana-pi-r3, nanopi-r5s, qemu-virt", e.Message);
        Assert.Throws<BoardProfileException>(() => BoardProfileLoader.Load(new BoardSettings { Profile = "../etc/passwd" }));
    }
}
