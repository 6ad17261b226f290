using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Serial;

/// <summary>Baud rates the serial heartbeat supports and their termios speed constants.</summary>
public static class SerialSpeed
{
    /// <summary>Every supported rate, 9600..921600 (the standard termios ones in that range).</summary>
    public static ReadOnlySpan<int> Supported => [9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600];

    /// <summary>The speed_t constant for <paramref name="baud"/>, or false when the rate is not supported.</summary>
    public static bool TryGetConstant(int baud, out uint speed)
    {
        speed = baud switch
        {
            9600 => B9600,
            19200 => B19200,
            38400 => B38400,
            57600 => B57600,
            115200 => B115200,
            230400 => B230400,
            460800 => B460800,
            500000 => B500000,
            576000 => B576000,
            921600 => B921600,
            _ => 0,
        };
        return speed != 0;
    }
}
