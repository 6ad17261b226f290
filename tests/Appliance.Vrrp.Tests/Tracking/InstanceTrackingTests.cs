using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived vrrp_set_effective_priority and the FAULT rules, over several trackers.</summary>
public class InstanceTrackingTests
{
    private static TrackerSpec Script(string name, int weight, bool reverse = false) => new(TrackerKind.Script, name, weight, reverse);

    private static TrackerSpec Interface(string name, int weight, bool reverse = false) => new(TrackerKind.Interface, name, weight, reverse);

    private static TrackerSpec File(string name, int weight) => new(TrackerKind.File, name, weight);

    [Fact]
    public void Instance_awaits_the_first_verdict_of_a_weight_zero_script_only()
    {
        var t = new InstanceTracking(100, [Script("chk", 0), Script("weighted", -20), File("f", 1)]);
        Assert.True(t.AwaitsFirstVerdict);
        t.Set(1, TrackerStatus.Up);
        Assert.True(t.AwaitsFirstVerdict);
        t.Set(0, TrackerStatus.Down);
        Assert.False(t.AwaitsFirstVerdict);
        Assert.True(t.Faulted);

        var weightedOnly = new InstanceTracking(100, [Script("weighted", -20)]);
        Assert.False(weightedOnly.AwaitsFirstVerdict);
    }

    [Fact]
    public void Without_trackers_the_effective_priority_is_the_base()
    {
        var t = new InstanceTracking(100, []);
        Assert.Equal(100, t.EffectivePriority);
        Assert.False(t.Faulted);
        Assert.Null(t.LastMoverName);
    }

    [Fact]
    public void Failing_script_with_negative_weight_lowers_the_priority_and_is_named_as_the_mover()
    {
        var t = new InstanceTracking(100, [Script("chk_http", -30)]);
        t.Set(0, TrackerStatus.Up);
        var change = t.Set(0, TrackerStatus.Down);
        Assert.True(change.PriorityChanged);
        Assert.False(change.FaultChanged);
        Assert.Equal(70, t.EffectivePriority);
        Assert.Equal("chk_http", t.LastMoverName);
    }

    [Fact]
    public void Contributions_of_several_trackers_add_up()
    {
        var t = new InstanceTracking(100, [Script("a", 10), Script("b", -20), Interface("eth1", 5)]);
        t.Set(0, TrackerStatus.Up);
        t.Set(1, TrackerStatus.Down);
        t.Set(2, TrackerStatus.Up);
        Assert.Equal(95, t.TotalPriority);
        Assert.Equal(95, t.EffectivePriority);
    }

    [Fact]
    public void Effective_priority_is_clamped_to_1_at_the_bottom()
    {
        var t = new InstanceTracking(50, [Script("a", -200)]);
        t.Set(0, TrackerStatus.Down);
        Assert.Equal(-150, t.TotalPriority);
        Assert.Equal(1, t.EffectivePriority);
        Assert.False(t.Faulted);
    }

    [Fact]
    public void Effective_priority_is_clamped_to_254_at_the_top()
    {
        var t = new InstanceTracking(200, [Script("a", 100)]);
        t.Set(0, TrackerStatus.Up);
        Assert.Equal(254, t.EffectivePriority);
    }

    [Fact]
    public void Address_owner_keeps_255_whatever_weighted_trackers_say()
    {
        var t = new InstanceTracking(255, [Script("a", -100)]);
        var change = t.Set(0, TrackerStatus.Down);
        Assert.False(change.PriorityChanged);
        Assert.Equal(255, t.EffectivePriority);
    }

    [Fact]
    public void Address_owner_still_faults_on_a_weight_0_tracker()
    {
        var t = new InstanceTracking(255, [Interface("eth1", 0)]);
        t.Set(0, TrackerStatus.Up);
        Assert.True(t.Set(0, TrackerStatus.Down).FaultChanged);
        Assert.True(t.Faulted);
    }

