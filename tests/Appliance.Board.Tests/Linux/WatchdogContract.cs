using System.Device.Gpio;
using System.Net.Sockets;
using System.Text;
using Appliance.Board.Tests.Fakes;
using Appliance.Platform.Linux.Board;

namespace Appliance.Board.Tests.Linux;

/// <summary>What every <see cref="IWatchdog"/> must do; one subclass per implementation, each
/// observing the far end (the device, the line, systemd's socket) rather than the object.</summary>
public abstract class WatchdogContract : IDisposable
{
    protected static readonly TimeSpan Asked = TimeSpan.FromSeconds(10);

    protected abstract IWatchdog Watchdog { get; }

    /// <summary>Feeds that reached the far end so far.</summary>
    protected abstract int FeedsSeen();

    /// <summary>Whether a clean stop can disarm this kind.</summary>
    protected abstract bool CanDisarm { get; }

    /// <summary>Whether the far end saw the disarm (after a stop).</summary>
    protected abstract bool DisarmSeen();

    protected virtual long PetBytesBudget => 0;

    public virtual void Dispose() => Watchdog.Dispose();

    [Fact]
    public void Start_returns_the_timeout_in_force()
    {
        Assert.True(Watchdog.Start(Asked) > TimeSpan.Zero);
    }

    [Fact]
    public void A_pet_before_start_fails_without_throwing()
    {
        Assert.False(Watchdog.Pet());
    }

    [Fact]
    public void A_second_start_is_refused()
    {
        Watchdog.Start(Asked);
        Assert.Throws<InvalidOperationException>(() => Watchdog.Start(Asked));
    }

    [Fact]
    public void Every_pet_reaches_the_watchdog()
    {
        Watchdog.Start(Asked);
        for (int i = 0; i < 3; i++) Assert.True(Watchdog.Pet());
        Assert.True(Poll.Until(() => FeedsSeen() == 3), $"saw {FeedsSeen()} feeds, expected 3");
    }

    [Fact]
    public void A_clean_stop_disarms_where_the_hardware_allows_and_ends_the_feeding()
    {
        Watchdog.Start(Asked);
        Assert.True(Watchdog.Pet());
        Watchdog.Stop(clean: true);
        Assert.False(Watchdog.Pet());
        Assert.True(Poll.Until(() => FeedsSeen() == 1));
        if (CanDisarm) Assert.True(Poll.Until(DisarmSeen), "no disarm seen after a clean stop");
        else Assert.False(DisarmSeen());
    }

    [Fact]
    public void A_crash_stop_leaves_the_watchdog_armed()
    {
        Watchdog.Start(Asked);
        Assert.True(Watchdog.Pet());
        Watchdog.Stop(clean: false);
        Assert.True(Poll.Until(() => FeedsSeen() == 1));
        Assert.False(DisarmSeen());
    }

    [Fact]
    public void Dispose_without_a_stop_counts_as_a_crash()
    {
        Watchdog.Start(Asked);
        Assert.True(Watchdog.Pet());
        Watchdog.Dispose();
        Assert.True(Poll.Until(() => FeedsSeen() == 1));
        Assert.False(DisarmSeen());
    }

    [Fact]
    public void Pet_stays_within_its_allocation_budget()
    {
        Watchdog.Start(Asked);
        for (int i = 0; i < 100; i++) Watchdog.Pet();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Watchdog.Pet();
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, PetBytesBudget * 10_000);
    }
}

public sealed class FakeWatchdogContract : WatchdogContract
{
    private readonly FakeWatchdog _watchdog = new();
    protected override IWatchdog Watchdog => _watchdog;
    protected override int FeedsSeen() => _watchdog.Pets;
    protected override bool CanDisarm => true;
    protected override bool DisarmSeen() => _watchdog.StoppedClean == true;
}

/// <summary>The device protocol for drivers without WDIOC_KEEPALIVE: keepalives are writes, the
/// FIFO sees every one, and the magic 'V' before the close.</summary>
public sealed class DeviceWatchdogWriteProtocolContract : WatchdogContract
{
    private readonly WatchdogFifo _fifo = new();
    private readonly DeviceWatchdog _watchdog;

    public DeviceWatchdogWriteProtocolContract() =>
        _watchdog = new DeviceWatchdog(_fifo.Path, new RecordingWatchdogIoctls(RecordingWatchdogIoctls.SetTimeout_MagicClose));

    protected override IWatchdog Watchdog => _watchdog;
    protected override int FeedsSeen() => _fifo.Drain().Keepalives;
    protected override bool CanDisarm => true;
    protected override bool DisarmSeen() => _fifo.Drain().MagicCloses == 1 && _fifo.Closed;

    public override void Dispose()
    {
        base.Dispose();
        // Drain once more so a writer still open at this point would be caught by the assertion
        // below rather than leak between tests.
        _fifo.Drain();
        _fifo.Dispose();
    }

    [Fact]
    public void Nothing_but_keepalive_bytes_before_the_magic_close()
    {
        _watchdog.Start(Asked);
        for (int i = 0; i < 50; i++) _watchdog.Pet();
        _watchdog.Stop(clean: true);
        Assert.True(Poll.Until(() => _fifo.Drain().Closed));
        Assert.Equal((50, 1), (_fifo.Keepalives, _fifo.MagicCloses));
    }

    [Fact]
    public void Without_disarm_on_clean_stop_the_magic_byte_is_never_written()
    {
        using var armed = new DeviceWatchdog(_fifo.Path, new RecordingWatchdogIoctls(RecordingWatchdogIoctls.SetTimeout_MagicClose),
            disarmOnCleanStop: false);
        armed.Start(Asked);
        armed.Pet();
        armed.Stop(clean: true);
        Assert.True(Poll.Until(() => _fifo.Drain().Closed));
        Assert.Equal(0, _fifo.MagicCloses);
    }
}

