using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Notify;

/// <summary>
/// keepalived's notify FIFO (<c>vrrp_notify_fifo</c>): created when missing, opened read-write and
/// non-blocking so that opening never waits for a reader and a reader that stops reading never
/// stalls the daemon: a full pipe drops the line and counts it. An existing path must be a FIFO
/// itself (checked with <c>lstat</c>, and opened with <c>O_NOFOLLOW</c>): a regular file, device or
/// symlink planted there is refused, never written.
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

    /// <summary>Why the last open or write failed, as a sentence naming the path.</summary>
    public string? LastError { get; private set; }

    /// <summary>Creates the FIFO if needed (mode 0600) and opens it.</summary>
    public bool TryOpen()
    {
        if (_fd is not null) return true;
        if (mkfifo(Path, 0x180) != 0)
        {
            var e = Errno.Last;
            if (e.Value != Errno.EEXIST) return Fail($"cannot create the notify FIFO {Path}: {e}; check that its directory exists and is writable by root");
        }
        var se = FileStatus.TryGet(Path, followLinks: false, out var status);
        if (se.Value != 0) return Fail($"cannot examine the notify FIFO {Path}: {se}");
        if (status.Kind != FileKind.Fifo)
        {
            string what = status.Kind switch
            {
                FileKind.SymbolicLink => "a symbolic link",
                FileKind.Regular => "a regular file",
                FileKind.Directory => "a directory",
                _ => "not a FIFO",
            };
            return Fail($"the notify FIFO path {Path} exists and is {what}, not a FIFO; not opened. Remove it (the daemon then creates the FIFO) or set vrrp_notify_fifo to another path");
        }
        // O_RDWR: a FIFO opened write-only without a reader fails with ENXIO (non-blocking) or blocks.
        int fd = open(Path, O_RDWR | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0) return Fail($"cannot open the notify FIFO {Path}: {Errno.Last}");
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
        if (n < 0) Fail($"writing to the notify FIFO {Path} failed: {Errno.Last}");
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fd?.Dispose();
        _fd = null;
    }

    private bool Fail(string message)
    {
        LastError = message;
        return false;
    }
}