    [Fact]
    public void Weight_0_tracker_failing_means_fault_and_recovering_lifts_it()
    {
        var t = new InstanceTracking(100, [Interface("eth1", 0)]);
        t.Set(0, TrackerStatus.Up);
        Assert.False(t.Faulted);
        Assert.True(t.Set(0, TrackerStatus.Down).FaultChanged);
        Assert.True(t.Faulted);
        Assert.Equal("eth1", t.LastMoverName);
        Assert.True(t.Set(0, TrackerStatus.Up).FaultChanged);
        Assert.False(t.Faulted);
    }

    [Fact]
    public void Pending_weight_0_script_holds_the_instance_until_its_first_verdict()
    {
        var t = new InstanceTracking(100, [Script("a", 0)]);
        Assert.True(t.Faulted);
        Assert.True(t.Set(0, TrackerStatus.Up).FaultChanged);
        Assert.False(t.Faulted);
    }

    [Fact]
    public void Pending_weighted_script_adds_nothing()
    {
        var t = new InstanceTracking(100, [Script("a", 10), Script("b", -10)]);
        Assert.Equal(100, t.EffectivePriority);
        Assert.False(t.Faulted);
    }

    [Fact]
    public void Two_weight_0_failures_need_both_to_recover()
    {
        var t = new InstanceTracking(100, [Interface("eth1", 0), Script("a", 0)]);
        t.Set(0, TrackerStatus.Down);
        t.Set(1, TrackerStatus.Down);
        Assert.Equal(2, t.FaultCount);
        Assert.False(t.Set(0, TrackerStatus.Up).FaultChanged);
        Assert.True(t.Faulted);
        Assert.True(t.Set(1, TrackerStatus.Up).FaultChanged);
    }

    [Fact]
    public void Reverse_interface_with_weight_0_faults_while_the_interface_is_up()
    {
        var t = new InstanceTracking(100, [Interface("backup_link", 0, reverse: true)]);
        t.Set(0, TrackerStatus.Down);
        Assert.False(t.Faulted);
        t.Set(0, TrackerStatus.Up);
        Assert.True(t.Faulted);
    }

    [Fact]
    public void File_value_times_weight_moves_the_priority()
    {
        var t = new InstanceTracking(100, [File("prio", 5)]);
        Assert.Equal(100, t.EffectivePriority);
        Assert.True(t.SetFileValue(0, -4).PriorityChanged);
        Assert.Equal(80, t.EffectivePriority);
        t.SetFileValue(0, 3);
        Assert.Equal(115, t.EffectivePriority);
        Assert.Equal("prio", t.LastMoverName);
    }

    [Fact]
    public void File_with_weight_0_and_a_non_zero_value_means_fault()
    {
        var t = new InstanceTracking(100, [File("maint", 0)]);
        Assert.False(t.Faulted);
        Assert.True(t.SetFileValue(0, 1).FaultChanged);
        Assert.True(t.SetFileValue(0, 0).FaultChanged);
        Assert.Equal(100, t.EffectivePriority);
    }

    [Fact]
    public void File_status_reaching_minus_254_means_fault()
    {
        var t = new InstanceTracking(100, [File("f", 2)]);
        Assert.True(t.SetFileValue(0, -127).FaultChanged);
        Assert.True(t.Faulted);
    }

    [Fact]
    public void A_report_that_changes_nothing_is_not_a_change_and_keeps_the_last_mover()
    {
        var t = new InstanceTracking(100, [Script("a", -10), Script("b", 10)]);
        t.Set(0, TrackerStatus.Down);
        Assert.False(t.Set(1, TrackerStatus.Down).Any); // a positive weight while down adds nothing
        Assert.Equal("a", t.LastMoverName);
        Assert.False(t.Set(0, TrackerStatus.Down).Any);
    }

    [Fact]
    public void Clamped_change_that_keeps_the_effective_priority_is_not_a_priority_change()
    {
        var t = new InstanceTracking(10, [Script("a", -50), Script("b", -50)]);
        t.Set(0, TrackerStatus.Down);
        Assert.Equal(1, t.EffectivePriority);
        Assert.False(t.Set(1, TrackerStatus.Down).PriorityChanged);
        Assert.Equal(-90, t.TotalPriority);
    }
}
