using System.Collections.Immutable;
using Appliance.Board.Leds;
using Appliance.Board.Tests.Fakes;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;

namespace Appliance.Board.Tests.Leds;

public sealed class LedControllerTests
{
    private static readonly Centiseconds s_hold = Centiseconds.FromSeconds(10);

    private static MonoTime Ms(long ms) => MonoTime.FromMilliseconds(ms);

    private static ApplianceEvent State(string instance, VrrpState to, long atMs) =>
        new(EventKind.StateChanged, Ms(atMs), instance, To: to);

    private static (LedController Controller, FakeStatusLeds Leds) Build(
        bool hasAlert = true, bool selfBlink = false, IReadOnlyDictionary<BoardCondition, LedPattern>? overrides = null)
    {
        var leds = new FakeStatusLeds(hasAlert, selfBlink);
        return (new LedController(leds, new LedPatternTable(overrides), s_hold), leds);
    }

    /// <summary>Plays the loop: runs every deadline up to <paramref name="until"/>.</summary>
    private static void RunUntil(LedController c, MonoTime until)
    {
        for (int guard = 0; c.NextDeadline <= until; guard++)
        {
            Assert.True(guard < 100_000, "deadline did not advance");
            c.OnDeadline(c.NextDeadline);
        }
    }

    [Fact]
    public void Booting_blips_the_status_led_until_an_instance_decides()
    {
        var (c, leds) = Build();
        c.Start(Ms(0));
        Assert.Equal(BoardCondition.Booting, c.Condition);
        Assert.True(leds.IsOn(LedId.Status));
        Assert.Equal(Ms(50), c.NextDeadline);
        RunUntil(c, Ms(60));
        Assert.False(leds.IsOn(LedId.Status));
        Assert.Equal(Ms(1000), c.NextDeadline);
    }

    [Fact]
    public void Backup_blinks_slowly_in_software_when_the_led_cannot_blink_by_itself()
    {
        var (c, leds) = Build();
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        Assert.Equal(BoardCondition.Backup, c.Condition);
        Assert.True(leds.IsOn(LedId.Status));
        Assert.False(leds.IsOn(LedId.Alert));
        Assert.Equal(Ms(1000), c.NextDeadline);
        RunUntil(c, Ms(1000));
        Assert.False(leds.IsOn(LedId.Status));
        RunUntil(c, Ms(2000));
        Assert.True(leds.IsOn(LedId.Status));
    }

    [Fact]
    public void Backup_blink_is_handed_to_the_led_when_it_can_blink_by_itself_and_the_loop_is_left_alone()
    {
        var (c, leds) = Build(selfBlink: true);
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        Assert.Equal((1000, 1000), leds.SelfBlink(LedId.Status));
        Assert.Equal(MonoTime.Never, c.NextDeadline);
    }

    [Fact]
    public void Master_is_solid_and_needs_no_deadline()
    {
        var (c, leds) = Build();
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        c.Publish(State("VI_1", VrrpState.Master, 300));
        Assert.Equal(BoardCondition.Master, c.Condition);
        Assert.True(leds.IsOn(LedId.Status));
        Assert.False(leds.IsOn(LedId.Alert));
        Assert.Equal(MonoTime.Never, c.NextDeadline);
    }

    [Fact]
    public void A_fault_in_any_instance_hides_mastership_of_the_others()
    {
        var (c, leds) = Build();
        c.Publish(State("VI_1", VrrpState.Master, 0));
        c.Publish(State("VI_2", VrrpState.Fault, 10));
        Assert.Equal(BoardCondition.Fault, c.Condition);
        Assert.True(leds.IsOn(LedId.Alert));
        c.Publish(State("VI_2", VrrpState.Backup, 20));
        Assert.Equal(BoardCondition.Master, c.Condition);
        Assert.False(leds.IsOn(LedId.Alert));
    }

    [Fact]
    public void Lan_fault_shows_the_split_brain_alert_until_the_hold_expires()
    {
        var (c, _) = Build(selfBlink: false);
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        c.Publish(new ApplianceEvent(EventKind.LanFault, Ms(100), "VI_1"));
        Assert.Equal(BoardCondition.SplitBrainSuspected, c.Condition);
        RunUntil(c, Ms(100 + 60_000));
        Assert.Equal(BoardCondition.Backup, c.Condition);
    }

