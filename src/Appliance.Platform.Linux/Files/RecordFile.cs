using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Files;

/// <summary>
/// A file of fixed size read and written in place with pread/pwrite at fixed offsets: the flight
/// recorder's ring. Opened with <c>O_NOFOLLOW</c> like every runtime file (docs/security.md): a
/// symlink planted at the path is refused, never written through; anything but a regular file is
/// refused too. A write is one pwrite of one record, so a crash (SIGKILL) can tear at most the
/// record being written, which its reader detects by checksum. Raw libc calls: writing allocates
/// nothing.
/// </summary>
public sealed unsafe class RecordFile : IDisposable
{
    private readonly FileDescriptor _fd;

    private RecordFile(FileDescriptor fd, string path, long length)
    {
        _fd = fd;
        Path = path;
        Length = length;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes when it was opened (or grown to).</summary>
    public long Length { get; }

    /// <summary>Opens or creates (mode 0644) <paramref name="path"/> for reading and writing and
    /// makes it at least <paramref name="length"/> bytes long (new bytes read as zero).</summary>
    /// <exception cref="PlatformException">With the call and errno; ELOOP for a symlink.</exception>
    public static RecordFile OpenWrite(string path, long length)
    {
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, AtomicFile.PublicMode);
        if (fd < 0) throw new PlatformException($"open {path}", Errno.Last);
        var handle = new FileDescriptor(fd);
        try
        {
            RequireRegular(path);
            long size = SizeOf(fd);
            if (size < length && ftruncate(fd, length) != 0) throw new PlatformException($"ftruncate {path}", Errno.Last);
            return new RecordFile(handle, path, Math.Max(size, length));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> read-only (the <c>why</c> verb), or returns null when
    /// it does not exist.</summary>
    /// <exception cref="PlatformException">Any other failure, with the call and errno.</exception>
    public static RecordFile? OpenRead(string path)
    {
        int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0)
        {
            var e = Errno.Last;
            if (e.Value == Errno.ENOENT) return null;
            throw new PlatformException($"open {path}", e);
        }
        var handle = new FileDescriptor(fd);
        try
        {
            RequireRegular(path);
            return new RecordFile(handle, path, SizeOf(fd));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="offset"/>;
    /// returns how many were read (fewer at the end of the file).</summary>
    public int ReadAt(long offset, Span<byte> destination)
    {
        int done = 0;
        fixed (byte* p = destination)
        {
            while (done < destination.Length)
            {
                nint n = pread(_fd.Fd, p + done, (nuint)(destination.Length - done), offset + done);
                if (n < 0 && Errno.Last.Value == Errno.EINTR) continue;
                if (n <= 0) break;
                done += (int)n;
            }
        }
        return done;
    }

    /// <summary>Writes <paramref name="source"/> at <paramref name="offset"/> in one pwrite (retried on EINTR).</summary>
    public Errno WriteAt(long offset, ReadOnlySpan<byte> source)
    {
        fixed (byte* p = source)
        {
            while (true)
            {
                nint n = pwrite(_fd.Fd, p, (nuint)source.Length, offset);
                if (n == source.Length) return default;
                if (n < 0 && Errno.Last.Value == Errno.EINTR) continue;
                return n < 0 ? Errno.Last : new Errno(Errno.EIO);
            }
        }
    }

    private static void RequireRegular(string path)
    {
        var err = FileStatus.TryGet(path, followLinks: false, out var s);
        if (err.Value != 0) throw new PlatformException($"lstat {path}", err);
        if (s.Kind != FileKind.Regular) throw new PlatformException($"{path} is not a regular file", new Errno(EINVAL));
    }

    private static long SizeOf(int fd)
    {
        long end = lseek(fd, 0, SEEK_END);
        if (end < 0) throw new PlatformException("lseek", Errno.Last);
        return end;
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();
}
