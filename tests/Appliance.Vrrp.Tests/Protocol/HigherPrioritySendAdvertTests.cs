using Appliance.Vrrp.Protocol;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>keepalived's higher_prio_send_advert: a master that loses to a higher priority (or to an
/// equal one from a higher address) first sends one advert with its own priority, then steps down.</summary>
public class HigherPrioritySendAdvertTests
{
    private static InstanceHarness Master(bool on)
    {
        var h = new InstanceHarness(Settings() with { AdvertOnHigherPriority = on });
        h.MakeMaster();
        return h;
    }

    [Fact]
    public void With_it_a_master_sends_one_advert_with_its_own_priority_before_it_becomes_backup()
    {
        var h = Master(on: true);
        long sent = h.Instance.AdvertsSent;
        var actions = h.Receive(200, Lower, at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal((byte)100, actions[0].Priority);
        Assert.Equal(sent + 1, h.Instance.AdvertsSent);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.HigherPriorityAdvert);
    }

    [Fact]
    public void With_it_an_equal_priority_from_a_higher_address_also_gets_the_advert()
    {
        var h = Master(on: true);
        var actions = h.Receive(100, Higher, at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
    }

    [Fact]
    public void Without_it_a_master_steps_down_silently()
    {
        var h = Master(on: false);
        var actions = h.Receive(200, Lower, at: 4);
        Assert.Equal([ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
    }

    [Fact]
    public void A_backup_never_sends_it()
    {
        var h = new InstanceHarness(Settings() with { AdvertOnHigherPriority = true });
        h.Startup(0);
        var actions = h.Receive(200, Higher, at: 1);
        Assert.DoesNotContain(actions, a => a.Kind == ActionKind.SendAdvert);
    }
}
