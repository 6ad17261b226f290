using System.Device.Gpio;
using Appliance.Platform.Linux.Interop;
using Iot.Device.Button;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// The board's maintenance button, read through Iot.Device.Bindings' <see cref="GpioButton"/>
/// (debounce, press, long press). The binding raises its events on the GPIO driver's own thread;
/// nothing runs there but a counter and an eventfd write, so the daemon's single loop thread sees
/// each press as a readable descriptor and does all the work itself.
/// </summary>
public sealed unsafe class MaintenanceButton : IDisposable
{
    private readonly GpioButton _button;
    private readonly FileDescriptor _fd;
    private int _presses;
    private int _longPresses;

    /// <summary>Watches <paramref name="line"/> of <paramref name="controller"/>.</summary>
    /// <param name="controller">The chip's controller (shared with the LEDs; not disposed here).</param>
    /// <param name="line">The line offset.</param>
    /// <param name="activeLow">True for a button to ground with a pull-up; false for one that drives the line high.</param>
    public MaintenanceButton(GpioController controller, int line, bool activeLow)
    {
        int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) throw new PlatformException("eventfd", Errno.Last);
        _fd = new FileDescriptor(fd);
        Line = line;
        // The line has its pull resistor on the board (QEMU drives it outright), so the binding
        // must not configure one; isPullUp tells it which level means "pressed".
        _button = new GpioButton(line, doublePress: TimeSpan.FromSeconds(1), holding: TimeSpan.FromSeconds(2),
            isPullUp: activeLow, hasExternalResistor: true, gpio: controller, shouldDispose: false,
            debounceTime: TimeSpan.FromMilliseconds(20))
        {
            IsHoldingEnabled = true,
        };
        _button.Press += (_, _) => Signal(ref _presses);
        _button.Holding += (_, e) =>
        {
            if (e.HoldingState == ButtonHoldingState.Started) Signal(ref _longPresses);
        };
    }

    /// <summary>The line watched, for the start-up log.</summary>
    public int Line { get; }

    /// <summary>The descriptor the loop polls; readable after a press.</summary>
    public int Fd => _fd.Fd;

    /// <summary>Takes the presses and long presses counted since the last call (loop thread).</summary>
    public (int Presses, int LongPresses) Take()
    {
        ulong v;
        read(_fd.Fd, (byte*)&v, 8);
        return (Interlocked.Exchange(ref _presses, 0), Interlocked.Exchange(ref _longPresses, 0));
    }

    // The driver's thread: count and wake the loop, nothing else.
    private void Signal(ref int counter)
    {
        Interlocked.Increment(ref counter);
        ulong one = 1;
        write(_fd.Fd, (byte*)&one, 8);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _button.Dispose();
        _fd.Dispose();
    }
}
