using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived track_process.c: quorum, quorum_max and the two delays, on a fake clock.</summary>
public class ProcessQuorumTests
{
    private static readonly MonoTime s_t0 = MonoTime.FromMilliseconds(1_000);

    private static MonoTime At(long ms) => MonoTime.FromMilliseconds(1_000 + ms);

    private static ProcessQuorum Quorum(int min = 1, int max = int.MaxValue, int forkCs = 0, int terminateCs = 0) =>
        new(min, max, new Centiseconds(forkCs), new Centiseconds(terminateCs));

    [Fact]
    public void Tracker_is_pending_until_the_start_up_scan_and_then_judged_without_delay()
    {
        var q = Quorum(min: 2, terminateCs: 500);
        Assert.Equal(TrackerStatus.Pending, q.Status);
        Assert.True(q.Start(1));
        Assert.Equal(TrackerStatus.Down, q.Status);
        Assert.True(q.NextDeadline.IsNever);
    }

    [Fact]
    public void Losing_the_last_process_without_a_delay_goes_down_at_once_and_an_exec_brings_it_back_up()
    {
        var q = Quorum();
        q.Start(1);
        Assert.True(q.Removed(byExit: true, s_t0));
        Assert.Equal(TrackerStatus.Down, q.Status);
        Assert.True(q.Added(byFork: false, At(10)));
        Assert.Equal(TrackerStatus.Up, q.Status);
    }

    [Fact]
    public void Only_crossing_a_bound_is_judged()
    {
        var q = Quorum(min: 2, max: 3);
        q.Start(2);
        Assert.False(q.Added(false, s_t0));          // 3: still within
        Assert.True(q.Added(false, s_t0));           // 4: above quorum_max
        Assert.Equal(TrackerStatus.Down, q.Status);
        Assert.True(q.Removed(true, s_t0));          // 3: back within
        Assert.False(q.Removed(true, s_t0));         // 2: within
        Assert.True(q.Removed(true, s_t0));          // 1: below quorum
        Assert.Equal(TrackerStatus.Down, q.Status);
    }

    [Fact]
    public void Terminate_delay_holds_back_a_loss_by_exit_until_it_expires()
    {
        var q = Quorum(terminateCs: 200);
        q.Start(1);
        Assert.False(q.Removed(byExit: true, s_t0));
        Assert.Equal(TrackerStatus.Up, q.Status);
        Assert.Equal(At(2_000), q.NextDeadline);
        Assert.False(q.OnDeadline(At(1_999)));
        Assert.True(q.OnDeadline(At(2_000)));
        Assert.Equal(TrackerStatus.Down, q.Status);
        Assert.True(q.NextDeadline.IsNever);
    }

    [Fact]
    public void A_process_returning_within_terminate_delay_cancels_the_loss()
    {
        var q = Quorum(terminateCs: 200);
        q.Start(1);
        q.Removed(byExit: true, s_t0);
        Assert.False(q.Added(byFork: false, At(500)));
        Assert.True(q.NextDeadline.IsNever);
        Assert.False(q.OnDeadline(At(5_000)));
        Assert.Equal(TrackerStatus.Up, q.Status);
    }

    [Fact]
    public void Terminate_delay_does_not_apply_to_a_process_that_execs_into_something_else()
    {
        var q = Quorum(terminateCs: 200);
        q.Start(1);
        Assert.True(q.Removed(byExit: false, s_t0));
        Assert.Equal(TrackerStatus.Down, q.Status);
    }

    [Fact]
    public void Fork_delay_holds_back_a_gain_by_fork_but_not_one_by_exec()
    {
        var forked = Quorum(forkCs: 100);
        forked.Start(0);
        Assert.False(forked.Added(byFork: true, s_t0));
        Assert.Equal(TrackerStatus.Down, forked.Status);
        Assert.True(forked.OnDeadline(At(1_000)));
        Assert.Equal(TrackerStatus.Up, forked.Status);

        var execed = Quorum(forkCs: 100);
        execed.Start(0);
        Assert.True(execed.Added(byFork: false, s_t0));
        Assert.Equal(TrackerStatus.Up, execed.Status);
    }

    [Fact]
    public void A_loss_while_fork_delay_runs_cancels_the_gain()
    {
        var q = Quorum(forkCs: 100);
        q.Start(0);
        q.Added(byFork: true, s_t0);
        Assert.False(q.Removed(byExit: true, At(10)));
        Assert.True(q.NextDeadline.IsNever);
        Assert.Equal(TrackerStatus.Down, q.Status);
    }

    [Fact]
    public void The_count_never_goes_below_zero_whatever_the_event_order()
    {
        var q = Quorum();
        q.Start(0);
        Assert.False(q.Removed(byExit: true, s_t0));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void A_rescan_after_lost_events_takes_the_new_count_through_the_terminate_delay()
    {
        var q = Quorum(terminateCs: 100);
        q.Start(2);
        Assert.False(q.Rescan(0, s_t0));
        Assert.Equal(TrackerStatus.Up, q.Status);
        Assert.True(q.OnDeadline(At(1_000)));
        Assert.Equal(TrackerStatus.Down, q.Status);
        Assert.True(q.Rescan(1, At(2_000)));
        Assert.Equal(TrackerStatus.Up, q.Status);
    }
}