/// <summary>The device protocol for drivers with WDIOF_KEEPALIVEPING (softdog and most others):
/// keepalives are WDIOC_KEEPALIVE, the close still goes through the device file.</summary>
public sealed class DeviceWatchdogIoctlProtocolContract : WatchdogContract
{
    private readonly WatchdogFifo _fifo = new();
    private readonly RecordingWatchdogIoctls _ioctls = new(RecordingWatchdogIoctls.SetTimeout_MagicClose_KeepalivePing, s => s + 1);
    private readonly DeviceWatchdog _watchdog;

    public DeviceWatchdogIoctlProtocolContract() => _watchdog = new DeviceWatchdog(_fifo.Path, _ioctls);

    protected override IWatchdog Watchdog => _watchdog;
    protected override int FeedsSeen() => _ioctls.Keepalives;
    protected override bool CanDisarm => true;
    protected override bool DisarmSeen() => _fifo.Drain().MagicCloses == 1;

    public override void Dispose()
    {
        base.Dispose();
        _fifo.Dispose();
    }

    [Fact]
    public void The_timeout_asked_is_rounded_up_to_seconds_and_the_driver_grant_is_returned()
    {
        TimeSpan granted = _watchdog.Start(TimeSpan.FromMilliseconds(14_200));
        Assert.Equal([15], _ioctls.TimeoutsAsked);
        Assert.Equal(TimeSpan.FromSeconds(16), granted);
        Assert.Equal($"{_fifo.Path} (Recording Watchdog)", _watchdog.Description);
    }
}

public sealed class GpioWdiWatchdogContract : WatchdogContract
{
    private readonly SimulatedGpioDriver _chip = new(8);
    private readonly GpioController _controller;
    private readonly GpioWdiWatchdog _watchdog;

    public GpioWdiWatchdogContract()
    {
        _controller = new GpioController(_chip);
        _watchdog = new GpioWdiWatchdog(_controller, 7, TimeSpan.FromMilliseconds(1600), "sim:7");
    }

    protected override IWatchdog Watchdog => _watchdog;

    // Each pet is one edge: a write that flips the level (the initial request is not a write).
    protected override int FeedsSeen() => _chip.Writes(7);
    protected override bool CanDisarm => false;
    protected override bool DisarmSeen() => false;

    // Measured: System.Device.Gpio 4.2.0 allocates 40 B per GpioController.Write.
    protected override long PetBytesBudget => 40;

    public override void Dispose()
    {
        base.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void Each_pet_is_one_edge_and_the_chip_timeout_is_what_start_returns()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1600), _watchdog.Start(Asked));
        PinValue before = _chip.Level(7);
        _watchdog.Pet();
        Assert.NotEqual(before, _chip.Level(7));
        _watchdog.Pet();
        Assert.Equal(before, _chip.Level(7));
    }
}

/// <summary>systemd's watchdog against a real Unix datagram socket standing in for systemd.</summary>
public sealed class SystemdWatchdogContract : WatchdogContract
{
    private readonly Socket _systemd = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ap" + Guid.NewGuid().ToString("N")[..6] + "-notify");
    private readonly SdNotify _notify;
    private readonly SystemdWatchdog _watchdog;
    private readonly List<string> _received = [];

    public SystemdWatchdogContract()
    {
        _systemd.Bind(new UnixDomainSocketEndPoint(_path));
        _systemd.Blocking = false;
        _notify = new SdNotify(_path);
        _watchdog = new SystemdWatchdog(_notify, Env(("WATCHDOG_USEC", "20000000"), ("WATCHDOG_PID", "4242")), pid: 4242);
    }

    internal static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => Array.Find(vars, v => v.Key == key).Value;

    protected override IWatchdog Watchdog => _watchdog;
    protected override int FeedsSeen() => Receive().Count(m => m == "WATCHDOG=1");
    protected override bool CanDisarm => false;
    protected override bool DisarmSeen() => false;

    private List<string> Receive()
    {
        var buf = new byte[4096];
        while (_systemd.Available > 0)
        {
            int n = _systemd.Receive(buf);
            _received.Add(Encoding.UTF8.GetString(buf, 0, n));
        }
        return _received;
    }

    public override void Dispose()
    {
        base.Dispose();
        _notify.Dispose();
        _systemd.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public void The_timeout_is_the_units_WatchdogSec_not_the_one_asked()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), _watchdog.Start(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_systemd_that_stops_reading_fails_pets_instead_of_blocking_the_loop()
    {
        _watchdog.Start(Asked);
        int sent = 0;
        while (_watchdog.Pet())
        {
            sent++;
            Assert.True(sent < 1_000_000, "the socket queue never filled");
        }
        Assert.True(sent > 0);
    }

    [Fact]
    public void Ready_reaches_systemd()
    {
        Assert.True(_notify.Ready());
        Assert.True(Poll.Until(() => Receive().Contains("READY=1")));
    }

    [Fact]
    public void Without_WatchdogSec_the_error_says_how_to_enable_it()
    {
        using var w = new SystemdWatchdog(_notify, Env(), pid: 1);
        var e = Assert.Throws<InvalidOperationException>(() => w.Start(Asked));
        Assert.Contains("set WatchdogSec= in the unit", e.Message);
    }

    [Fact]
    public void A_watchdog_meant_for_another_process_is_refused()
    {
        using var w = new SystemdWatchdog(_notify, Env(("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", "1")), pid: 4242);
        Assert.Throws<InvalidOperationException>(() => w.Start(Asked));
    }
}
