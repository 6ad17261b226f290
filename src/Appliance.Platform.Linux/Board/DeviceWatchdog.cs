using System.Runtime.InteropServices;
using Appliance.Board;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// The Linux watchdog device (<c>/dev/watchdogN</c>, Documentation/watchdog/watchdog-api.rst).
/// Opening arms it. A pet is <c>WDIOC_KEEPALIVE</c> when the driver offers it, else a one-byte
/// write (the watchdog core pings on every write). A clean stop writes the magic 'V' and closes,
/// which disarms drivers with WDIOF_MAGICCLOSE (unless built with nowayout); a crash, or a stop
/// that is not clean, closes without it, so the board resets one timeout later.
/// </summary>
public sealed unsafe class DeviceWatchdog : IWatchdog
{
    // Any byte but 'V': a 'V' anywhere in a write arms the magic close.
    private static readonly byte s_keepaliveByte = 0;
    private static readonly byte s_magicClose = (byte)'V';

    private readonly string _path;
    private readonly IWatchdogIoctls _ioctls;
    private readonly bool _disarmOnCleanStop;
    private FileDescriptor? _fd;
    private bool _ioctlKeepalive;

    /// <summary>A watchdog on <paramref name="path"/>.</summary>
    /// <param name="path">The device, e.g. <c>/dev/watchdog0</c>.</param>
    /// <param name="ioctls">The ioctl layer; null: the real one.</param>
    /// <param name="disarmOnCleanStop">False: never send the magic close (the board resets when the daemon stops).</param>
    public DeviceWatchdog(string path, IWatchdogIoctls? ioctls = null, bool disarmOnCleanStop = true)
    {
        _path = path;
        _ioctls = ioctls ?? WatchdogIoctls.Instance;
        _disarmOnCleanStop = disarmOnCleanStop;
        Description = path;
    }

    /// <inheritdoc />
    public string Description { get; private set; }

    /// <summary>What the driver reported at start.</summary>
    public WatchdogSupport Support { get; private set; }

    /// <inheritdoc />
    public TimeSpan Start(TimeSpan timeout)
    {
        if (_fd is not null) throw new InvalidOperationException($"watchdog {_path} is already started");
        int seconds = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 65535);
        int raw = Libc.open(_path, Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        if (raw < 0)
        {
            Errno e = Errno.Last;
            throw new InvalidOperationException(
                $"cannot open watchdog {_path}: {e}; load its driver (e.g. modprobe softdog) or fix watchdog.device in the board profile");
        }
        var fd = new FileDescriptor(raw);
        Errno err = _ioctls.GetSupport(fd.Fd, out WatchdogSupport support);
        if (err.Value != 0)
        {
            // ENOTTY: not a watchdog at all, so no magic byte into someone else's device.
            if (err.Value != Libc.ENOTTY) WriteByte(fd, s_magicClose);
            fd.Dispose();
            throw new InvalidOperationException($"{_path} is not a usable watchdog device (WDIOC_GETSUPPORT: {err})");
        }
        Support = support;
        Description = $"{_path} ({support.Identity})";
        if (support.CanSetTimeout)
        {
            err = _ioctls.SetTimeout(fd.Fd, ref seconds);
        }
        else
        {
            err = _ioctls.GetTimeout(fd.Fd, out int current);
            if (err.Value == 0) seconds = current;
        }
        if (err.Value != 0 || seconds <= 0)
        {
            WriteByte(fd, s_magicClose);
            fd.Dispose();
            throw new InvalidOperationException($"watchdog {Description} refused timeout {timeout.TotalSeconds} s: {err}");
        }
        _ioctlKeepalive = support.HasKeepalivePing;
        _fd = fd;
        return TimeSpan.FromSeconds(seconds);
    }

    /// <inheritdoc />
    public bool Pet()
    {
        FileDescriptor? fd = _fd;
        if (fd is null) return false;
        return _ioctlKeepalive ? _ioctls.Keepalive(fd.Fd).Value == 0 : WriteByte(fd, s_keepaliveByte);
    }

    /// <inheritdoc />
    public void Stop(bool clean)
    {
        FileDescriptor? fd = _fd;
        if (fd is null) return;
        _fd = null;
        if (clean && _disarmOnCleanStop) WriteByte(fd, s_magicClose);
        fd.Dispose();
    }

    /// <summary>Closes without the magic byte: a dispose without a clean stop is a crash.</summary>
    public void Dispose() => Stop(clean: false);

    private static bool WriteByte(FileDescriptor fd, byte value)
    {
        byte b = value;
        nint n;
        do
        {
            n = Libc.write(fd.Fd, &b, 1);
        } while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
        return n == 1;
    }
}
