using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>
/// termios for the serial heartbeat. Linux takes these values from asm-generic/termbits.h on both
/// x86_64 and aarch64, so one set of constants serves both; the ABI test proves it against each
/// target's headers.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int tcgetattr(int fd, Termios* termios_p);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int tcsetattr(int fd, int optional_actions, Termios* termios_p);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int cfsetispeed(Termios* termios_p, uint speed);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int cfsetospeed(Termios* termios_p, uint speed);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int tcflush(int fd, int queue_selector);

    /// <summary>glibc's <c>struct termios</c> (60 bytes on x86_64 and aarch64; the kernel's is smaller, glibc translates).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termios
    {
        public uint c_iflag;
        public uint c_oflag;
        public uint c_cflag;
        public uint c_lflag;
        public byte c_line;
        public fixed byte c_cc[NCCS];
        public uint c_ispeed;
        public uint c_ospeed;
    }

    internal const int NCCS = 32;
    internal const int VTIME = 5;
    internal const int VMIN = 6;
    internal const int TCSANOW = 0;
    internal const int TCIOFLUSH = 2;

    // c_iflag
    internal const uint IGNBRK = 0x1;
    internal const uint BRKINT = 0x2;
    internal const uint PARMRK = 0x8;
    internal const uint INPCK = 0x10;
    internal const uint ISTRIP = 0x20;
    internal const uint INLCR = 0x40;
    internal const uint IGNCR = 0x80;
    internal const uint ICRNL = 0x100;
    internal const uint IXON = 0x400;
    internal const uint IXANY = 0x800;
    internal const uint IXOFF = 0x1000;

    // c_oflag
    internal const uint OPOST = 0x1;

    // c_cflag
    internal const uint CSIZE = 0x30;
    internal const uint CS8 = 0x30;
    internal const uint CSTOPB = 0x40;
    internal const uint CREAD = 0x80;
    internal const uint PARENB = 0x100;
    internal const uint HUPCL = 0x400;
    internal const uint CLOCAL = 0x800;
    internal const uint CBAUD = 0x100F;
    internal const uint CRTSCTS = 0x8000_0000;

    // c_lflag
    internal const uint ISIG = 0x1;
    internal const uint ICANON = 0x2;
    internal const uint ECHO = 0x8;
    internal const uint ECHONL = 0x40;
    internal const uint IEXTEN = 0x8000;

    // speed_t: the B constants, not baud numbers (octal 0000015.. and 0010001.. in termbits.h).
    internal const uint B9600 = 0xD;
    internal const uint B19200 = 0xE;
    internal const uint B38400 = 0xF;
    internal const uint B57600 = 0x1001;
    internal const uint B115200 = 0x1002;
    internal const uint B230400 = 0x1003;
    internal const uint B460800 = 0x1004;
    internal const uint B500000 = 0x1005;
    internal const uint B576000 = 0x1006;
    internal const uint B921600 = 0x1007;
}
