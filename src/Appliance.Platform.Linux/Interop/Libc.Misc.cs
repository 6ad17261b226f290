using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>eventfd and file renames: the small calls the daemon's loop and status file need.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rename(string oldpath, string newpath);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getpid();

    // SIGRTMIN is a function in C: the C library keeps the first real-time signals for itself.
    [LibraryImport(Name)]
    internal static partial int __libc_current_sigrtmin();

    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;
    internal const int O_CREAT = 0x40;
    internal const int O_TRUNC = 0x200;
}
