using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Files;

/// <summary>
/// Replaces a small file atomically (write a temporary file, then rename over the target), so
/// a reader never sees half a status file. The temporary file is created fresh with
/// <c>O_CREAT|O_EXCL|O_NOFOLLOW</c>: a symlink or file planted at its path is never followed or
/// written through (a leftover from a crash, or a planted link, is unlinked, which removes the link
/// itself, and creation is tried once more). Raw libc calls: nothing on the managed heap, which the
/// daemon's periodic status write depends on to stay allocation-free.
/// </summary>
public static unsafe class AtomicFile
{
    /// <summary>Mode of files anyone may read (status).</summary>
    public const int PublicMode = 0x1A4; // 0644

    /// <summary>Mode of files that hold secrets.</summary>
    public const int PrivateMode = 0x180; // 0600

    /// <summary>Writes <paramref name="content"/> to <paramref name="temporaryPath"/> and renames it to <paramref name="path"/>.</summary>
    public static Errno Write(string path, string temporaryPath, ReadOnlySpan<byte> content, int mode = PublicMode)
    {
        int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
        int fd = open(temporaryPath, flags, mode);
        if (fd < 0 && Errno.Last.Value == Errno.EEXIST)
        {
            unlink(temporaryPath);
            fd = open(temporaryPath, flags, mode);
        }
        if (fd < 0) return Errno.Last;
        fixed (byte* p = content)
        {
            int done = 0;
            while (done < content.Length)
            {
                nint n = write(fd, p + done, (nuint)(content.Length - done));
                if (n < 0)
                {
                    var e = Errno.Last;
                    if (e.Value == Errno.EINTR) continue;
                    close(fd);
                    unlink(temporaryPath);
                    return e;
                }
                done += (int)n;
            }
        }
        close(fd);
        if (rename(temporaryPath, path) == 0) return default;
        var renameError = Errno.Last;
        unlink(temporaryPath);
        return renameError;
    }
}
