using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>RFC 9568 §6.4.3. The harness makes us Master at t = 3.609375 s, so the Adver_Timer
/// next fires at 4.609375 s.</summary>
public class MasterStateTests
{
    private const double BecameMasterAt = 3.609375;

    private static InstanceHarness Master(InstanceSettings? settings = null)
    {
        var h = settings is null ? new InstanceHarness() : new InstanceHarness(settings);
        h.MakeMaster();
        return h;
    }

    [Fact]
    public void Master_when_adver_timer_fires_sends_advert_and_resets_the_timer()
    {
        var h = Master();
        var actions = h.Tick(BecameMasterAt + 1);
        var send = Assert.Single(actions);
        Assert.Equal((ActionKind.SendAdvert, (byte)100), (send.Kind, send.Priority));
        Assert.Equal(At(BecameMasterAt + 2), h.Deadline);
    }

    [Fact]
    public void Master_on_priority_zero_advert_sends_advert_at_once_and_resets_the_timer()
    {
        var h = Master();
        var actions = h.Receive(0, Higher, at: 4);
        Assert.Equal([ActionKind.SendAdvert], actions.Kinds());
        Assert.Equal(At(5), h.Deadline);
    }

    [Fact]
    public void Master_on_higher_priority_advert_removes_vips_and_becomes_backup()
    {
        var h = Master();
        var actions = h.Receive(200, Lower, at: 4);
        Assert.Equal([ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.HigherPriorityAdvert);
        Assert.Equal(At(4 + 3.609375), h.Deadline);
        Assert.Equal(Lower, h.Instance.MasterAddress);
    }

    [Fact]
    public void Master_v3_on_higher_priority_advert_adopts_its_interval()
    {
        var h = Master();
        var advert = new AdvertSpec { Vrid = 51, Priority = 200, Interval = new Centiseconds(200), Addresses = [Vip] };
        h.Receive(advert, Higher, at: 4);
        Assert.Equal(new Centiseconds(200), h.Instance.MasterAdverInterval);
        // 3 × 2 s + (156 × 200 cs) / 256 = 6 s + 1.21875 s
        Assert.Equal(At(4 + 7.21875), h.Deadline);
    }

    [Fact]
    public void Master_on_equal_priority_advert_from_a_higher_primary_address_becomes_backup()
    {
        var h = Master();
        var actions = h.Receive(100, Higher, at: 4);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.HigherPriorityAdvert);
    }

    [Fact]
    public void Master_on_equal_priority_advert_from_a_lower_primary_address_stays_master_and_asserts()
    {
        var h = Master();
        var actions = h.Receive(100, Lower, at: 4);
        Assert.Equal([ActionKind.Dropped, ActionKind.SendAdvert, ActionKind.LowerPriorityHeard], actions.Kinds());
        Assert.Equal(VrrpState.Master, h.Instance.State);
    }

    [Fact]
    public void Master_tie_break_compares_addresses_unsigned_in_network_order()
    {
        var h = new InstanceHarness(Settings(), primary: IpAddr.Parse("127.255.255.255"));
        h.MakeMaster();
        var actions = h.Receive(100, IpAddr.Parse("128.0.0.1"), at: 4);
        Assert.Equal(VrrpState.Backup, h.Instance.State);
        Assert.Contains(actions, a => a.Kind == ActionKind.RemoveVips);
    }

    [Fact]
    public void Master_on_lower_priority_advert_sends_an_advert_at_once_without_resetting_the_timer()
    {
        var h = Master();
        var actions = h.Receive(50, Higher, at: 4);
        Assert.Equal([ActionKind.Dropped, ActionKind.SendAdvert, ActionKind.LowerPriorityHeard], actions.Kinds());
        Assert.Equal(DropReason.LowerPriority, actions[0].Drop);
        Assert.Equal(100, actions[1].Priority);
        // keepalived re-announces and notifies after its own advert: the host learns who and how weak.
        Assert.Equal(((byte)50, Higher), (actions[2].Priority, actions[2].Address));
        Assert.Equal(At(BecameMasterAt + 1), h.Deadline);
    }

    [Fact]
    public void Master_on_lower_priority_advert_stays_silent_when_advert_on_lower_priority_is_off()
    {
        var h = Master(Settings() with { AdvertOnLowerPriority = false });
        var actions = h.Receive(50, Higher, at: 4);
        Assert.Equal([ActionKind.Dropped, ActionKind.LowerPriorityHeard], actions.Kinds());
        Assert.Equal(DropReason.LowerPriority, actions[0].Drop);
    }

    [Fact]
    public void Master_on_shutdown_sends_priority_zero_removes_vips_and_goes_to_initialize()
    {
        var h = Master();
        var actions = h.Shutdown(at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(0, actions[0].Priority);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Initialize, StateChangeReason.Shutdown);
        Assert.True(h.Deadline.IsNever);
    }

    [Fact]
    public void Priority_zero_sent_counts_the_resignation_advert_only()
    {
        var h = Master();
        h.Tick(BecameMasterAt + 1);
        Assert.Equal(0, h.Instance.PriorityZeroSent);
        long sentBefore = h.Instance.AdvertsSent;
        h.Shutdown(at: 4);
        Assert.Equal(1, h.Instance.PriorityZeroSent);
        Assert.Equal(sentBefore + 1, h.Instance.AdvertsSent);
    }

    [Fact]
    public void Last_master_reason_records_why_the_instance_became_master()
    {
        var h = new InstanceHarness();
        Assert.Equal(StateChangeReason.None, h.Instance.LastMasterReason);
        h.MakeMaster();
        Assert.Equal(StateChangeReason.MasterDown, h.Instance.LastMasterReason);
    }

    [Fact]
    public void Master_whose_priority_drops_keeps_advertising_the_new_priority()
    {
        var h = Master();
        Assert.Empty(h.PriorityChanged(80, at: 4));
        Assert.Equal(VrrpState.Master, h.Instance.State);
        var send = Assert.Single(h.Tick(BecameMasterAt + 1));
        Assert.Equal(80, send.Priority);
    }

    [Fact]
    public void Master_whose_priority_dropped_yields_to_an_advert_that_now_beats_it()
    {
        var h = Master();
        h.PriorityChanged(80, at: 4);
        ActionAssert.StateChange(h.Receive(90, Lower, at: 4.5), VrrpState.Master, VrrpState.Backup, StateChangeReason.HigherPriorityAdvert);
    }

    [Fact]
    public void Master_exposes_accept_mode_only_as_master()
    {
        var withAccept = new InstanceHarness(Settings() with { AcceptMode = true });
        withAccept.Startup(0);
        Assert.False(withAccept.Instance.AcceptsVipTraffic);
        withAccept.TickAt(withAccept.Instance.NextDeadline);
        Assert.True(withAccept.Instance.AcceptsVipTraffic);

        Assert.False(Master().Instance.AcceptsVipTraffic);

        var owner = new InstanceHarness(priority: 255);
        owner.Startup(0);
        Assert.True(owner.Instance.AcceptsVipTraffic);
    }
}
