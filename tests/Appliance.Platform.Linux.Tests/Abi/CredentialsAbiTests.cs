using Appliance.Testing.Abi;
using Appliance.Testing.Lab;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Tests.Abi;

/// <summary>The script launcher's and runtime-file checks' libc structs and constants (statx, passwd, group, prctl, close_range), against the C headers of both targets.</summary>
public sealed class CredentialsAbiTests
{
    private static readonly string[] s_includes =
        ["sys/stat.h", "fcntl.h", "pwd.h", "grp.h", "sys/prctl.h", "linux/close_range.h", "signal.h", "errno.h"];

    private static readonly AbiStruct[] s_structs =
    [
        new("struct statx", typeof(StatX), [("stx_mask", "stx_mask"), ("stx_uid", "stx_uid"), ("stx_gid", "stx_gid"), ("stx_mode", "stx_mode"), ("stx_ino", "stx_ino"), ("stx_size", "stx_size")]),
        new("struct passwd", typeof(Passwd), [("pw_name", "pw_name"), ("pw_passwd", "pw_passwd"), ("pw_uid", "pw_uid"), ("pw_gid", "pw_gid"), ("pw_gecos", "pw_gecos"), ("pw_dir", "pw_dir"), ("pw_shell", "pw_shell")]),
        new("struct group", typeof(Group), [("gr_name", "gr_name"), ("gr_passwd", "gr_passwd"), ("gr_gid", "gr_gid"), ("gr_mem", "gr_mem")]),
    ];

    private static readonly AbiConstant[] s_constants =
    [
        new("AT_FDCWD", AT_FDCWD), new("AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW), new("STATX_BASIC_STATS", (long)STATX_BASIC_STATS),
        new("O_EXCL", O_EXCL), new("O_CREAT", O_CREAT), new("O_WRONLY", O_WRONLY),
        new("S_IFMT", (long)S_IFMT), new("S_IFIFO", (long)S_IFIFO), new("S_IFDIR", (long)S_IFDIR), new("S_IFREG", (long)S_IFREG), new("S_IFLNK", (long)S_IFLNK),
        new("S_ISUID", (long)S_ISUID), new("S_ISGID", (long)S_ISGID), new("S_ISVTX", (long)S_ISVTX),
        new("S_IWGRP", (long)S_IWGRP), new("S_IWOTH", (long)S_IWOTH), new("S_IXUSR", (long)S_IXUSR), new("S_IXGRP", (long)S_IXGRP), new("S_IXOTH", (long)S_IXOTH),
        new("PR_SET_PDEATHSIG", PR_SET_PDEATHSIG), new("PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS), new("PR_CAP_AMBIENT", PR_CAP_AMBIENT), new("PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT_CLEAR_ALL), new("EINVAL", EINVAL), new("CLOSE_RANGE_CLOEXEC", CLOSE_RANGE_CLOEXEC),
        new("F_SETFD", F_SETFD), new("FD_CLOEXEC", FD_CLOEXEC), new("SIGTERM", SIGTERM), new("ERANGE", ERANGE),
    ];

    [SkippableTheory]
    [InlineData("x86_64-linux-gnu")]
    [InlineData("aarch64-linux-gnu")]
    public void Launcher_and_file_check_structs_and_constants_match_the_C_headers(string target)
    {
        LabRequirements.RequireTool("clang", "clang");
        if (target.StartsWith("aarch64", StringComparison.Ordinal))
            Skip.IfNot(Directory.Exists("/usr/aarch64-linux-gnu/include"), "SKIPPED LOUDLY: aarch64 headers missing (Debian libc6-dev-arm64-cross); run ./build.sh setup");
        // O_NOFOLLOW is one of the flags whose value depends on the architecture.
        long noFollow = target.StartsWith("aarch64", StringComparison.Ordinal) ? O_NOFOLLOW_ARM64 : O_NOFOLLOW_X64;
        string source = AbiCheck.Generate(s_includes, s_structs, [.. s_constants, new("O_NOFOLLOW", noFollow)]);
        var (code, output) = AbiCheck.Compile(source, target);
        Assert.True(code == 0, $"ABI mismatch for {target}:\n{output}");
    }
}
