using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>
/// Identity calls for the script launcher: user and group lookups (at start-up, in the daemon) and
/// the privilege drop plus <c>execve</c> (in the launcher's own short-lived process, never in the daemon).
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setgroups(nuint size, uint* list);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getgroups(int size, uint* list);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setresuid(uint ruid, uint euid, uint suid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setresgid(uint rgid, uint egid, uint sgid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getresuid(uint* ruid, uint* euid, uint* suid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getresgid(uint* rgid, uint* egid, uint* sgid);

    [LibraryImport(Name)]
    internal static partial uint geteuid();

    [LibraryImport(Name)]
    internal static partial uint getegid();

    [LibraryImport(Name)]
    internal static partial int getppid();

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setuid(uint uid);

    /// <summary>Returns an errno value (not -1/errno) as the C function does.</summary>
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int getpwnam_r(string name, Passwd* pwd, byte* buf, nuint buflen, Passwd** result);

    /// <summary>Returns an errno value (not -1/errno) as the C function does.</summary>
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int getgrnam_r(string name, Group* grp, byte* buf, nuint buflen, Group** result);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int execve(byte* pathname, byte** argv, byte** envp);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close_range(uint first, uint last, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    internal const int PR_SET_PDEATHSIG = 1;
    internal const int PR_SET_NO_NEW_PRIVS = 38;
    internal const int PR_CAP_AMBIENT = 47;
    internal const int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    internal const int EINVAL = 22;
    internal const int CLOSE_RANGE_CLOEXEC = 4;
    internal const int F_SETFD = 2;
    internal const int FD_CLOEXEC = 1;
    internal const int SIGTERM = 15;
    internal const int ERANGE = 34;

    /// <summary><c>struct passwd</c>: the same LP64 layout on x86_64 and aarch64 (proved by the ABI tests).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Passwd
    {
        public byte* pw_name;
        public byte* pw_passwd;
        public uint pw_uid;
        public uint pw_gid;
        public byte* pw_gecos;
        public byte* pw_dir;
        public byte* pw_shell;
    }

    /// <summary><c>struct group</c>: the same LP64 layout on x86_64 and aarch64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Group
    {
        public byte* gr_name;
        public byte* gr_passwd;
        public uint gr_gid;
        public byte** gr_mem;
    }
}
