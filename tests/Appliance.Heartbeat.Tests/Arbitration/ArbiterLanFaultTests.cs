using Appliance.Heartbeat.Arbitration;
using Appliance.Vrrp.Protocol;
using static Appliance.Heartbeat.Tests.Arbitration.ArbiterHarness;

namespace Appliance.Heartbeat.Tests.Arbitration;

public class ArbiterLanFaultTests
{
    [Fact]
    public void Timer_firing_while_the_master_is_heard_on_serial_is_a_lan_fault_naming_that_channel()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        var d = h.TimerFiredWhileInhibited();
        var fault = d.Single(ArbiterDecisionKind.LanFault);
        Assert.Equal((0, Serial, Peer), (fault.Instance, fault.Channel, fault.PeerId));
        Assert.False(d.Has(ArbiterDecisionKind.EnterFault));
        Assert.True(h.Arbiter.IsLanFault(0));
    }

    [Fact]
    public void Lan_fault_is_raised_once_per_episode()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.TimerFiredWhileInhibited();
        h.Advance(1000);
        h.Frame(Serial, VrrpState.Master);
        Assert.Empty(h.TimerFiredWhileInhibited());
    }

    [Fact]
    public void Policy_go_fault_sends_the_instance_to_fault_and_back_when_the_lan_heals()
    {
        var h = new ArbiterHarness(LanFaultPolicy.GoFault);
        h.Local(VrrpState.Backup);
        h.Frame(Link, VrrpState.Master);
        Assert.True(h.TimerFiredWhileInhibited().Has(ArbiterDecisionKind.EnterFault));
        var healed = h.LanAdvert();
        Assert.True(healed.Has(ArbiterDecisionKind.LanFaultCleared));
        Assert.True(healed.Has(ArbiterDecisionKind.LeaveFault));
        Assert.False(h.Arbiter.IsLanFault(0));
    }

    [Fact]
    public void Lan_fault_ends_when_the_master_falls_silent_everywhere_so_the_takeover_can_happen()
    {
        var h = new ArbiterHarness(LanFaultPolicy.GoFault);
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.TimerFiredWhileInhibited();
        var d = h.Advance(3001);
        Assert.False(d.Single(ArbiterDecisionKind.Inhibit).Flag);
        Assert.True(d.Has(ArbiterDecisionKind.LanFaultCleared));
        Assert.True(d.Has(ArbiterDecisionKind.LeaveFault));
    }

    [Fact]
    public void Timer_firing_without_an_inhibit_is_no_lan_fault()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        Assert.Empty(h.TimerFiredWhileInhibited());
    }

    [Fact]
    public void Advert_with_priority_zero_does_not_end_a_lan_fault()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.TimerFiredWhileInhibited();
        Assert.False(h.LanAdvert(priority: 0).Has(ArbiterDecisionKind.LanFaultCleared));
    }
}
