using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>RFC 9568 §6.4.2. Priority 100, interval 1 s: Skew_Time 0.609375 s, Master_Down_Interval 3.609375 s.</summary>
public class BackupStateTests
{
    private static InstanceHarness StartedBackup(InstanceSettings? settings = null)
    {
        var h = settings is null ? new InstanceHarness() : new InstanceHarness(settings);
        h.Startup(at: 0);
        return h;
    }

    [Fact]
    public void Backup_when_master_down_timer_fires_sends_advert_adds_vips_announces_and_becomes_master()
    {
        var h = StartedBackup();
        var actions = h.Tick(3.609375);

        Assert.Equal([ActionKind.SendAdvert, ActionKind.AddVips, ActionKind.Announce, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(100, actions[0].Priority);
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Master, StateChangeReason.MasterDown);
        Assert.Equal(At(4.609375), h.Deadline); // Adver_Timer = Advertisement_Interval
    }

    [Fact]
    public void Backup_tick_before_the_master_down_timer_does_nothing()
    {
        var h = StartedBackup();
        Assert.Empty(h.Tick(3.6));
        Assert.Equal(VrrpState.Backup, h.Instance.State);
    }

    [Fact]
    public void Backup_on_priority_zero_advert_shortens_timer_to_skew_time()
    {
        var h = StartedBackup();
        var actions = h.Receive(0, Higher, at: 1);

        Assert.Empty(actions);
        Assert.Equal(At(1.609375), h.Deadline);
        Assert.Equal(1, h.Instance.PriorityZeroReceived);
        ActionAssert.StateChange(h.Tick(1.609375), VrrpState.Backup, VrrpState.Master, StateChangeReason.MasterDown);
    }

    [Fact]
    public void Backup_on_higher_priority_advert_restarts_master_down_timer()
    {
        var h = StartedBackup();
        Assert.Empty(h.Receive(200, Higher, at: 2));
        Assert.Equal(At(5.609375), h.Deadline);
        Assert.Equal(Higher, h.Instance.MasterAddress);
        Assert.Equal(200, h.Instance.MasterPriority);
    }

    [Fact]
    public void Backup_on_equal_priority_advert_restarts_master_down_timer()
    {
        var h = StartedBackup();
        Assert.Empty(h.Receive(100, Lower, at: 2));
        Assert.Equal(At(5.609375), h.Deadline);
    }

    [Fact]
    public void Backup_v3_adopts_master_adver_interval_and_recomputes_skew_and_down_interval()
    {
        var h = StartedBackup();
        var advert = new Appliance.Testing.Simulation.AdvertSpec
        {
            Vrid = 51, Priority = 200, Interval = new Centiseconds(50), Addresses = [Vip],
        };
        h.Receive(advert, Higher, at: 1);

        Assert.Equal(new Centiseconds(50), h.Instance.MasterAdverInterval);
        // 3 × 0.5 s + (156 × 50 cs) / 256 = 1.5 s + 0.3046875 s
        Assert.Equal(At(1 + 1.8046875), h.Deadline);
    }

    [Fact]
    public void Backup_with_preempt_discards_lower_priority_advert_and_preempts_when_the_timer_fires()
    {
        var h = StartedBackup();
        ActionAssert.Dropped(h.Receive(50, Lower, at: 1), DropReason.LowerPriority);
        ActionAssert.Dropped(h.Receive(50, Lower, at: 2), DropReason.LowerPriority);
        Assert.Equal(At(3.609375), h.Deadline); // the timer ran on: no takeover at once

        var actions = h.Tick(3.609375);
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Master, StateChangeReason.Preempt);
        Assert.Equal(2, h.Instance.DropCount(DropReason.LowerPriority));
    }

