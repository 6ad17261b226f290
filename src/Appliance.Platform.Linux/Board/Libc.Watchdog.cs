using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>&lt;linux/watchdog.h&gt;: the watchdog device's ioctls. Checked against the header by the
/// ABI test for x86_64 and aarch64.</summary>
internal static unsafe partial class Libc
{
    internal const uint WATCHDOG_IOCTL_BASE = 'W';

    internal static readonly nuint WDIOC_GETSUPPORT = _IOR(WATCHDOG_IOCTL_BASE, 0, (uint)sizeof(watchdog_info));
    internal static readonly nuint WDIOC_KEEPALIVE = _IOR(WATCHDOG_IOCTL_BASE, 5, sizeof(int));
    internal static readonly nuint WDIOC_SETTIMEOUT = _IOWR(WATCHDOG_IOCTL_BASE, 6, sizeof(int));
    internal static readonly nuint WDIOC_GETTIMEOUT = _IOR(WATCHDOG_IOCTL_BASE, 7, sizeof(int));

    internal const uint WDIOF_SETTIMEOUT = 0x0080;
    internal const uint WDIOF_MAGICCLOSE = 0x0100;
    internal const uint WDIOF_KEEPALIVEPING = 0x8000;

    /// <summary><c>struct watchdog_info</c>: 40 bytes on every Linux ABI.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct watchdog_info
    {
        public uint options;
        public uint firmware_version;
        public fixed byte identity[32];
    }
}
