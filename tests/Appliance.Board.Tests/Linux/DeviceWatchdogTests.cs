using Appliance.Board.Tests.Fakes;
using Appliance.Platform.Linux.Board;

namespace Appliance.Board.Tests.Linux;

public sealed class DeviceWatchdogTests
{
    [Fact]
    public void A_missing_device_names_the_path_and_the_fix()
    {
        using var w = new DeviceWatchdog("/dev/ap-no-such-watchdog");
        var e = Assert.Throws<InvalidOperationException>(() => w.Start(TimeSpan.FromSeconds(10)));
        Assert.Contains("cannot open watchdog /dev/ap-no-such-watchdog", e.Message);
        Assert.Contains("modprobe softdog", e.Message);
    }

    [Fact]
    public void The_real_ioctls_refuse_a_file_that_is_not_a_watchdog_and_write_it_nothing()
    {
        using var fifo = new WatchdogFifo();
        using var w = new DeviceWatchdog(fifo.Path);
        var e = Assert.Throws<InvalidOperationException>(() => w.Start(TimeSpan.FromSeconds(10)));
        Assert.Contains("is not a usable watchdog device (WDIOC_GETSUPPORT: errno 25", e.Message);
        fifo.Drain();
        Assert.Equal((0, 0), (fifo.Keepalives, fifo.MagicCloses));
        Assert.False(w.Pet());
    }
}
