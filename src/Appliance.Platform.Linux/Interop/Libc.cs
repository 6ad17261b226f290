using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>
/// The libc calls every part of the platform layer shares. Names are the C names, verbatim.
/// Feature-specific calls (netlink, termios, watchdog ioctls) live beside their feature in
/// their own partial files of this class, so there is one place that names the library.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>glibc on Debian (x86_64 and aarch64 alike).</summary>
    internal const string Name = "libc";

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string pathname, int flags, int mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint read(int fd, byte* buf, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint write(int fd, byte* buf, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* arg);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint nfds, int timeout);

    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;
    internal const int O_NOCTTY = 0x100;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    internal const short POLLIN = 0x001;
    internal const short POLLOUT = 0x004;
    internal const short POLLERR = 0x008;
    internal const short POLLHUP = 0x010;
    internal const short POLLNVAL = 0x020;

    /// <summary><c>struct pollfd</c>: same layout on x86_64 and aarch64 (int, short, short).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }
}
