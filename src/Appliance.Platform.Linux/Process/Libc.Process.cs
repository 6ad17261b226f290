using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>
/// Spawning and reaping children without a thread per child: posix_spawnp(3) starts the child in
/// a process group of its own, pidfd_open(2) gives a descriptor the loop polls (readable once the
/// child has exited), waitid(2) with P_PIDFD reaps exactly that child, kill(2) with a negative pid
/// ends the whole group at a timeout. pidfd_open is glibc 2.36's wrapper (Debian 12, the base of
/// the image and of the build host); P_PIDFD needs Linux 5.4.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int pidfd_open(int pid, uint flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int waitid(int idtype, uint id, SigInfo* infop, int options);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    /// <summary>Returns an error number (not -1 and errno), as the posix_spawn family does.</summary>
    [LibraryImport(Name)]
    internal static partial int posix_spawnp(int* pid, byte* file, void* file_actions, void* attrp, byte** argv, byte** envp);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_init(void* file_actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_addopen(void* file_actions, int fildes, byte* path, int oflag, uint mode);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_destroy(void* file_actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);

    [LibraryImport(Name)]
    internal static partial int sigemptyset(void* set);

    [LibraryImport(Name)]
    internal static partial int sigfillset(void* set);

    internal const int P_PIDFD = 3;
    internal const int WNOHANG = 1;
    internal const int WEXITED = 4;
    internal const int SIGKILL = 9;
    internal const int CLD_EXITED = 1;
    internal const int CLD_KILLED = 2;
    internal const int CLD_DUMPED = 3;
    internal const short POSIX_SPAWN_SETPGROUP = 0x02;
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;

    /// <summary>glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on
    /// x86_64 and aarch64; sigset_t is 128. We reserve more and let libc initialise them.</summary>
    internal const int SpawnAttrBytes = 512;
    internal const int FileActionsBytes = 256;
    internal const int SigSetBytes = 128;

    /// <summary>The head of <c>siginfo_t</c> as waitid fills it for SIGCHLD, on 64-bit Linux:
    /// three ints, then the union aligned to 8 (si_pid, si_uid, si_status). 128 bytes in all.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SigInfo
    {
        [FieldOffset(0)] public int si_signo;
        [FieldOffset(4)] public int si_errno;
        [FieldOffset(8)] public int si_code;
        [FieldOffset(16)] public int si_pid;
        [FieldOffset(20)] public uint si_uid;
        [FieldOffset(24)] public int si_status;
    }
}
