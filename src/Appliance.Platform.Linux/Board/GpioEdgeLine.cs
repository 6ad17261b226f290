using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// One GPIO input line requested from the kernel with edge detection (GPIO v2 character device
/// API). The kernel timestamps each edge and queues it on <see cref="Fd"/>; the loop polls that
/// descriptor and reads the edges on its own thread. Reading is allocation-free.
/// </summary>
public sealed unsafe class GpioEdgeLine : IDisposable
{
    private const int BatchEvents = 16;
    private readonly FileDescriptor _fd;
    private readonly byte[] _buffer = new byte[BatchEvents * sizeof(Libc.gpio_v2_line_event)];

    /// <summary>Requests line <paramref name="line"/> of <paramref name="chipDevice"/> as an input with both edges.</summary>
    /// <exception cref="PlatformException">The chip cannot be opened or the line is busy.</exception>
    public GpioEdgeLine(string chipDevice, int line, string consumer)
    {
        int chip = Libc.open(chipDevice, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (chip < 0) throw new PlatformException($"open {chipDevice}", Errno.Last);
        using var chipFd = new FileDescriptor(chip);
        Libc.gpio_v2_line_request req = default;
        req.offsets[0] = (uint)line;
        req.num_lines = 1;
        req.config.flags = Libc.GPIO_V2_LINE_FLAG_INPUT | Libc.GPIO_V2_LINE_FLAG_EDGE_RISING | Libc.GPIO_V2_LINE_FLAG_EDGE_FALLING;
        int n = Math.Min(consumer.Length, 31);
        for (int i = 0; i < n; i++) req.consumer[i] = (byte)consumer[i];
        if (Libc.ioctl(chipFd.Fd, Libc.GPIO_V2_GET_LINE_IOCTL, &req) < 0)
            throw new PlatformException($"requesting line {line} of {chipDevice} for edge events", Errno.Last);
        _fd = new FileDescriptor(req.fd);
        Line = line;
    }

    /// <summary>The line offset.</summary>
    public int Line { get; }

    /// <summary>The descriptor that becomes readable when edges are queued.</summary>
    public int Fd => _fd.Fd;

    /// <summary>Reads the queued edges (at most one batch) and hands each to <paramref name="onEdge"/>
    /// as (rising, kernel timestamp in ns). Call only when <see cref="Fd"/> polled readable.</summary>
    public int ReadEdges<TState>(TState state, Action<TState, bool, ulong> onEdge)
    {
        ArgumentNullException.ThrowIfNull(onEdge);
        nint got;
        fixed (byte* p = _buffer) got = Libc.read(_fd.Fd, p, (nuint)_buffer.Length);
        if (got <= 0) return 0;
        int count = (int)got / sizeof(Libc.gpio_v2_line_event);
        fixed (byte* p = _buffer)
        {
            var events = (Libc.gpio_v2_line_event*)p;
            for (int i = 0; i < count; i++) onEdge(state, events[i].id == Libc.GPIO_V2_LINE_EVENT_RISING_EDGE, events[i].timestamp_ns);
        }
        return count;
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();
}
