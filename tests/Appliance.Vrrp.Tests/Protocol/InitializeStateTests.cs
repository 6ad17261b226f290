using Appliance.Vrrp.Protocol;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>RFC 9568 §6.4.1 and keepalived's start-up knobs.</summary>
public class InitializeStateTests
{
    [Fact]
    public void Owner_on_startup_sends_advert_adds_vips_announces_and_becomes_master()
    {
        var h = new InstanceHarness(priority: 255);
        var actions = h.Startup(at: 2);

        Assert.Equal([ActionKind.SendAdvert, ActionKind.AddVips, ActionKind.Announce, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(255, actions[0].Priority);
        ActionAssert.StateChange(actions, VrrpState.Initialize, VrrpState.Master, StateChangeReason.StartupOwner);
        Assert.Equal(At(3), h.Deadline); // Adver_Timer = Advertisement_Interval
        Assert.True(h.Instance.IsOwner);
    }

    [Fact]
    public void Non_owner_on_startup_becomes_backup_with_master_down_timer()
    {
        var h = new InstanceHarness(priority: 100);
        var actions = h.Startup(at: 2);

        Assert.Equal([ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Initialize, VrrpState.Backup, StateChangeReason.StartupBackup);
        // Master_Down_Interval = 3 × 1 s + (256 − 100) / 256 s = 3.609375 s
        Assert.Equal(At(5.609375), h.Deadline);
        Assert.Equal(Centiseconds.FromSeconds(1), h.Instance.MasterAdverInterval);
    }

    [Fact]
    public void Start_as_master_waits_only_skew_time_before_the_first_takeover()
    {
        var h = new InstanceHarness(Settings(priority: 100) with { StartAsMaster = true });
        h.Startup(at: 0);
        Assert.Equal(At(0.609375), h.Deadline);

        var actions = h.Tick(0.609375);
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Master, StateChangeReason.MasterDown);
    }

    [Fact]
    public void Start_as_master_still_yields_to_a_master_heard_within_skew_time()
    {
        var h = new InstanceHarness(Settings(priority: 100) with { StartAsMaster = true });
        h.Startup(at: 0);
        h.Receive(150, Higher, at: 0.5);
        Assert.Equal(VrrpState.Backup, h.Instance.State);
        Assert.Equal(At(4.109375), h.Deadline);
    }

    [Fact]
    public void Startup_outside_initialize_is_ignored()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        var actions = h.Startup(at: 1);
        Assert.Empty(actions);
        Assert.Equal(At(3.609375), h.Deadline);
    }

    [Fact]
    public void Startup_with_the_interface_down_goes_to_fault()
    {
        var h = new InstanceHarness();
        Assert.Empty(h.InterfaceDown(at: 0));
        var actions = h.Startup(at: 1);
        ActionAssert.StateChange(actions, VrrpState.Initialize, VrrpState.Fault, StateChangeReason.InterfaceDown);
        Assert.True(h.Deadline.IsNever);
    }

    [Fact]
    public void Initialize_has_no_deadline_and_ticks_do_nothing()
    {
        var h = new InstanceHarness();
        Assert.True(h.Instance.NextDeadline.IsNever);
        Assert.Empty(h.Tick(100));
        Assert.Equal(VrrpState.Initialize, h.Instance.State);
    }

    [Fact]
    public void Constructor_rejects_reserved_vrid_and_priority_and_v2_over_ipv6()
    {
        Assert.Throws<ArgumentException>(() => new Instance(Settings() with { Vrid = 0 }, Us));
        Assert.Throws<ArgumentException>(() => new Instance(Settings(priority: 0), Us));
        Assert.Throws<ArgumentException>(() => new Instance(Settings(version: VrrpVersion.V2) with { Family = IpFamily.IPv6 }, Us));
        Assert.Throws<ArgumentException>(() => new Instance(Settings() with { AdvertInterval = Centiseconds.Zero }, Us));
    }
}
