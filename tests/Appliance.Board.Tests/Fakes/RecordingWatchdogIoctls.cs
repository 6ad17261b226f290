using Appliance.Platform.Linux.Board;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Board.Tests.Fakes;

/// <summary>The watchdog ioctls as a driver with <paramref name="options"/> would answer them,
/// recording the calls. The real ioctl layer is checked against the kernel header (AbiTests).</summary>
public sealed class RecordingWatchdogIoctls(uint options, Func<int, int>? grant = null) : IWatchdogIoctls
{
    public const uint SetTimeout_MagicClose = 0x0080 | 0x0100;
    public const uint SetTimeout_MagicClose_KeepalivePing = 0x0080 | 0x0100 | 0x8000;

    public int Keepalives { get; private set; }
    public List<int> TimeoutsAsked { get; } = [];

    public Errno GetSupport(int fd, out WatchdogSupport support)
    {
        support = new WatchdogSupport(options, 0, "Recording Watchdog");
        return default;
    }

    public Errno SetTimeout(int fd, ref int seconds)
    {
        TimeoutsAsked.Add(seconds);
        seconds = grant?.Invoke(seconds) ?? seconds;
        return default;
    }

    public Errno GetTimeout(int fd, out int seconds)
    {
        seconds = 60;
        return default;
    }

    public Errno Keepalive(int fd)
    {
        Keepalives++;
        return default;
    }
}
