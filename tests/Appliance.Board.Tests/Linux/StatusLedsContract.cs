using System.Device.Gpio;
using Appliance.Board.Leds;
using Appliance.Board.Tests.Fakes;
using Appliance.Platform.Linux.Board;

namespace Appliance.Board.Tests.Linux;

/// <summary>What every <see cref="IStatusLeds"/> must do; one subclass per implementation.</summary>
public abstract class StatusLedsContract : IDisposable
{
    /// <summary>LEDs with both Status and Alert.</summary>
    protected abstract IStatusLeds Leds { get; }

    /// <summary>Whether the LED is lit as the hardware would show it (for a self-blinking LED: null).</summary>
    protected abstract bool? Lit(LedId led);

    /// <summary>The self-driven blink the hardware was given, or null.</summary>
    protected abstract (int On, int Off)? SelfBlink(LedId led);

    /// <summary>Null: Set may allocate (console). Else the bytes one Set may allocate.</summary>
    protected virtual long? AllowedBytesPerSet => 0;

    public virtual void Dispose() => Leds.Dispose();

    [Fact]
    public void Leds_start_dark()
    {
        Assert.True(Leds.Has(LedId.Status));
        Assert.True(Leds.Has(LedId.Alert));
        Assert.False(Lit(LedId.Status));
        Assert.False(Lit(LedId.Alert));
    }

    [Fact]
    public void Set_lights_and_darkens_each_led_on_its_own()
    {
        Leds.Set(LedId.Status, true);
        Assert.True(Lit(LedId.Status));
        Assert.False(Lit(LedId.Alert));
        Leds.Set(LedId.Alert, true);
        Leds.Set(LedId.Status, false);
        Assert.False(Lit(LedId.Status));
        Assert.True(Lit(LedId.Alert));
    }

    [Fact]
    public void Blink_is_handed_over_where_offered_and_refused_elsewhere_and_set_ends_it()
    {
        if (!Leds.CanBlinkByItself(LedId.Status))
        {
            Assert.Throws<NotSupportedException>(() => Leds.Blink(LedId.Status, 100, 900));
            return;
        }
        Leds.Blink(LedId.Status, 100, 900);
        Assert.Equal((100, 900), SelfBlink(LedId.Status));
        Leds.Set(LedId.Status, true);
        Assert.Null(SelfBlink(LedId.Status));
        Assert.True(Lit(LedId.Status));
    }

    [Fact]
    public void Set_allocates_no_more_than_its_budget_after_warm_up()
    {
        if (AllowedBytesPerSet is not { } budget) return;
        for (int i = 0; i < 100; i++) Leds.Set(LedId.Status, i % 2 == 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Leds.Set((LedId)(i & 1), i % 3 == 0);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, budget * 10_000);
    }
}

public sealed class FakeStatusLedsContract : StatusLedsContract
{
    private readonly FakeStatusLeds _leds = new(canBlinkByItself: true);
    protected override IStatusLeds Leds => _leds;
    protected override bool? Lit(LedId led) => _leds.SelfBlink(led) is null ? _leds.IsOn(led) : null;
    protected override (int On, int Off)? SelfBlink(LedId led) => _leds.SelfBlink(led);
}

public sealed class LedClassStatusLedsContract : StatusLedsContract
{
    private readonly FakeSysfsLeds _sysfs = new();
    private readonly LedClassStatusLeds _leds;

    public LedClassStatusLedsContract()
    {
        _sysfs.Add("green:status");
        _sysfs.Add("red:alert", maxBrightness: 1);
        _leds = new LedClassStatusLeds(
            new Dictionary<LedId, string> { [LedId.Status] = "green:status", [LedId.Alert] = "red:alert" }, _sysfs.Root);
    }

    private static string Name(LedId led) => led == LedId.Status ? "green:status" : "red:alert";
    protected override IStatusLeds Leds => _leds;
    protected override bool? Lit(LedId led) =>
        _sysfs.Read(Name(led), "trigger") == "timer" ? null : _sysfs.Read(Name(led), "brightness") != "0";
    protected override (int On, int Off)? SelfBlink(LedId led) =>
        _sysfs.Read(Name(led), "trigger") != "timer" ? null
            : (int.Parse(_sysfs.Read(Name(led), "delay_on")), int.Parse(_sysfs.Read(Name(led), "delay_off")));

