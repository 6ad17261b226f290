using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived vrrp_sync.c: members of a vrrp_sync_group move together.</summary>
public class SyncGroupCoordinatorTests
{
    private readonly List<SyncCommand> _commands = [];

    private SyncGroupCoordinator AllBackup(int members = 3)
    {
        var g = new SyncGroupCoordinator("VG_1", members);
        for (int i = 0; i < members; i++) g.OnMemberState(i, VrrpState.Backup, _commands);
        _commands.Clear();
        return g;
    }

    [Fact]
    public void Group_enters_backup_once_when_its_members_start_as_backup()
    {
        var g = new SyncGroupCoordinator("VG_1", 2);
        Assert.True(g.OnMemberState(0, VrrpState.Backup, _commands));
        Assert.False(g.OnMemberState(1, VrrpState.Backup, _commands));
        Assert.Equal(VrrpState.Backup, g.State);
        Assert.Empty(_commands);
        Assert.Equal(1, g.Transitions);
    }

    [Fact]
    public void One_member_going_master_takes_every_backup_member_to_master()
    {
        var g = AllBackup();
        Assert.True(g.OnMemberState(1, VrrpState.Master, _commands));
        Assert.Equal([new SyncCommand(0, SyncCommandKind.GoMaster), new SyncCommand(2, SyncCommandKind.GoMaster)], _commands);
        Assert.Equal(VrrpState.Master, g.State);
    }

    [Fact]
    public void Members_following_the_group_to_master_cause_no_further_commands()
    {
        var g = AllBackup();
        g.OnMemberState(1, VrrpState.Master, _commands);
        _commands.Clear();
        Assert.False(g.OnMemberState(0, VrrpState.Master, _commands));
        Assert.False(g.OnMemberState(2, VrrpState.Master, _commands));
        Assert.Empty(_commands);
        Assert.Equal(2, g.Transitions);
    }

    [Fact]
    public void One_member_leaving_master_takes_every_master_member_to_backup()
    {
        var g = AllBackup();
        for (int i = 0; i < 3; i++) g.OnMemberState(i, VrrpState.Master, _commands);
        _commands.Clear();
        Assert.True(g.OnMemberState(2, VrrpState.Backup, _commands));
        Assert.Equal([new SyncCommand(0, SyncCommandKind.GoBackup), new SyncCommand(1, SyncCommandKind.GoBackup)], _commands);
        Assert.Equal(VrrpState.Backup, g.State);
        _commands.Clear();
        g.OnMemberState(0, VrrpState.Backup, _commands);
        g.OnMemberState(1, VrrpState.Backup, _commands);
        Assert.Empty(_commands);
    }

    [Fact]
    public void A_fault_of_one_member_takes_the_group_to_fault()
    {
        var g = AllBackup();
        Assert.True(g.SetOwnFault(0, true, _commands));
        Assert.Equal([new SyncCommand(1, SyncCommandKind.EnterFault), new SyncCommand(2, SyncCommandKind.EnterFault)], _commands);
        Assert.Equal(VrrpState.Fault, g.State);
        Assert.True(g.GroupFault);
    }

    [Fact]
    public void Group_leaves_fault_only_when_no_member_has_a_fault_of_its_own()
    {
        var g = AllBackup();
        g.SetOwnFault(0, true, _commands);
        g.SetOwnFault(1, true, _commands);
        _commands.Clear();
        g.SetOwnFault(0, false, _commands);
        Assert.Empty(_commands);
        Assert.True(g.GroupFault);
        g.SetOwnFault(1, false, _commands);
        Assert.Equal([new SyncCommand(0, SyncCommandKind.LeaveFault), new SyncCommand(2, SyncCommandKind.LeaveFault)], _commands);
        Assert.False(g.GroupFault);
    }

    [Fact]
    public void After_a_fault_the_group_is_backup_again_when_its_members_come_back()
    {
        var g = AllBackup(2);
        g.SetOwnFault(0, true, _commands);
        g.OnMemberState(0, VrrpState.Fault, _commands);
        g.OnMemberState(1, VrrpState.Fault, _commands);
        g.SetOwnFault(0, false, _commands);
        _commands.Clear();
        Assert.True(g.OnMemberState(1, VrrpState.Backup, _commands));
        Assert.Equal(VrrpState.Backup, g.State);
        Assert.Empty(_commands);
    }

    [Fact]
    public void No_member_is_forced_to_master_while_the_group_is_in_fault()
    {
        var g = AllBackup(2);
        g.SetOwnFault(0, true, _commands);
        _commands.Clear();
        Assert.False(g.OnMemberState(1, VrrpState.Master, _commands));
        Assert.Empty(_commands);
        Assert.Equal(VrrpState.Fault, g.State);
    }

    [Fact]
    public void A_master_member_is_not_told_to_go_master_again()
    {
        var g = AllBackup(3);
        g.OnMemberState(0, VrrpState.Master, _commands);
        _commands.Clear();
        g.OnMemberState(0, VrrpState.Backup, _commands); // group backup; nobody else is master
        Assert.Empty(_commands);
        g.OnMemberState(1, VrrpState.Master, _commands);
        Assert.DoesNotContain(new SyncCommand(1, SyncCommandKind.GoMaster), _commands);
        Assert.Equal(2, _commands.Count);
    }
}
