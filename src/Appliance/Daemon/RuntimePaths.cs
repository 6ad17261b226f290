using Appliance.Platform.Linux.Files;

namespace Appliance.Daemon;

/// <summary>
/// Default pid and status file paths that cannot clash between daemons in different network
/// namespaces on one host: named after the namespace's inode, under /run/appliance. There is no
/// fallback: a daemon that cannot use /run/appliance says so and does not start, because a
/// world-writable fallback such as /tmp would let any local user plant or read those files.
/// </summary>
internal static class RuntimePaths
{
    /// <summary>The runtime directory.</summary>
    public const string Directory = "/run/appliance";

    /// <summary>Creates (0755) and checks the runtime directory.</summary>
    /// <exception cref="DaemonStartupException">It cannot be created, or it is not a directory only root can write.</exception>
    public static string DefaultDirectory() => EnsureDirectory(Directory);

    /// <summary>Creates <paramref name="path"/> (0755) if missing and checks that it is a real directory that no one else can write.</summary>
    /// <exception cref="DaemonStartupException">With a sentence naming the path and the fix.</exception>
    public static string EnsureDirectory(string path)
    {
        const string fix = "run the daemon as root, or give -p PIDFILE and --status-file FILE in a directory the daemon can write";
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        try
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        catch (UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"cannot create the runtime directory {path}: permission denied; {fix}");
        }
        catch (IOException e)
        {
            throw new DaemonStartupException($"cannot create the runtime directory {path} ({e.GetType().Name}, HResult 0x{e.HResult:x8}); {fix}");
        }
        var err = FileStatus.TryGet(path, followLinks: false, out var s);
        if (err.Value != 0) throw new DaemonStartupException($"cannot examine the runtime directory {path}: {err}; {fix}");
        if (s.Kind != FileKind.Directory)
            throw new DaemonStartupException($"the runtime directory {path} is {(s.Kind == FileKind.SymbolicLink ? "a symbolic link" : "not a directory")}; remove it and start again");
        if (s.WritableByNonRoot && !s.Sticky)
            throw new DaemonStartupException($"the runtime directory {path} is writable by others (mode {s.OctalMode}); chmod 755 {path}, or remove it and start again");
        return path;
    }

    public static string Tag()
    {
        ulong inode = NetworkNamespace.CurrentInode();
        return inode != 0 ? $"netns-{inode}" : $"pid-{Environment.ProcessId}";
    }

    public static string DefaultPidFile() => Path.Combine(DefaultDirectory(), $"appliance-{Tag()}.pid");

    /// <summary>The flight recorder's default file (the directory is created and checked).</summary>
    public static string DefaultFlightRecorderFile() => Path.Combine(DefaultDirectory(), FlightRecorderName());

    /// <summary>Where this namespace's daemon keeps its flight recorder by default, without creating anything (the <c>why</c> verb).</summary>
    public static string FlightRecorderFileToRead() => Path.Combine(Directory, FlightRecorderName());

    private static string FlightRecorderName() => $"appliance-{Tag()}.flight";

    public static string DefaultStatusFile() => Path.Combine(DefaultDirectory(), $"appliance-{Tag()}.status");
}
