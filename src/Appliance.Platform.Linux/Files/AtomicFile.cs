using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Files;

/// <summary>
/// Replaces a small file atomically (write a temporary file, then rename over the target), so
/// a reader never sees half a status file. Raw libc calls: nothing on the managed heap, which
/// the daemon's periodic status write depends on to stay allocation-free.
/// </summary>
public static unsafe class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="temporaryPath"/> and renames it to <paramref name="path"/>.</summary>
    public static Errno Write(string path, string temporaryPath, ReadOnlySpan<byte> content)
    {
        int fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0x1A4 /* 0644 */);
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
                    return e;
                }
                done += (int)n;
            }
        }
        close(fd);
        return rename(temporaryPath, path) == 0 ? default : Errno.Last;
    }
}
