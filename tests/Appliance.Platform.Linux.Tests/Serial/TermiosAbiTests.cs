using Appliance.Testing.Abi;
using Appliance.Testing.Lab;
using static Appliance.Platform.Linux.Interop.Libc;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Tests.Serial;

/// <summary><c>struct termios</c>, the flag bits and the B constants, checked against both targets' headers.</summary>
public sealed class TermiosAbiTests
{
    private static readonly AbiStruct[] s_structs =
    [
        new("struct termios", typeof(Termios), [("c_iflag", "c_iflag"), ("c_oflag", "c_oflag"), ("c_cflag", "c_cflag"), ("c_lflag", "c_lflag"),
            ("c_line", "c_line"), ("c_cc", "c_cc"), ("c_ispeed", "c_ispeed"), ("c_ospeed", "c_ospeed")]),
    ];

    private static readonly AbiConstant[] s_constants =
    [
        new("NCCS", NCCS), new("VTIME", VTIME), new("VMIN", VMIN), new("TCSANOW", TCSANOW), new("TCIOFLUSH", TCIOFLUSH),
        new("IGNBRK", IGNBRK), new("BRKINT", BRKINT), new("PARMRK", PARMRK), new("INPCK", INPCK), new("ISTRIP", ISTRIP),
        new("INLCR", INLCR), new("IGNCR", IGNCR), new("ICRNL", ICRNL), new("IXON", IXON), new("IXANY", IXANY), new("IXOFF", IXOFF),
        new("OPOST", OPOST),
        new("CSIZE", CSIZE), new("CS8", CS8), new("CSTOPB", CSTOPB), new("CREAD", CREAD), new("PARENB", PARENB), new("HUPCL", HUPCL),
        new("CLOCAL", CLOCAL), new("CBAUD", CBAUD), new("CRTSCTS", CRTSCTS),
        new("ISIG", ISIG), new("ICANON", ICANON), new("ECHO", ECHO), new("ECHONL", ECHONL), new("IEXTEN", IEXTEN),
        new("B9600", B9600), new("B19200", B19200), new("B38400", B38400), new("B57600", B57600), new("B115200", B115200),
        new("B230400", B230400), new("B460800", B460800), new("B500000", B500000), new("B576000", B576000), new("B921600", B921600),
        new("EIO", Errno.EIO), new("ENXIO", Errno.ENXIO), new("ENOTTY", Errno.ENOTTY),
    ];

    [SkippableTheory]
    [InlineData("x86_64-linux-gnu")]
    [InlineData("aarch64-linux-gnu")]
    public void Termios_layout_and_constants_match_the_C_headers(string target)
    {
        LabRequirements.RequireTool("clang", "clang");
        if (target.StartsWith("aarch64", StringComparison.Ordinal))
            Skip.IfNot(Directory.Exists("/usr/aarch64-linux-gnu/include"), "SKIPPED LOUDLY: aarch64 headers missing (Debian libc6-dev-arm64-cross); run ./build.sh setup");
        string source = AbiCheck.Generate(["termios.h", "errno.h"], s_structs, s_constants);
        var (code, output) = AbiCheck.Compile(source, target);
        Assert.True(code == 0, $"termios ABI mismatch for {target}:\n{output}");
    }

    [Fact]
    public void Termios_is_60_bytes_with_the_speeds_after_32_control_chars() =>
        Assert.Contains("_Static_assert(sizeof(struct termios) == 60", AbiCheck.Generate([], s_structs, []));
}
