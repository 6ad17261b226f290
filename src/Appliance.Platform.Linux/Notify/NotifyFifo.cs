using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Notify;

/// <summary>
/// keepalived's notify FIFO (<c>vrrp_notify_fifo</c>): created when missing, opened read-write and
/// non-blocking so that opening never waits for a reader and a reader that stops reading never
/// stalls the daemon: a full pipe drops the line and counts it.
/// </summary>
public sealed unsafe class NotifyFifo : IDisposable
{
    private FileDescriptor? _fd;

    /// <summary>Describes the FIFO; nothing is opened until <see cref="TryOpen"/>.</summary>
    public NotifyFifo(string path) => Path = path;

    /// <summary>The FIFO's path.</summary>
    public string Path { get; }

    /// <summary>Lines dropped because the pipe was full (nobody reading).</summary>
    public long Dropped { get; private set; }

    /// <summary>Why the last open or write failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>Creates the FIFO if needed (mode 0600) and opens it.</summary>
    public bool TryOpen()
    {
        if (_fd is not null) return true;
        if (mkfifo(Path, 0x180) != 0)
        {
            var e = Errno.Last;
            if (e.Value != Errno.EEXIST) return Fail("mkfifo", e);
        }
        // O_RDWR: a FIFO opened write-only without a reader fails with ENXIO (non-blocking) or blocks.
        int fd = open(Path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0) return Fail("open", Errno.Last);
        _fd = new FileDescriptor(fd);
        LastError = null;
        return true;
    }

    /// <summary>Writes one line (the caller includes the newline); false when it was dropped.</summary>
    public bool TryWrite(ReadOnlySpan<byte> line)
    {
        if (_fd is null && !TryOpen()) return false;
        nint n;
        fixed (byte* p = line) n = write(_fd!.Fd, p, (nuint)line.Length);
        if (n == line.Length) return true;
        Dropped++;
        if (n < 0) Fail("write", Errno.Last);
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fd?.Dispose();
        _fd = null;
    }

    private bool Fail(string call, Errno e)
    {
        LastError = $"{Path}: {call}: {e}";
        return false;
    }
}
