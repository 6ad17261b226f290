using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Processes;

/// <summary>
/// The launcher's half of running a script: inside a fresh, single-purpose process (the daemon's own
/// binary started with its hidden <c>--exec-as</c> verb, never a fork of the daemon), mark every
/// descriptor above stderr close-on-exec, drop to the script identity (groups, then gid, then uid,
/// real, effective and saved alike), prove that root cannot be regained, and <c>execve</c> the script
/// with exactly the environment given. It returns only when something failed, with the reason.
/// </summary>
public static unsafe class PrivilegeDrop
{
    /// <summary>Drops to <paramref name="who"/> and replaces this process with <paramref name="path"/>; returns why it could not.</summary>
    public static string DropAndExec(ScriptIdentity who, string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        if (CloseStrayDescriptors() is { } fdError) return fdError;
        if (Drop(who) is { } dropError) return dropError;
        if (Verify(who) is { } verifyError) return verifyError;
        // A daemon started by systemd with AmbientCapabilities= as a non-root user would hand those
        // capabilities through execve (a uid change between non-root users keeps them): clear them.
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && Errno.Last.Value != EINVAL)
            return $"clearing ambient capabilities failed: {Errno.Last}";
        // After the credential change (which clears it): the script gets SIGTERM when the daemon's
        // thread that started it dies, as keepalived does, so a crashed daemon leaves no orphans.
        prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
        if (getppid() == 1) return "the daemon exited before the script started";
        return Exec(path, argv, environment);
    }

    /// <summary>Sets groups, gid and uid; when not root, only "no change" is possible.</summary>
    private static string? Drop(ScriptIdentity who)
    {
        uint[] groups = who.Groups.Length > 0 ? who.Groups : [who.Gid];
        if (geteuid() != 0)
        {
            // An unprivileged daemon (tests, a user's own instance) can only run scripts as itself.
            uint ru, eu, su;
            getresuid(&ru, &eu, &su);
            return ru == who.Uid && eu == who.Uid ? null : $"the daemon runs as uid {eu}, not root, so it cannot run scripts as {who}";
        }
        fixed (uint* g = groups)
            if (setgroups((nuint)groups.Length, g) != 0) return $"setgroups for {who} failed: {Errno.Last}";
        if (setresgid(who.Gid, who.Gid, who.Gid) != 0) return $"setresgid({who.Gid}) failed: {Errno.Last}";
        if (setresuid(who.Uid, who.Uid, who.Uid) != 0) return $"setresuid({who.Uid}) failed: {Errno.Last}";
        return null;
    }

    private static string? Verify(ScriptIdentity who)
    {
        uint r, e, s;
        if (getresuid(&r, &e, &s) != 0 || r != who.Uid || e != who.Uid || s != who.Uid)
            return $"after the drop the user ids are {r}/{e}/{s}, not {who.Uid}";
        if (getresgid(&r, &e, &s) != 0 || r != who.Gid || e != who.Gid || s != who.Gid)
            return $"after the drop the group ids are {r}/{e}/{s}, not {who.Gid}";
        if (who.Uid != 0 && setuid(0) == 0) return "root could be regained after the drop; refusing to run the script";
        return null;
    }

    // close_range(CLOSE_RANGE_CLOEXEC) (Linux 5.11, glibc 2.34) marks rather than closes: the
    // runtime of this launcher process may still use its own descriptors until execve.
    private static string? CloseStrayDescriptors()
    {
        try
        {
            if (close_range(3, uint.MaxValue, CLOSE_RANGE_CLOEXEC) == 0) return null;
        }
        catch (EntryPointNotFoundException)
        {
        }
        try
        {
            foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
                if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2) fcntl(fd, F_SETFD, FD_CLOEXEC);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot list /proc/self/fd to close inherited descriptors: {e.Message}";
        }
    }

    private static string Exec(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        byte** args = Strings(argv);
        byte** env = Strings(environment);
        byte* file = (byte*)Marshal.StringToCoTaskMemUTF8(path);
        execve(file, args, env);
        var e = Errno.Last;
        return $"execve {path} failed: {e}";
    }

    private static byte** Strings(IReadOnlyList<string> list)
    {
        var p = (byte**)NativeMemory.AllocZeroed((nuint)(list.Count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < list.Count; i++) p[i] = (byte*)Marshal.StringToCoTaskMemUTF8(list[i]);
        return p;
    }
}
