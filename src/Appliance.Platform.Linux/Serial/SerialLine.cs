using Appliance.Heartbeat.Channels;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Serial;

/// <summary>
/// A tty in raw 8N1 mode at a fixed baud rate, non-blocking, for the serial heartbeat. When the
/// device vanishes (a USB adapter unplugged, the far end of a pty closed) reads report a hangup
/// (EIO, ENXIO, ENODEV, or end-of-file after poll said readable): the line closes itself and the
/// owner reopens it later by path, so a re-plugged adapter is picked up without a restart.
/// </summary>
public sealed unsafe class SerialLine : IHeartbeatTransport
{
    private readonly uint _speed;
    private FileDescriptor? _fd;

    /// <summary>Describes a line; nothing is opened until <see cref="TryOpen"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The baud rate is not one of <see cref="SerialSpeed.Supported"/>.</exception>
    public SerialLine(string device, int baud, bool rtsCts)
    {
        if (!SerialSpeed.TryGetConstant(baud, out _speed))
            throw new ArgumentOutOfRangeException(nameof(baud), baud, "baud must be one of 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600");
        Device = device;
        Baud = baud;
        RtsCts = rtsCts;
    }

    /// <summary>The tty path.</summary>
    public string Device { get; }

    /// <summary>The baud rate.</summary>
    public int Baud { get; }

    /// <summary>RTS/CTS hardware flow control.</summary>
    public bool RtsCts { get; }

    /// <summary>How many times the line was opened (1 after the first open; more after reopens).</summary>
    public int Opens { get; private set; }

    /// <inheritdoc />
    public bool IsStream => true;

    /// <inheritdoc />
    public bool IsOpen => _fd is not null;

    /// <inheritdoc />
    public int PollFd => _fd?.Fd ?? -1;

    /// <inheritdoc />
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public bool TryOpen()
    {
        Close();
        // O_NOCTTY: a daemon must never acquire the heartbeat line as its controlling terminal.
        int fd = open(Device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0) return Fail("open", Errno.Last);
        var handle = new FileDescriptor(fd);
        Termios t;
        if (tcgetattr(fd, &t) != 0)
        {
            var e = Errno.Last;
            handle.Dispose();
            return Fail(e.Value == Errno.ENOTTY ? "not a tty: tcgetattr" : "tcgetattr", e);
        }
        RawMode.Apply(ref t, RtsCts);
        if (cfsetispeed(&t, _speed) != 0 || cfsetospeed(&t, _speed) != 0 || tcsetattr(fd, TCSANOW, &t) != 0)
        {
            var e = Errno.Last;
            handle.Dispose();
            return Fail("tcsetattr", e);
        }
        // Whatever sat in the buffers belongs to before the (re)open.
        tcflush(fd, TCIOFLUSH);
        _fd = handle;
        Opens++;
        LastError = null;
        return true;
    }

    /// <summary>Reads the line's current termios settings (for tests and status).</summary>
    internal bool TryGetAttributes(out Termios termios)
    {
        termios = default;
        if (_fd is null) return false;
        fixed (Termios* p = &termios) return tcgetattr(_fd.Fd, p) == 0;
    }

    /// <inheritdoc />
    public int Receive(Span<byte> buffer)
    {
        if (_fd is null) return -1;
        nint n;
        fixed (byte* p = buffer) n = read(_fd.Fd, p, (nuint)buffer.Length);
        if (n > 0) return (int)n;
        if (n < 0)
        {
            var e = Errno.Last;
            if (e.Value is Errno.EAGAIN or Errno.EINTR) return 0;
            Fail("read", e);
        }
        else
        {
            // With VMIN = 1 and O_NONBLOCK an idle tty reads EAGAIN; end-of-file means a hangup.
            LastError = "read: end of file (hangup)";
        }
        Close();
        return -1;
    }

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame)
    {
        if (_fd is null) return false;
        nint n;
        fixed (byte* p = frame) n = write(_fd.Fd, p, (nuint)frame.Length);
        if (n == frame.Length) return true;
        if (n < 0)
        {
            var e = Errno.Last;
            if (e.Value is Errno.EAGAIN or Errno.EINTR) return false;
            Fail("write", e);
            Close();
        }
        return false;
    }

    /// <summary>Closes the line (reopen with <see cref="TryOpen"/>).</summary>
    public void Close()
    {
        _fd?.Dispose();
        _fd = null;
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    private bool Fail(string call, Errno errno)
    {
        LastError = $"{Device}: {call}: {errno}";
        return false;
    }
}
