using Appliance.Board.Buttons;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// The board's maintenance button: a GPIO input line whose edges the kernel timestamps and queues
/// (<see cref="GpioEdgeLine"/>), debounced by <see cref="ButtonDebouncer"/>. The loop polls
/// <see cref="Fd"/> and calls <see cref="Read"/> on its own thread: no driver thread, no callbacks
/// from elsewhere, nothing allocated per press.
/// </summary>
/// <remarks>
/// Iot.Device.Bindings' GpioButton was the first choice. It is not used: it registers
/// System.Device.Gpio's edge callbacks, whose event code carries trim warning IL2091 (fatal here,
/// where warnings are errors), runs them on a driver thread, and debounces by the time it handles
/// an edge rather than the time the edge happened.
/// </remarks>
public sealed class MaintenanceButton : IDisposable
{
    private readonly GpioEdgeLine _line;
    private readonly bool _activeLow;
    private int _presses;
    private int _longPresses;

    /// <summary>Requests <paramref name="line"/> of <paramref name="chipDevice"/> for edge events.</summary>
    public MaintenanceButton(string chipDevice, int line, bool activeLow)
    {
        _line = new GpioEdgeLine(chipDevice, line, "appliance maintenance");
        _activeLow = activeLow;
    }

    /// <summary>The debouncer, for counters.</summary>
    public ButtonDebouncer Debouncer { get; } = new();

    /// <summary>The line watched.</summary>
    public int Line => _line.Line;

    /// <summary>The descriptor the loop polls.</summary>
    public int Fd => _line.Fd;

    /// <summary>Reads the queued edges; returns the presses and long presses they completed.</summary>
    public (int Presses, int LongPresses) Read()
    {
        _presses = 0;
        _longPresses = 0;
        _line.ReadEdges(this, static (self, rising, ts) =>
        {
            switch (self.Debouncer.Edge(rising != self._activeLow, ts))
            {
                case ButtonGesture.Press: self._presses++; break;
                case ButtonGesture.LongPress: self._longPresses++; break;
            }
        });
        return (_presses, _longPresses);
    }

    /// <inheritdoc />
    public void Dispose() => _line.Dispose();
}
