using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>keepalived's Fault state, trackers and the host's primary address.</summary>
public class FaultAndTrackingTests
{
    [Fact]
    public void Master_on_interface_down_sends_priority_zero_removes_vips_and_enters_fault()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var actions = h.InterfaceDown(at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(0, actions[0].Priority);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Fault, StateChangeReason.InterfaceDown);
        Assert.True(h.Deadline.IsNever);
    }

    [Fact]
    public void Backup_on_interface_down_enters_fault_and_stops_its_timer()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        var actions = h.InterfaceDown(at: 1);
        Assert.Equal([ActionKind.StateChanged], actions.Kinds());
        Assert.True(h.Deadline.IsNever);
        Assert.Empty(h.Tick(10));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
    }

    [Fact]
    public void Fault_does_not_listen_to_adverts()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.InterfaceDown(at: 1);
        ActionAssert.Dropped(h.Receive(200, Higher, at: 2), DropReason.NotListening);
    }

    [Fact]
    public void Fault_on_interface_up_starts_again_as_backup_with_a_full_master_down_interval()
    {
        var h = new InstanceHarness(Settings() with { StartAsMaster = true });
        h.Startup(0);
        h.InterfaceDown(at: 0.1);
        var actions = h.InterfaceUp(at: 5);
        ActionAssert.StateChange(actions, VrrpState.Fault, VrrpState.Backup, StateChangeReason.InterfaceUp);
        Assert.Equal(At(8.609375), h.Deadline);
    }

    [Fact]
    public void Owner_on_interface_up_becomes_master_at_once()
    {
        var h = new InstanceHarness(priority: 255);
        h.Startup(0);
        h.InterfaceDown(at: 1);
        var actions = h.InterfaceUp(at: 2);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.AddVips, ActionKind.Announce, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Fault, VrrpState.Master, StateChangeReason.InterfaceUp);
    }

    [Fact]
    public void Interface_up_outside_fault_changes_nothing()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        Assert.Empty(h.InterfaceUp(at: 1));
        Assert.Equal(At(3.609375), h.Deadline);
    }

    [Fact]
    public void Fault_on_shutdown_goes_to_initialize()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.InterfaceDown(at: 1);
        ActionAssert.StateChange(h.Shutdown(at: 2), VrrpState.Fault, VrrpState.Initialize, StateChangeReason.Shutdown);
    }

    [Fact]
    public void Tracker_priority_of_a_non_owner_stays_between_1_and_254()
    {
        var h = new InstanceHarness();
        h.PriorityChanged(255, at: 0);
        Assert.Equal(254, h.Instance.EffectivePriority);
        Assert.False(h.Instance.IsOwner);
        h.PriorityChanged(0, at: 0);
        Assert.Equal(1, h.Instance.EffectivePriority);
    }

    [Fact]
    public void Owner_keeps_priority_255_whatever_its_trackers_say()
    {
        var h = new InstanceHarness(priority: 255);
        h.Startup(0);
        h.PriorityChanged(200, at: 1);
        Assert.Equal(255, h.Instance.EffectivePriority);
        Assert.True(h.Instance.IsOwner);
        ActionAssert.Dropped(h.Receive(250, Higher, at: 2), DropReason.WeAreOwner);
        Assert.Equal(VrrpState.Master, h.Instance.State);
    }

    [Fact]
    public void Backup_uses_its_new_priority_for_skew_time()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.PriorityChanged(200, at: 0.5);
        h.Receive(0, Higher, at: 1);
        Assert.Equal(At(1.21875), h.Deadline); // (256 − 200) / 256 s
    }

    [Fact]
    public void Primary_address_change_moves_the_tie_break_and_own_packet_check()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var moved = IpAddr.Parse("10.0.0.30");
        h.Instance.Handle(InstanceInput.PrimaryAddressChanged(moved), At(4), h.Buffer);
        Assert.Equal(moved, h.Instance.PrimaryAddress);
        // Equal priority from 10.0.0.20 no longer beats us.
        h.Receive(100, Higher, at: 4.1);
        Assert.Equal(VrrpState.Master, h.Instance.State);
        ActionAssert.Dropped(h.Receive(100, moved, at: 4.2), DropReason.OwnPacket);
    }
}