    [Fact]
    public void Backup_with_preempt_at_once_takes_over_on_the_first_lower_priority_advert_like_keepalived()
    {
        var h = StartedBackup(Settings() with { PreemptAtOnce = true });
        var actions = h.Receive(50, Lower, at: 1);
        Assert.Equal([ActionKind.Dropped, ActionKind.SendAdvert, ActionKind.AddVips, ActionKind.Announce, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Master, StateChangeReason.Preempt);
        Assert.Equal(At(2), h.Deadline);
    }

    [Fact]
    public void Backup_with_preempt_at_once_still_honours_preempt_delay()
    {
        var h = StartedBackup(Settings() with { PreemptAtOnce = true, PreemptDelay = Centiseconds.FromSeconds(5) });
        Assert.Empty(h.Receive(50, Lower, at: 1));
        Assert.Equal(VrrpState.Backup, h.Instance.State);
    }

    [Fact]
    public void Backup_without_preempt_accepts_lower_priority_advert_and_restarts_the_timer()
    {
        var h = StartedBackup(Settings() with { Preempt = false });
        Assert.Empty(h.Receive(50, Lower, at: 1));
        Assert.Equal(At(4.609375), h.Deadline);
        Assert.Equal(Lower, h.Instance.MasterAddress);
    }

    [Fact]
    public void Backup_does_not_preempt_until_preempt_delay_after_startup()
    {
        var h = StartedBackup(Settings() with { PreemptDelay = Centiseconds.FromSeconds(10) });
        Assert.Empty(h.Receive(50, Lower, at: 9));
        Assert.Equal(At(12.609375), h.Deadline);

        ActionAssert.Dropped(h.Receive(50, Lower, at: 10), DropReason.LowerPriority);
        ActionAssert.StateChange(h.Tick(12.609375), VrrpState.Backup, VrrpState.Master, StateChangeReason.Preempt);
    }

    [Fact]
    public void Backup_when_the_timer_fires_while_takeover_is_inhibited_stays_backup_and_rearms()
    {
        var h = StartedBackup();
        Assert.Empty(h.Inhibit(true, at: 1));
        var actions = h.Tick(3.609375);

        var inhibited = Assert.Single(actions);
        Assert.Equal(ActionKind.TakeoverInhibited, inhibited.Kind);
        Assert.Equal(VrrpState.Backup, h.Instance.State);
        Assert.Equal(At(7.21875), h.Deadline);

        h.Inhibit(false, at: 5);
        ActionAssert.StateChange(h.Tick(7.21875), VrrpState.Backup, VrrpState.Master, StateChangeReason.MasterDown);
    }

    [Fact]
    public void Backup_preempts_a_weaker_master_it_hears_on_the_lan_even_while_takeover_is_inhibited()
    {
        // The weaker master is alive on the heartbeat channel too (so the arbiter inhibits), but
        // its adverts reach us on the LAN: that is a preemption, not a silent master.
        var h = StartedBackup();
        Assert.Empty(h.Inhibit(true, at: 0.5));
        ActionAssert.Dropped(h.Receive(50, Lower, at: 1), DropReason.LowerPriority);
        ActionAssert.StateChange(h.Tick(3.609375), VrrpState.Backup, VrrpState.Master, StateChangeReason.Preempt);
    }

    [Fact]
    public void Backup_on_shutdown_cancels_the_timer_and_goes_to_initialize()
    {
        var h = StartedBackup();
        var actions = h.Shutdown(at: 1);
        Assert.Equal([ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Initialize, StateChangeReason.Shutdown);
        Assert.True(h.Deadline.IsNever);
    }

    [Fact]
    public void V2_backup_uses_the_configured_interval_and_whole_second_skew()
    {
        var h = StartedBackup(Settings(version: VrrpVersion.V2) with { AdvertInterval = Centiseconds.FromSeconds(2) });
        // v2: 3 × 2 s + (256 − 100) / 256 s, the skew does not scale with the interval
        Assert.Equal(At(6.609375), h.Deadline);
        h.Receive(200, Higher, at: 1);
        Assert.Equal(Centiseconds.FromSeconds(2), h.Instance.MasterAdverInterval);
        Assert.Equal(At(7.609375), h.Deadline);
    }
}
