using Appliance.Heartbeat.Arbitration;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using static Appliance.Heartbeat.Tests.Arbitration.ArbiterHarness;

namespace Appliance.Heartbeat.Tests.Arbitration;

public class ArbiterReloadTests
{
    [Fact]
    public void A_kept_instance_keeps_its_inhibit_and_lan_fault_across_a_reload_and_a_new_one_starts_clean()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.TimerFiredWhileInhibited();

        // VI_2 is added in front of the kept VI_1.
        h.Arbiter.ReplaceInstances([new ArbiterInstance("VI_2", 52, IpFamily.IPv4), new ArbiterInstance("VI_1", 51, IpFamily.IPv4)], [-1, 0]);

        Assert.True(h.Arbiter.IsInhibited(1));
        Assert.True(h.Arbiter.IsLanFault(1));
        Assert.False(h.Arbiter.IsInhibited(0));
        var d = h.Advance(100);
        Assert.DoesNotContain(d, x => x.Kind == ArbiterDecisionKind.Inhibit);
        // The peer's next frame about VI_1 lands on the instance's new index.
        Assert.Empty(h.Frame(Serial, VrrpState.Master).FindAll(x => x.Kind == ArbiterDecisionKind.Inhibit));
        Assert.Equal("VI_1", h.Arbiter.Instances[1].Name);
    }

    [Fact]
    public void A_removed_instance_is_forgotten()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.Arbiter.ReplaceInstances([new ArbiterInstance("VI_9", 99, IpFamily.IPv4)], [-1]);
        Assert.False(h.Arbiter.IsInhibited(0));
        Assert.Empty(h.Frame(Serial, VrrpState.Master).FindAll(x => x.Instance >= 0));
    }
}
