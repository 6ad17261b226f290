using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>
/// <c>statx</c>, whose <c>struct statx</c> is one layout on every architecture (unlike
/// <c>struct stat</c>, which differs between x86_64 and aarch64), plus <c>realpath</c> and <c>unlink</c>.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirfd, string pathname, int flags, uint mask, StatX* statxbuf);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string pathname);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* realpath(string path, byte* resolved);

    [LibraryImport(Name)]
    internal static partial void free(void* ptr);

    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const uint STATX_BASIC_STATS = 0x7ff;
    internal const int O_EXCL = 0x80;
    /// <summary><c>O_NOFOLLOW</c> differs by architecture (asm-generic vs. x86): 0x20000 on x86_64, 0x8000 on aarch64.</summary>
    internal static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? O_NOFOLLOW_ARM64 : O_NOFOLLOW_X64;
    internal const int O_NOFOLLOW_X64 = 0x20000;
    internal const int O_NOFOLLOW_ARM64 = 0x8000;

    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFIFO = 0x1000;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFLNK = 0xA000;
    internal const uint S_ISUID = 0x800;
    internal const uint S_ISGID = 0x400;
    internal const uint S_ISVTX = 0x200;
    internal const uint S_IWGRP = 0x10;
    internal const uint S_IWOTH = 0x2;
    internal const uint S_IXUSR = 0x40;
    internal const uint S_IXGRP = 0x8;
    internal const uint S_IXOTH = 0x1;

    /// <summary>The head of <c>struct statx</c> (256 bytes in all); only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatX
    {
        [FieldOffset(0)] public uint stx_mask;
        [FieldOffset(20)] public uint stx_uid;
        [FieldOffset(24)] public uint stx_gid;
        [FieldOffset(28)] public ushort stx_mode;
        [FieldOffset(32)] public ulong stx_ino;
        [FieldOffset(40)] public ulong stx_size;
    }
}
