using System.Runtime.InteropServices;
using System.Text;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Process;

/// <summary>
/// Starts children with posix_spawnp(3) (glibc uses clone(CLONE_VM|CLONE_VFORK): the loop pauses
/// only until the exec) and hands back a <see cref="ChildProcess"/> with its pidfd. The child
/// gets its own process group (so a timeout kills its children too), an empty signal mask and
/// every signal at its default (the runtime ignores SIGPIPE; a script must not inherit that),
/// /dev/null on 0, 1, 2, and the daemon's environment. It runs as the daemon's user: the
/// <c>user</c> argument is not acted on here (see <see cref="IChildSpawner"/>).
/// </summary>
public sealed unsafe class PosixSpawner : IChildSpawner
{
    private static readonly nint s_environ = FindEnviron();

    /// <summary>The environment children get (KEY=VALUE), or null for the daemon's own. The
    /// privilege-dropping launcher is started with a clean one, so nothing of the daemon's
    /// environment reaches a script.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    /// <inheritdoc />
    public bool TrySpawn(IReadOnlyList<string> argv, string? user, out ChildProcess? child, out Errno error)
    {
        ArgumentNullException.ThrowIfNull(argv);
        child = null;
        error = default;
        if (argv.Count == 0)
        {
            error = new Errno(Errno.ENOENT);
            return false;
        }
        int envCount = Environment?.Count ?? 0;
        var strings = new nint[argv.Count + envCount];
        byte** envp = stackalloc byte*[envCount + 1];
        byte** args = stackalloc byte*[argv.Count + 1];
        byte* attr = stackalloc byte[SpawnAttrBytes];
        byte* actions = stackalloc byte[FileActionsBytes];
        byte* empty = stackalloc byte[SigSetBytes];
        byte* all = stackalloc byte[SigSetBytes];
        byte* devNull = stackalloc byte[10];
        "/dev/null\0"u8.CopyTo(new Span<byte>(devNull, 10));
        try
        {
            for (int i = 0; i < argv.Count; i++)
            {
                strings[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
                args[i] = (byte*)strings[i];
            }
            args[argv.Count] = null;
            for (int i = 0; i < envCount; i++)
            {
                strings[argv.Count + i] = Marshal.StringToCoTaskMemUTF8(Environment![i]);
                envp[i] = (byte*)strings[argv.Count + i];
            }
            envp[envCount] = null;
            posix_spawnattr_init(attr);
            posix_spawn_file_actions_init(actions);
            sigemptyset(empty);
            sigfillset(all);
            posix_spawnattr_setflags(attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            posix_spawnattr_setpgroup(attr, 0);
            posix_spawnattr_setsigmask(attr, empty);
            posix_spawnattr_setsigdefault(attr, all);
            posix_spawn_file_actions_addopen(actions, 0, devNull, O_RDONLY, 0);
            posix_spawn_file_actions_addopen(actions, 1, devNull, O_WRONLY, 0);
            posix_spawn_file_actions_addopen(actions, 2, devNull, O_WRONLY, 0);
            byte** env = Environment is not null ? envp : s_environ == 0 ? null : *(byte***)s_environ;
            int pid;
            int rc = posix_spawnp(&pid, args[0], actions, attr, args, env);
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attr);
            if (rc != 0)
            {
                error = new Errno(rc);
                return false;
            }
            int fd = pidfd_open(pid, 0);
            if (fd < 0)
            {
                // Without a pidfd we cannot reap it from the loop: end it now rather than leak it.
                error = Errno.Last;
                kill(-pid, SIGKILL);
                return false;
            }
            child = new ChildProcess(pid, fd);
            return true;
        }
        finally
        {
            foreach (nint s in strings)
                if (s != 0) Marshal.FreeCoTaskMem(s);
        }
    }

    // The C global `environ` (char **): read at each spawn, so setenv by the runtime is seen.
    private static nint FindEnviron()
    {
        if (NativeLibrary.TryLoad("libc.so.6", out nint lib) && NativeLibrary.TryGetExport(lib, "environ", out nint p)) return p;
        return 0;
    }

    /// <summary>For messages: the command line as it was split.</summary>
    public static string Describe(IReadOnlyList<string> argv)
    {
        var b = new StringBuilder();
        foreach (var a in argv)
        {
            if (b.Length > 0) b.Append(' ');
            b.Append(a);
        }
        return b.ToString();
    }
}
