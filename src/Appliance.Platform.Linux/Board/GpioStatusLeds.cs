using System.Device.Gpio;
using Appliance.Board;
using Appliance.Board.Leds;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// LEDs on GPIO lines through System.Device.Gpio (libgpiod on a real board, a simulated driver in
/// tests). Lines are requested as outputs, dark, when built; active-low lines are inverted here so
/// callers think in lit/dark. GPIO cannot blink by itself: the LED controller toggles it.
/// </summary>
public sealed class GpioStatusLeds : IStatusLeds
{
    private readonly GpioLedLine?[] _lines = new GpioLedLine?[2];

    // GpioPin.Write goes straight to the driver; GpioController.Write looks the pin up first and
    // allocates on every call, which the software blink cannot afford.
    private readonly GpioPin?[] _pins = new GpioPin?[2];

    /// <summary>Requests the lines; <paramref name="alert"/> may be null.</summary>
    public GpioStatusLeds(GpioLedLine? status, GpioLedLine? alert, string description)
    {
        Description = description;
        _lines[(int)LedId.Status] = status;
        _lines[(int)LedId.Alert] = alert;
        int opened = 0;
        try
        {
            for (; opened < _lines.Length; opened++)
            {
                if (_lines[opened] is { } l) _pins[opened] = l.Controller.OpenPin(l.Line, PinMode.Output, Level(l, on: false));
            }
        }
        catch
        {
            for (int i = 0; i < opened; i++)
                if (_lines[i] is { } l) l.Controller.ClosePin(l.Line);
            throw;
        }
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool Has(LedId led) => _lines[(int)led] is not null;

    /// <inheritdoc />
    public bool CanBlinkByItself(LedId led) => false;

    /// <inheritdoc />
    public void Set(LedId led, bool on)
    {
        if (_pins[(int)led] is { } pin) pin.Write(Level(_lines[(int)led]!, on));
    }

    /// <inheritdoc />
    public void Blink(LedId led, int onMs, int offMs) =>
        throw new NotSupportedException("GPIO LEDs are blinked by the loop, not by themselves");

    /// <summary>Darkens and releases the lines.</summary>
    public void Dispose()
    {
        for (int i = 0; i < _lines.Length; i++)
        {
            if (_lines[i] is not { } l) continue;
            _lines[i] = null;
            _pins[i] = null;
            if (!l.Controller.IsPinOpen(l.Line)) continue;
            l.Controller.Write(l.Line, Level(l, on: false));
            l.Controller.ClosePin(l.Line);
        }
    }

    private static PinValue Level(GpioLedLine l, bool on) => on != l.ActiveLow ? PinValue.High : PinValue.Low;
}
