using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>flock and the calls that rewrite a file's contents in place (lock file, flight recorder).</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint pwrite(int fd, byte* buf, nuint count, long offset);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint pread(int fd, byte* buf, nuint count, long offset);

    // off_t is 64 bits on x86_64 and aarch64 alike.
    [LibraryImport(Name, SetLastError = true)]
    internal static partial long lseek(int fd, long offset, int whence);

    internal const int SEEK_END = 2;

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
}
