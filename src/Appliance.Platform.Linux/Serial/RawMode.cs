using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Serial;

/// <summary>
/// Puts a termios into the raw 8N1 mode the binary heartbeat needs: what glibc's cfmakeraw does
/// (no input translation, no output processing, no echo, no canonical mode or signals, 8 bits, no
/// parity), plus one stop bit, receiver on, modem lines ignored, and software flow control off
/// (our frames may contain the XON/XOFF bytes). RTS/CTS only when asked for.
/// </summary>
internal static class RawMode
{
    public static unsafe void Apply(ref Termios t, bool rtsCts)
    {
        t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF | IXANY | INPCK);
        t.c_oflag &= ~OPOST;
        t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        t.c_cflag &= ~(CSIZE | PARENB | CSTOPB | HUPCL | CRTSCTS);
        t.c_cflag |= CS8 | CREAD | CLOCAL;
        if (rtsCts) t.c_cflag |= CRTSCTS;
        // VMIN 1 as cfmakeraw: with O_NONBLOCK an empty line then reads EAGAIN and only a hangup
        // reads 0. VMIN 0 would make "no data" and "hung up" look the same (n_tty returns 0 for both).
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
    }
}
