using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>&lt;linux/gpio.h&gt; chip information, used to check a board profile against the
/// hardware before libgpiod is asked for lines.</summary>
internal static unsafe partial class Libc
{
    internal static readonly nuint GPIO_GET_CHIPINFO_IOCTL = _IOR(0xB4, 0x01, (uint)sizeof(gpiochip_info));

    /// <summary><c>struct gpiochip_info</c>: 68 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct gpiochip_info
    {
        public fixed byte name[32];
        public fixed byte label[32];
        public uint lines;
    }
}
