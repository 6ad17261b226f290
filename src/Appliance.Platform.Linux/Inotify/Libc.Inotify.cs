using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>inotify(7): the kernel tells us when a tracked file is rewritten, so track_file needs no polling.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int inotify_init1(int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int inotify_add_watch(int fd, string pathname, uint mask);

    internal const int IN_NONBLOCK = 0x800;
    internal const int IN_CLOEXEC = 0x80000;
    internal const uint IN_CLOSE_WRITE = 0x8;
    internal const uint IN_MOVED_FROM = 0x40;
    internal const uint IN_MOVED_TO = 0x80;
    internal const uint IN_CREATE = 0x100;
    internal const uint IN_DELETE = 0x200;
    internal const uint IN_Q_OVERFLOW = 0x4000;
    internal const uint IN_IGNORED = 0x8000;
    internal const uint IN_ONLYDIR = 0x1000000;
}
