using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

public class FaultGateTests
{
    [Fact]
    public void First_cause_takes_the_instance_down_and_the_last_one_brings_it_up()
    {
        var g = new FaultGate();
        Assert.Equal(1, g.Set(FaultCause.Link, true));
        Assert.Equal(0, g.Set(FaultCause.Tracker, true));
        Assert.Equal(0, g.Set(FaultCause.Link, false)); // the script still holds it
        Assert.True(g.IsDown);
        Assert.Equal(-1, g.Set(FaultCause.Tracker, false));
        Assert.False(g.IsDown);
    }

    [Fact]
    public void Setting_a_cause_twice_is_not_a_change()
    {
        var g = new FaultGate();
        g.Set(FaultCause.SyncGroup, true);
        Assert.Equal(0, g.Set(FaultCause.SyncGroup, true));
        Assert.Equal(0, g.Set(FaultCause.Link, false));
    }
}
