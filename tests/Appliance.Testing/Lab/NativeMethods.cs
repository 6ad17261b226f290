using System.Runtime.InteropServices;

namespace Appliance.Testing.Lab;

/// <summary>The two libc calls the lab needs: who we are, and entering a network namespace.</summary>
internal static partial class NativeMethods
{
    internal const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int sig);
}
