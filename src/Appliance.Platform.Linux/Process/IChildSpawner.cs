using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Process;

/// <summary>
/// The one place scripts are started, so a privilege-dropping launcher (running each script as
/// its <c>user</c> / <c>script_user</c>) can replace <see cref="PosixSpawner"/> without touching
/// the trackers. Must not block the loop beyond the fork/exec itself.
/// </summary>
public interface IChildSpawner
{
    /// <summary>Starts <paramref name="argv"/> (argv[0] looked up in PATH) in a process group of
    /// its own, stdin/stdout/stderr on /dev/null. <paramref name="user"/> is the configured
    /// script user, or null for the daemon's own.</summary>
    bool TrySpawn(IReadOnlyList<string> argv, string? user, out ChildProcess? child, out Errno error);
}
