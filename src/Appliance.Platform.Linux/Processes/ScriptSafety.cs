using Appliance.Platform.Linux.Files;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Processes;

/// <summary>
/// keepalived's script security rule (<c>check_script_secure</c>, lib/notify.c), the one
/// implementation that both <c>appliance check</c> and the daemon's launcher use, so the two agree.
/// A script that runs with root's user or group (or is set-uid/set-gid root) is unsafe when the file
/// or any directory on its path is owned by someone other than root, or is writable by a non-root
/// group or by everybody; a directory with the sticky bit (like /tmp) may be world-writable, a file
/// may not. Both the path as written and its canonical form (symlinks resolved) are checked, so a
/// root-owned symlink into a user's directory does not hide that directory.
/// </summary>
public static class ScriptSafety
{
    /// <summary>Why others than root could change what <paramref name="path"/> runs as <paramref name="runAs"/>, or null when they cannot.</summary>
    public static string? WhyUnsafe(string path, ScriptIdentity runAs)
    {
        var e = FileStatus.TryGet(path, followLinks: true, out var file);
        if (e.Value != 0) return $"it cannot be examined ({e.Message})";
        bool setIdRoot = (file.Uid == 0 && (file.Mode & S_IXUSR) != 0 && (file.Mode & S_ISUID) != 0)
            || (file.Gid == 0 && (file.Mode & S_IXGRP) != 0 && (file.Mode & S_ISGID) != 0);
        if (!runAs.IsPrivileged && !setIdRoot) return null;
        return WhyPathUnsafe(Path.GetFullPath(path)) ?? (FileStatus.RealPath(path) is { } real ? WhyPathUnsafe(real) : "its real path cannot be resolved");
    }

    private static string? WhyPathUnsafe(string absolute)
    {
        int from = 0;
        while (true)
        {
            int slash = absolute.IndexOf('/', from);
            string prefix = slash < 0 ? absolute : slash == 0 ? "/" : absolute[..slash];
            if (slash != 0 && prefix.EndsWith('/')) prefix = prefix.TrimEnd('/');
            if (prefix.Length > 0)
            {
                var e = FileStatus.TryGet(prefix, followLinks: true, out var s);
                if (e.Value != 0) return $"{prefix} cannot be examined ({e.Message})";
                string what = s.Kind == FileKind.Directory ? "directory" : "file";
                if (s.Uid != 0) return $"{what} {prefix} is owned by uid {s.Uid}, not root";
                if ((!s.Sticky || s.Kind == FileKind.Regular) && s.WritableByNonRoot)
                    return $"{what} {prefix} is writable by {(s.Gid != 0 && (s.Mode & S_IWGRP) != 0 ? $"group {s.Gid}" : "everybody")} (mode {s.OctalMode})";
            }
            if (slash < 0) return null;
            from = slash + 1;
        }
    }
}
