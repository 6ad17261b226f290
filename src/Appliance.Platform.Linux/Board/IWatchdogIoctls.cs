using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Board;

/// <summary>What <c>WDIOC_GETSUPPORT</c> reports.</summary>
/// <param name="Options">WDIOF_* flags.</param>
/// <param name="FirmwareVersion">The driver's firmware version.</param>
/// <param name="Identity">The driver's name, e.g. <c>Software Watchdog</c>.</param>
public readonly record struct WatchdogSupport(uint Options, uint FirmwareVersion, string Identity)
{
    /// <summary>WDIOC_SETTIMEOUT works.</summary>
    public bool CanSetTimeout => (Options & Libc.WDIOF_SETTIMEOUT) != 0;

    /// <summary>WDIOC_KEEPALIVE works.</summary>
    public bool HasKeepalivePing => (Options & Libc.WDIOF_KEEPALIVEPING) != 0;

    /// <summary>Closing after writing 'V' disarms the device.</summary>
    public bool HasMagicClose => (Options & Libc.WDIOF_MAGICCLOSE) != 0;
}

/// <summary>
/// The watchdog device's ioctls, apart from its write() protocol. The split is what lets the
/// protocol (keepalive writes, the magic 'V' close) run against a FIFO in tests, while the ioctl
/// numbers and struct layout are proven against the kernel header by the ABI test; only a QEMU guest
/// with softdog runs both together. Returns errno values (0 = success) rather than throwing.
/// </summary>
public interface IWatchdogIoctls
{
    /// <summary>WDIOC_GETSUPPORT.</summary>
    Errno GetSupport(int fd, out WatchdogSupport support);

    /// <summary>WDIOC_SETTIMEOUT; <paramref name="seconds"/> comes back as the timeout the driver chose.</summary>
    Errno SetTimeout(int fd, ref int seconds);

    /// <summary>WDIOC_GETTIMEOUT.</summary>
    Errno GetTimeout(int fd, out int seconds);

    /// <summary>WDIOC_KEEPALIVE.</summary>
    Errno Keepalive(int fd);
}
