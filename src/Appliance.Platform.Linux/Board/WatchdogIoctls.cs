using System.Text;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Board;

/// <summary>The real ioctls on a Linux watchdog device.</summary>
public sealed unsafe class WatchdogIoctls : IWatchdogIoctls
{
    /// <summary>The one instance (stateless).</summary>
    public static WatchdogIoctls Instance { get; } = new();

    private WatchdogIoctls() { }

    /// <inheritdoc />
    public Errno GetSupport(int fd, out WatchdogSupport support)
    {
        Libc.watchdog_info info;
        if (Libc.ioctl(fd, Libc.WDIOC_GETSUPPORT, &info) < 0)
        {
            support = default;
            return Errno.Last;
        }
        var identity = new ReadOnlySpan<byte>(info.identity, 32);
        int nul = identity.IndexOf((byte)0);
        support = new WatchdogSupport(info.options, info.firmware_version,
            Encoding.ASCII.GetString(nul < 0 ? identity : identity[..nul]));
        return default;
    }

    /// <inheritdoc />
    public Errno SetTimeout(int fd, ref int seconds)
    {
        int value = seconds;
        if (Libc.ioctl(fd, Libc.WDIOC_SETTIMEOUT, &value) < 0) return Errno.Last;
        seconds = value;
        return default;
    }

    /// <inheritdoc />
    public Errno GetTimeout(int fd, out int seconds)
    {
        int value = 0;
        seconds = 0;
        if (Libc.ioctl(fd, Libc.WDIOC_GETTIMEOUT, &value) < 0) return Errno.Last;
        seconds = value;
        return default;
    }

    /// <inheritdoc />
    public Errno Keepalive(int fd)
    {
        int dummy = 0;
        return Libc.ioctl(fd, Libc.WDIOC_KEEPALIVE, &dummy) < 0 ? Errno.Last : default;
    }
}
