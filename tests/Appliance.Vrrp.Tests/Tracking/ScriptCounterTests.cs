using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived vrrp_script_child_thread: rise/fall counting and init_fail.</summary>
public class ScriptCounterTests
{
    [Fact]
    public void Script_is_pending_until_its_first_run()
    {
        var c = new ScriptCounter(rise: 3, fall: 3, initFail: false);
        Assert.Equal(TrackerStatus.Pending, c.Status);
    }

    [Fact]
    public void First_success_decides_up_at_once_whatever_rise_is()
    {
        var c = new ScriptCounter(rise: 5, fall: 2, initFail: false);
        Assert.True(c.Report(success: true));
        Assert.Equal(TrackerStatus.Up, c.Status);
    }

    [Fact]
    public void First_failure_decides_down_at_once_whatever_fall_is()
    {
        var c = new ScriptCounter(rise: 2, fall: 5, initFail: false);
        Assert.True(c.Report(success: false));
        Assert.Equal(TrackerStatus.Down, c.Status);
    }

    [Fact]
    public void Up_script_goes_down_after_fall_consecutive_failures()
    {
        var c = new ScriptCounter(rise: 2, fall: 3, initFail: false);
        c.Report(true);
        Assert.False(c.Report(false));
        Assert.False(c.Report(false));
        Assert.True(c.Report(false));
        Assert.Equal(TrackerStatus.Down, c.Status);
    }

    [Fact]
    public void A_success_between_failures_restarts_the_fall_count()
    {
        var c = new ScriptCounter(rise: 1, fall: 2, initFail: false);
        c.Report(true);
        c.Report(false);
        c.Report(true);
        Assert.False(c.Report(false));
        Assert.Equal(TrackerStatus.Up, c.Status);
        Assert.True(c.Report(false));
    }

    [Fact]
    public void Down_script_comes_back_after_rise_consecutive_successes()
    {
        var c = new ScriptCounter(rise: 3, fall: 1, initFail: false);
        c.Report(false);
        Assert.False(c.Report(true));
        Assert.False(c.Report(true));
        Assert.True(c.Report(true));
        Assert.Equal(TrackerStatus.Up, c.Status);
    }

    [Fact]
    public void A_failure_between_successes_restarts_the_rise_count()
    {
        var c = new ScriptCounter(rise: 2, fall: 1, initFail: false);
        c.Report(false);
        c.Report(true);
        c.Report(false);
        Assert.False(c.Report(true));
        Assert.Equal(TrackerStatus.Down, c.Status);
        Assert.True(c.Report(true));
    }

    [Fact]
    public void Init_fail_starts_down_and_needs_rise_successes()
    {
        var c = new ScriptCounter(rise: 2, fall: 1, initFail: true);
        Assert.Equal(TrackerStatus.Down, c.Status);
        Assert.False(c.Report(true));
        Assert.True(c.Report(true));
        Assert.Equal(TrackerStatus.Up, c.Status);
    }

    [Fact]
    public void Rise_and_fall_of_one_flip_on_every_changed_verdict()
    {
        var c = new ScriptCounter(rise: 1, fall: 1, initFail: false);
        Assert.True(c.Report(true));
        Assert.False(c.Report(true));
        Assert.True(c.Report(false));
        Assert.False(c.Report(false));
        Assert.True(c.Report(true));
        Assert.Equal(5, c.Runs);
        Assert.Equal(2, c.Failures);
    }
}
