using System.Device.Gpio;
using Appliance.Board;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// An external watchdog chip (TPS3823, MAX6369 and kin) whose WDI input must see an edge before
/// its fixed timeout. Each pet toggles the line, i.e. one edge. Such chips cannot be disarmed by
/// software: after any stop, clean or not, the board resets one chip timeout later, unless the
/// board gates the chip's enable pin (out of scope here; see docs/boards.md).
/// </summary>
public sealed class GpioWdiWatchdog : IWatchdog
{
    private readonly GpioController _controller;
    private readonly int _line;
    private readonly TimeSpan _chipTimeout;
    private PinValue _level = PinValue.Low;
    private bool _open;

    /// <summary>A chip on <paramref name="line"/> of <paramref name="controller"/> (not owned).</summary>
    public GpioWdiWatchdog(GpioController controller, int line, TimeSpan chipTimeout, string description)
    {
        _controller = controller;
        _line = line;
        _chipTimeout = chipTimeout;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The chip's timeout is fixed; <paramref name="timeout"/> is ignored.</summary>
    public TimeSpan Start(TimeSpan timeout)
    {
        if (_open) throw new InvalidOperationException($"watchdog {Description} is already started");
        _controller.OpenPin(_line, PinMode.Output, _level);
        _open = true;
        return _chipTimeout;
    }

    /// <inheritdoc />
    public bool Pet()
    {
        if (!_open) return false;
        _level = _level == PinValue.Low ? PinValue.High : PinValue.Low;
        try
        {
            _controller.Write(_line, _level);
            return true;
        }
        catch (IOException)
        {
            // The line is gone (chip unbound): report the failed pet; the chip will fire on its own.
            return false;
        }
    }

    /// <inheritdoc />
    public void Stop(bool clean)
    {
        if (!_open) return;
        _open = false;
        _controller.ClosePin(_line);
    }

    /// <inheritdoc />
    public void Dispose() => Stop(clean: false);
}
