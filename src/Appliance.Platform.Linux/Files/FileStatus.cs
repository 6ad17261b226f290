using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Files;

/// <summary>What kind of file a path names.</summary>
public enum FileKind
{
    /// <summary>Anything not listed below (device, socket).</summary>
    Other,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A named pipe.</summary>
    Fifo,
    /// <summary>A symbolic link (only seen when links are not followed).</summary>
    SymbolicLink,
}

/// <summary>
/// Owner, group and mode of one path, read with <c>statx</c> (the one stat layout that is the same on
/// x86_64 and aarch64). .NET shows mode bits but not ownership, and ownership is what script security
/// and runtime-file checks are about.
/// </summary>
public readonly record struct FileStatus(FileKind Kind, uint Mode, uint Uid, uint Gid)
{
    /// <summary>Reads the status of <paramref name="path"/>; with <paramref name="followLinks"/> false a symlink is reported as itself.</summary>
    public static unsafe Errno TryGet(string path, bool followLinks, out FileStatus status)
    {
        StatX sx;
        if (statx(AT_FDCWD, path, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) != 0)
        {
            status = default;
            return Errno.Last;
        }
        uint mode = sx.stx_mode;
        var kind = (mode & S_IFMT) switch
        {
            S_IFREG => FileKind.Regular,
            S_IFDIR => FileKind.Directory,
            S_IFIFO => FileKind.Fifo,
            S_IFLNK => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        status = new FileStatus(kind, mode & 0xFFF, sx.stx_uid, sx.stx_gid);
        return default;
    }

    /// <summary>Permission bits in octal, as <c>ls</c> and <c>chmod</c> spell them (<c>0755</c>).</summary>
    public string OctalMode => "0" + Convert.ToString(Mode & 0xFFF, 8).PadLeft(3, '0');

    /// <summary>Writable by a group other than root's or by everybody.</summary>
    public bool WritableByNonRoot => (Gid != 0 && (Mode & S_IWGRP) != 0) || (Mode & S_IWOTH) != 0;

    /// <summary>The sticky bit (set on /tmp: only a file's owner may replace it).</summary>
    public bool Sticky => (Mode & S_ISVTX) != 0;

    /// <summary>The canonical absolute path (symlinks resolved), or null when it does not resolve.</summary>
    public static unsafe string? RealPath(string path)
    {
        byte* p = realpath(path, null);
        if (p is null) return null;
        try
        {
            return new string((sbyte*)p);
        }
        finally
        {
            free(p);
        }
    }
}
