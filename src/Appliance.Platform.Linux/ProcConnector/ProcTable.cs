using System.Buffers.Text;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.ProcConnector;

/// <summary>
/// Reads what the process trackers compare from /proc: the comm and state from /proc/PID/stat
/// (comm is the second field, in parentheses, and may itself hold ')' or spaces, so the state
/// is found after the last ')'), and the first bytes of /proc/PID/cmdline. Reads go into
/// caller buffers through stack-built paths, so a per-event check does not allocate.
/// </summary>
public static unsafe class ProcTable
{
    /// <summary>The longest comm the kernel keeps (TASK_COMM_LEN 16, less the NUL).</summary>
    public const int CommMax = 15;

    /// <summary>Every numeric entry of /proc: the processes of the pid namespace /proc belongs to.</summary>
    public static IEnumerable<int> Pids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), System.Globalization.NumberStyles.None, null, out int pid)) yield return pid;
    }

    /// <summary>
    /// Reads <paramref name="pid"/>'s comm into <paramref name="comm"/> (returns its length in
    /// <paramref name="commLength"/>) and, when <paramref name="cmdline"/> is not empty, the first
    /// bytes of its command line. False when the process is gone or is a zombie (keepalived skips
    /// zombies: their cmdline is empty and they are no longer running).
    /// </summary>
    public static bool Read(int pid, Span<byte> comm, out int commLength, Span<byte> cmdline, out int cmdlineLength)
    {
        commLength = cmdlineLength = 0;
        Span<byte> stat = stackalloc byte[160];
        int n = ReadFile(pid, "stat"u8, stat);
        if (n <= 0) return false;
        stat = stat[..n];
        int open = stat.IndexOf((byte)'(');
        int close = stat.LastIndexOf((byte)')');
        if (open < 0 || close < open) return false;
        if (close + 2 < stat.Length && stat[close + 2] == (byte)'Z') return false;
        var name = stat[(open + 1)..close];
        if (name.Length > comm.Length) name = name[..comm.Length];
        name.CopyTo(comm);
        commLength = name.Length;
        if (!cmdline.IsEmpty)
        {
            int c = ReadFile(pid, "cmdline"u8, cmdline);
            if (c < 0) return false;
            cmdlineLength = c;
        }
        return true;
    }

    private static int ReadFile(int pid, ReadOnlySpan<byte> leaf, Span<byte> into)
    {
        Span<byte> path = stackalloc byte[40];
        "/proc/"u8.CopyTo(path);
        if (!Utf8Formatter.TryFormat(pid, path[6..], out int digits)) return -1;
        int at = 6 + digits;
        path[at++] = (byte)'/';
        leaf.CopyTo(path[at..]);
        at += leaf.Length;
        path[at] = 0;
        int fd;
        fixed (byte* p = path) fd = open_bytes(p, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0) return -1;
        try
        {
            int total = 0;
            while (total < into.Length)
            {
                nint r;
                fixed (byte* b = into[total..]) r = read(fd, b, (nuint)(into.Length - total));
                if (r < 0) return -1;
                if (r == 0) break;
                total += (int)r;
            }
            return total;
        }
        finally
        {
            close(fd);
        }
    }
}
