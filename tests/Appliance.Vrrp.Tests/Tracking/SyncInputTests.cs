using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tests.Protocol;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>The two inputs a sync group gives its members' state machines.</summary>
public class SyncInputTests
{
    [Fact]
    public void Sync_group_master_takes_a_backup_to_master_at_once()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        var actions = Run(h, InstanceInput.SyncGroupMaster(), 0.5);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.AddVips, ActionKind.Announce, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Master, StateChangeReason.SyncGroup);
    }

    [Fact]
    public void Sync_group_backup_takes_a_master_to_backup_and_removes_its_vips()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        h.Tick(3.609375);
        var actions = Run(h, InstanceInput.SyncGroupBackup(), 4);
        Assert.Equal([ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.SyncGroup);
    }

    [Fact]
    public void Sync_inputs_leave_fault_alone()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        h.InterfaceDown(0.1);
        Assert.Empty(Run(h, InstanceInput.SyncGroupMaster(), 0.2));
        Assert.Empty(Run(h, InstanceInput.SyncGroupBackup(), 0.3));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
    }

    private static InstanceAction[] Run(InstanceHarness h, InstanceInput input, double at)
    {
        h.Buffer.Clear();
        h.Instance.Handle(input, At(at), h.Buffer);
        return h.Buffer.Items.ToArray();
    }
}
