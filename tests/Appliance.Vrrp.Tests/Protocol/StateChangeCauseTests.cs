using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>A state change carries its cause: the peer that caused it (address and priority) and,
/// for an expired Master_Down_Timer, how long the master had been silent. The flight recorder and
/// <c>appliance why</c> print these. Priority 100, interval 1 s: Master_Down_Interval 3.609375 s.</summary>
public class StateChangeCauseTests
{
    private static InstanceAction Change(InstanceAction[] actions) => Assert.Single(actions, a => a.Kind == ActionKind.StateChanged);

    [Fact]
    public void Master_down_names_the_silent_master_its_priority_and_how_long_it_was_silent()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Receive(150, Higher, at: 1);
        var c = Change(h.Tick(1 + 3.609375));
        Assert.Equal(StateChangeReason.MasterDown, c.Reason);
        Assert.Equal((Higher, (byte)150), (c.Address, c.PeerPriority));
        Assert.Equal(new Duration(3_609_375_000), c.Silence);
    }

    [Fact]
    public void Master_down_with_no_master_heard_since_start_names_no_peer_and_counts_from_the_start()
    {
        var h = new InstanceHarness();
        h.Startup(2);
        var c = Change(h.Tick(2 + 3.609375));
        Assert.Equal(StateChangeReason.MasterDown, c.Reason);
        Assert.Equal(default, c.Address);
        Assert.Equal(new Duration(3_609_375_000), c.Silence);
    }

    [Fact]
    public void Takeover_after_priority_zero_names_the_resigning_master_with_priority_zero()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Receive(150, Higher, at: 1);
        h.Receive(0, Higher, at: 2);
        var c = Change(h.Tick(2 + 0.609375));
        Assert.Equal(StateChangeReason.MasterDown, c.Reason);
        Assert.Equal((Higher, (byte)0), (c.Address, c.PeerPriority));
        Assert.Equal(new Duration(609_375_000), c.Silence);
    }

    [Fact]
    public void Master_stepping_down_names_the_higher_priority_peer()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var c = Change(h.Receive(200, Lower, at: 4));
        Assert.Equal(StateChangeReason.HigherPriorityAdvert, c.Reason);
        Assert.Equal((Lower, (byte)200, (byte)100), (c.Address, c.PeerPriority, c.Priority));
    }

    [Fact]
    public void Preemption_names_the_weaker_master_whose_adverts_were_discarded()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Receive(50, Lower, at: 1);
        var c = Change(h.Tick(3.609375));
        Assert.Equal(StateChangeReason.Preempt, c.Reason);
        Assert.Equal((Lower, (byte)50), (c.Address, c.PeerPriority));
    }

    [Fact]
    public void Yielding_to_a_heartbeat_winner_names_it()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var c = Change(h.YieldTo(200, Higher, new Centiseconds(100), at: 4));
        Assert.Equal(StateChangeReason.YieldTo, c.Reason);
        Assert.Equal((Higher, (byte)200), (c.Address, c.PeerPriority));
    }

    [Fact]
    public void A_master_heard_before_a_fault_is_not_blamed_for_the_takeover_after_it()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.Receive(150, Higher, at: 1);
        h.InterfaceDown(2);
        h.InterfaceUp(10);
        var c = Change(h.Tick(10 + 3.609375));
        Assert.Equal(StateChangeReason.MasterDown, c.Reason);
        Assert.Equal(default, c.Address);
    }
}
