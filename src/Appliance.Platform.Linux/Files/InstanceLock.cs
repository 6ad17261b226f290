using System.Text;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Files;

/// <summary>
/// A lock file held with flock(2) for the life of the process: one daemon per (network namespace,
/// configuration). The kernel drops the lock when the holder dies however it dies, so there is no
/// stale-lock cleanup. The holder writes its pid into the file so the loser can name it.
/// </summary>
public sealed unsafe class InstanceLock : IDisposable
{
    private readonly FileDescriptor _fd;

    private InstanceLock(FileDescriptor fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock, or returns null and the holder's pid (0 when it cannot be read).</summary>
    /// <exception cref="PlatformException">The lock file cannot be opened or locked for another reason.</exception>
    public static InstanceLock? TryAcquire(string path, out int holderPid)
    {
        holderPid = 0;
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0x1a4 /* 0644 */);
        if (fd < 0) throw new PlatformException($"open {path}", Errno.Last);
        var handle = new FileDescriptor(fd);
        if (flock(fd, LOCK_EX | LOCK_NB) != 0)
        {
            var e = Errno.Last;
            try
            {
                if (e.Value != Errno.EAGAIN) throw new PlatformException($"flock {path}", e);
                holderPid = ReadPid(fd);
                return null;
            }
            finally
            {
                handle.Dispose();
            }
        }
        byte[] pid = Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
        fixed (byte* p = pid)
        {
            if (ftruncate(fd, 0) != 0 || pwrite(fd, p, (nuint)pid.Length, 0) != pid.Length)
            {
                var e = Errno.Last;
                handle.Dispose();
                throw new PlatformException($"write {path}", e);
            }
        }
        return new InstanceLock(handle, path);
    }

    private static int ReadPid(int fd)
    {
        byte* buf = stackalloc byte[32];
        nint n = pread(fd, buf, 32, 0);
        if (n <= 0) return 0;
        var text = new ReadOnlySpan<byte>(buf, (int)n).Trim((byte)'\n');
        return int.TryParse(text, out int pid) ? pid : 0;
    }

    /// <summary>Releases the lock (the file stays; the next holder rewrites it).</summary>
    public void Dispose() => _fd.Dispose();
}