    public override void Dispose()
    {
        base.Dispose();
        _sysfs.Dispose();
    }

    [Fact]
    public void Lit_means_max_brightness_and_the_previous_trigger_comes_back_on_dispose()
    {
        _leds.Set(LedId.Status, true);
        Assert.Equal("255", _sysfs.Read("green:status", "brightness"));
        Assert.Equal("none", _sysfs.Read("green:status", "trigger"));
        _leds.Dispose();
        Assert.Equal("mmc0", _sysfs.Read("green:status", "trigger"));
        Assert.Equal("0", _sysfs.Read("green:status", "brightness"));
    }

    [Fact]
    public void An_led_without_the_timer_trigger_is_blinked_by_the_loop()
    {
        _sysfs.Add("plain", triggers: "[none] heartbeat");
        using var leds = new LedClassStatusLeds(new Dictionary<LedId, string> { [LedId.Status] = "plain" }, _sysfs.Root);
        Assert.False(leds.CanBlinkByItself(LedId.Status));
    }

    [Fact]
    public void A_missing_led_is_a_loud_error_listing_the_leds_that_exist()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new LedClassStatusLeds(new Dictionary<LedId, string> { [LedId.Status] = "ACT" }, _sysfs.Root));
        Assert.Contains("'ACT' not found", e.Message);
        Assert.Contains("green:status, red:alert", e.Message);
        Assert.Contains("fix led_class in the board profile", e.Message);
    }
}

public sealed class GpioStatusLedsContract : StatusLedsContract
{
    private readonly SimulatedGpioDriver _chip = new(8);
    private readonly GpioController _controller;
    private readonly GpioStatusLeds _leds;

    public GpioStatusLedsContract()
    {
        _controller = new GpioController(_chip);
        // The alert LED is active-low: lit when the line is driven low.
        _leds = new GpioStatusLeds(new GpioLedLine(_controller, 2, false), new GpioLedLine(_controller, 5, true), "sim");
    }

    protected override IStatusLeds Leds => _leds;

    // Measured: System.Device.Gpio 4.2.0 allocates 40 B inside GpioPin.Write/GpioController.Write
    // (the simulated driver's own Write allocates nothing). Pinned here so it cannot grow unseen.
    protected override long? AllowedBytesPerSet => 40;

    protected override bool? Lit(LedId led) =>
        led == LedId.Status ? _chip.Level(2) == PinValue.High : _chip.Level(5) == PinValue.Low;
    protected override (int On, int Off)? SelfBlink(LedId led) => null;

    public override void Dispose()
    {
        base.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void Active_low_lines_are_driven_low_to_light()
    {
        Assert.Equal(PinValue.High, _chip.Level(5));
        _leds.Set(LedId.Alert, true);
        Assert.Equal(PinValue.Low, _chip.Level(5));
    }

    [Fact]
    public void Dispose_darkens_and_releases_the_lines()
    {
        _leds.Set(LedId.Status, true);
        _leds.Dispose();
        Assert.Equal(PinValue.Low, _chip.Level(2));
        Assert.False(_chip.IsOpen(2));
        Assert.False(_chip.IsOpen(5));
    }
}

public sealed class ConsoleStatusLedsContract : StatusLedsContract
{
    private readonly StringWriter _out = new();
    private readonly ConsoleStatusLeds _leds;

    public ConsoleStatusLedsContract() => _leds = new ConsoleStatusLeds(_out);

    protected override IStatusLeds Leds => _leds;
    protected override long? AllowedBytesPerSet => null;
    protected override bool? Lit(LedId led) => _leds.State(led) switch { "on" => true, "off" => false, _ => null };
    protected override (int On, int Off)? SelfBlink(LedId led)
    {
        string[] parts = _leds.State(led).Split('/');
        return parts.Length == 2 ? (int.Parse(parts[0]), int.Parse(parts[1])) : null;
    }

    [Fact]
    public void Prints_one_compact_line_per_change_and_nothing_when_unchanged()
    {
        _leds.Set(LedId.Status, true);
        _leds.Set(LedId.Status, true);
        _leds.Blink(LedId.Alert, 500, 500);
        Assert.Equal(["[leds] status=on alert=off", "[leds] status=on alert=500/500"],
            _out.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
