using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>The operator's maintenance switch (issue 12): a master resigns, the instance stays in Fault
/// whatever arrives, and comes back like InterfaceUp when the switch is off.</summary>
public class MaintenanceTests
{
    [Fact]
    public void Maintenance_on_makes_a_master_resign_with_priority_zero_and_go_to_fault()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var actions = h.Maintenance(true, at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(0, actions[0].Priority);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Fault, StateChangeReason.Maintenance);
        Assert.True(h.Instance.InMaintenance);
    }

    [Fact]
    public void Maintenance_on_sends_a_backup_to_fault()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        ActionAssert.StateChange(h.Maintenance(true, at: 1), VrrpState.Backup, VrrpState.Fault, StateChangeReason.Maintenance);
        Assert.True(h.Instance.NextDeadline.IsNever);
    }

    [Fact]
    public void In_maintenance_adverts_ticks_interface_up_and_lan_fault_cleared_change_nothing()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        h.Maintenance(true, at: 4);
        ActionAssert.Dropped(h.Receive(0, Higher, at: 5), DropReason.NotListening);
        ActionAssert.Dropped(h.Receive(50, Lower, at: 5), DropReason.NotListening);
        Assert.Empty(h.Tick(100));
        Assert.Empty(h.InterfaceDown(101));
        Assert.Empty(h.InterfaceUp(102));
        Assert.Empty(h.LanFault(true, at: 103));
        Assert.Empty(h.LanFault(false, at: 104));
        Assert.Empty(h.Inhibit(false, at: 105));
        Assert.Empty(h.YieldTo(200, Higher, Centiseconds.FromSeconds(1), at: 106));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
        Assert.True(h.Instance.NextDeadline.IsNever);
    }

    [Fact]
    public void Maintenance_holds_fault_for_the_address_owner_too()
    {
        var h = new InstanceHarness(priority: 255);
        h.Startup(0);
        h.Maintenance(true, at: 1);
        Assert.Empty(h.InterfaceUp(2));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
    }

    [Fact]
    public void Maintenance_off_starts_again_like_interface_up()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        h.Maintenance(true, at: 4);
        var actions = h.Maintenance(false, at: 10);
        ActionAssert.StateChange(actions, VrrpState.Fault, VrrpState.Backup, StateChangeReason.MaintenanceOver);
        Assert.Equal(At(10) + h.Instance.MasterDownInterval, h.Deadline);
    }

    [Fact]
    public void Maintenance_off_while_the_link_is_down_waits_for_interface_up()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Maintenance(true, at: 1);
        h.InterfaceDown(2);
        Assert.Empty(h.Maintenance(false, at: 3));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
        ActionAssert.StateChange(h.InterfaceUp(4), VrrpState.Fault, VrrpState.Backup, StateChangeReason.InterfaceUp);
    }

    [Fact]
    public void Startup_in_maintenance_goes_to_fault_and_the_owner_does_not_take_over()
    {
        var h = new InstanceHarness(priority: 255);
        h.Maintenance(true, at: 0);
        var actions = h.Startup(1);
        Assert.Equal([ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Initialize, VrrpState.Fault, StateChangeReason.Maintenance);
    }

    [Fact]
    public void Shutdown_in_maintenance_leaves_fault_for_initialize()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Maintenance(true, at: 1);
        ActionAssert.StateChange(h.Shutdown(2), VrrpState.Fault, VrrpState.Initialize, StateChangeReason.Shutdown);
    }
}
