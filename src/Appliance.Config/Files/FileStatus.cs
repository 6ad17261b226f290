using System.Runtime.InteropServices;

namespace Appliance.Config.Files;

/// <summary>What a path is, before anyone opens it.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

/// <summary>
/// statx(2) on a path (following symlinks): its type and size, without opening it. Opening a FIFO
/// blocks until a writer comes and reading /dev/zero never ends, so the type must be known first;
/// .NET has no managed API for the file type. This is the one libc call outside Platform.Linux:
/// the config library must refuse such files in <c>check</c> and on reload alike, and Platform.Linux
/// does not reference it. statx's struct has one layout on every architecture (include/uapi/linux/stat.h),
/// so no per-ABI struct is needed: stx_mode is the u16 at offset 28, stx_size the u64 at offset 40.
/// </summary>
internal static unsafe partial class FileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001;
    private const uint StatxSize = 0x0200;
    private const int StatxBufferBytes = 256;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The kind and size of <paramref name="path"/>; <paramref name="why"/> names a failure to look.</summary>
    public static FileKind Of(string path, out long size, out string? why)
    {
        size = 0;
        why = null;
        byte* buffer = stackalloc byte[StatxBufferBytes];
        int rc;
        try
        {
            rc = Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return Fallback(path, out size);
        }
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) return FileKind.Missing; // ENOENT, ENOTDIR
            why = errno switch
            {
                13 => "permission denied",
                40 => "too many levels of symbolic links",
                _ => $"cannot look at it (errno {errno})",
            };
            return FileKind.Other;
        }
        ushort mode = *(ushort*)(buffer + 28);
        size = (long)Math.Min(*(ulong*)(buffer + 40), long.MaxValue);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>A libc without statx (glibc before 2.28): what .NET can tell. Devices, FIFOs and
    /// sockets report size 0 there, and a regular file of size 0 has nothing to read, so an empty
    /// answer is safe: the caller never opens a size-0 path it cannot prove regular.</summary>
    private static FileKind Fallback(string path, out long size)
    {
        size = 0;
        if (Directory.Exists(path)) return FileKind.Directory;
        var info = new FileInfo(path);
        if (!info.Exists) return FileKind.Missing;
        size = info.Length;
        return size > 0 ? FileKind.Regular : FileKind.Other;
    }

    /// <summary>"a directory", "a character device"... for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO",
        FileKind.Socket => "a socket",
        FileKind.Regular => "a regular file",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