    [Fact]
    public void Split_brain_alternates_the_two_leds_in_software_even_when_they_could_blink_by_themselves()
    {
        var (c, leds) = Build(selfBlink: true);
        c.Publish(State("VI_1", VrrpState.Master, 0));
        c.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, Ms(100), "VI_1"));
        Assert.Equal(BoardCondition.SplitBrainSuspected, c.Condition);
        Assert.Null(leds.SelfBlink(LedId.Status));
        for (long t = 100; t < 3000; t += 500)
        {
            RunUntil(c, Ms(t));
            Assert.NotEqual(leds.IsOn(LedId.Status), leds.IsOn(LedId.Alert));
        }
    }

    [Fact]
    public void Split_brain_alert_ends_one_hold_time_after_the_last_report()
    {
        var (c, leds) = Build();
        c.Publish(State("VI_1", VrrpState.Master, 0));
        c.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, Ms(1000), "VI_1"));
        c.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, Ms(4000), "VI_1"));
        RunUntil(c, Ms(13_999));
        Assert.Equal(BoardCondition.SplitBrainSuspected, c.Condition);
        RunUntil(c, Ms(14_000));
        Assert.Equal(BoardCondition.Master, c.Condition);
        Assert.True(leds.IsOn(LedId.Status));
        Assert.False(leds.IsOn(LedId.Alert));
        Assert.Equal(MonoTime.Never, c.NextDeadline);
    }

    [Fact]
    public void Watchdog_starving_wins_over_split_brain_and_both_expire_in_turn()
    {
        var (c, _) = Build();
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        c.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, Ms(0), "VI_1"));
        c.Publish(new ApplianceEvent(EventKind.WatchdogStarving, Ms(2000)));
        Assert.Equal(BoardCondition.WatchdogStarving, c.Condition);
        RunUntil(c, Ms(9_999));
        Assert.Equal(BoardCondition.WatchdogStarving, c.Condition);
        RunUntil(c, Ms(12_000));
        Assert.Equal(BoardCondition.Backup, c.Condition);
    }

    [Fact]
    public void A_late_wakeup_lands_on_the_phase_the_pattern_has_at_that_time()
    {
        var (c, leds) = Build();
        c.Publish(State("VI_1", VrrpState.Backup, 0));
        // The loop was busy and comes back 2.5 s later: mid "on" half of the third cycle.
        c.OnDeadline(Ms(2500));
        Assert.True(leds.IsOn(LedId.Status));
        Assert.Equal(Ms(3000), c.NextDeadline);
    }

    [Fact]
    public void Configured_patterns_replace_the_defaults()
    {
        var overrides = new Dictionary<BoardCondition, LedPattern>
        {
            [BoardCondition.Master] = new(BlinkPattern.Blink(100, 900), BlinkPattern.Off),
        };
        var (c, leds) = Build(overrides: overrides);
        c.Publish(State("VI_1", VrrpState.Master, 0));
        Assert.Equal(Ms(100), c.NextDeadline);
        RunUntil(c, Ms(100));
        Assert.False(leds.IsOn(LedId.Status));
    }

    [Fact]
    public void An_invalid_configured_pattern_is_refused_with_the_condition_named()
    {
        var overrides = ImmutableDictionary<BoardCondition, LedPattern>.Empty
            .Add(BoardCondition.Fault, new LedPattern(new BlinkPattern(0, 0), BlinkPattern.Off));
        var e = Assert.Throws<ArgumentException>(() => new LedPatternTable(overrides));
        Assert.Contains("Fault", e.Message);
    }

    [Fact]
    public void A_board_with_one_led_still_shows_every_condition_on_it()
    {
        var (c, leds) = Build(hasAlert: false);
        c.Publish(State("VI_1", VrrpState.Fault, 0));
        Assert.Equal(Ms(150), c.NextDeadline);
        RunUntil(c, Ms(150));
        Assert.False(leds.IsOn(LedId.Status));
        Assert.False(leds.IsOn(LedId.Alert));
    }

    [Fact]
    public void Instances_returning_to_initialize_show_booting_again()
    {
        var (c, _) = Build();
        c.Publish(State("VI_1", VrrpState.Master, 0));
        c.Publish(State("VI_1", VrrpState.Initialize, 500));
        Assert.Equal(BoardCondition.Booting, c.Condition);
    }

    [Fact]
    public void Events_and_blinking_allocate_nothing_after_warm_up()
    {
        var (c, _) = Build();
        string[] names = ["VI_1", "VI_2", "VI_3"];
        VrrpState[] cycle = [VrrpState.Backup, VrrpState.Master, VrrpState.Fault, VrrpState.Backup];
        long t = 0;
        void Turn()
        {
            t += 37;
            c.Publish(State(names[t % 3], cycle[t / 3 % 4], t));
            if (t % 1000 == 0) c.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, Ms(t), "VI_1"));
            RunUntil(c, Ms(t + 20));
        }
        for (int i = 0; i < 1000; i++) Turn();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Turn();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
