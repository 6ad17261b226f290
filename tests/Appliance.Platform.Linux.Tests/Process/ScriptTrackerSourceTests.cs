using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Process;
using Appliance.Testing.Lab;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.Tests.Process;

/// <summary>vrrp_script runs on a real kernel: spawn without blocking, reap through the pidfd, kill at the timeout.</summary>
// Counts the process's descriptors and children: no other test class may run beside it.
[Collection(ProcessCensus.Name)]
public class ScriptTrackerSourceTests
{
    private readonly List<ScriptOutcome> _outcomes = [];

    private ScriptTrackerSource Script(string[] argv, TimeSpan interval, TimeSpan timeout, int rise = 1, int fall = 1, IChildSpawner? spawner = null) =>
        new("chk", argv, null, interval, timeout, new ScriptCounter(rise, fall, initFail: false), spawner ?? new PosixSpawner(),
            (_, o) => _outcomes.Add(o));

    [Fact]
    public void Script_exiting_0_is_up_and_exiting_non_zero_is_down()
    {
        using var ok = Script(["/bin/sh", "-c", "exit 0"], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        ok.Start(MonoClock.Now);
        Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 1, TimeSpan.FromSeconds(10), ok));
        Assert.Equal(TrackerStatus.Up, ok.Counter.Status);
        Assert.True(_outcomes[0].StatusChanged);

        using var bad = Script(["/bin/sh", "-c", "exit 3"], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        bad.Start(MonoClock.Now);
        Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 2, TimeSpan.FromSeconds(10), bad));
        Assert.Equal(new ChildExit(true, 3, 0), _outcomes[1].Exit);
        Assert.Equal(TrackerStatus.Down, bad.Counter.Status);
    }

    [Fact]
    public void Hung_script_is_killed_at_its_timeout_with_its_children_counted_as_a_failure_and_reaped()
    {
        string pidFile = Path.Combine(Path.GetTempPath(), $"hung-{Guid.NewGuid():N}");
        try
        {
            // The shell starts a grandchild and waits: killing only the shell would leave the sleep.
            using var s = Script(["/bin/sh", "-c", $"sleep 600 & echo $! > {pidFile}; wait"], TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));
            s.Start(MonoClock.Now);
            Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 1, TimeSpan.FromSeconds(10), s));
            Assert.Equal(ScriptOutcomeKind.TimedOut, _outcomes[0].Kind);
            Assert.Equal(TrackerStatus.Down, s.Counter.Status);
            Assert.Equal(1, s.TimedOut);
            int pid = s.RunningPid;
            Assert.True(SourceLoop.RunUntil(() => s.RunningPid == 0, TimeSpan.FromSeconds(10), s));
            Assert.False(ChildCensus.Exists(pid));
            int grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Poll.Require(() => IsZombieOrGone(grandchild), TimeSpan.FromSeconds(10), "the script's own child killed with its group");
            Assert.Single(_outcomes); // the reap of a killed run is not counted twice
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public void Script_that_cannot_start_counts_as_a_failure()
    {
        using var s = Script(["/nonexistent/check-script"], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        s.Start(MonoClock.Now);
        Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 1, TimeSpan.FromSeconds(10), s));
        Assert.Equal(TrackerStatus.Down, s.Counter.Status);
    }

    [Fact]
    public void Rise_successes_are_needed_after_a_failure()
    {
        string flag = Path.Combine(Path.GetTempPath(), $"flag-{Guid.NewGuid():N}");
        try
        {
            using var s = Script(["/bin/sh", "-c", $"test ! -e {flag}"], TimeSpan.Zero, TimeSpan.FromSeconds(5), rise: 3, fall: 1);
            File.WriteAllText(flag, "");
            s.Start(MonoClock.Now);
            Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 1, TimeSpan.FromSeconds(10), s));
            Assert.Equal(TrackerStatus.Down, s.Counter.Status);
            File.Delete(flag);
            Assert.True(SourceLoop.RunUntil(() => s.Counter.Status == TrackerStatus.Up, TimeSpan.FromSeconds(10), s));
            // Runs already under way when the flag went may still have failed; what counts is
            // that the change came with the third success in a row, not before.
            int n = _outcomes.Count;
            Assert.True(n >= 4);
            Assert.True(_outcomes[n - 1].StatusChanged);
            Assert.All(_outcomes.GetRange(n - 3, 3), o => Assert.True(o.Success));
            Assert.False(_outcomes[n - 4].Success);
        }
        finally
        {
            File.Delete(flag);
        }
    }

    [Fact]
    public void A_thousand_runs_leave_no_zombie_and_no_descriptor_behind()
    {
        using (var warm = Script(["/bin/true"], TimeSpan.Zero, TimeSpan.FromSeconds(5)))
        {
            warm.Start(MonoClock.Now);
            Assert.True(SourceLoop.RunUntil(() => _outcomes.Count == 1, TimeSpan.FromSeconds(10), warm));
        }
        _outcomes.Clear();
        int fdsBefore = ChildCensus.Descriptors();
        using var s = Script(["/bin/true"], TimeSpan.Zero, TimeSpan.FromSeconds(5));
        s.Start(MonoClock.Now);
        bool done = SourceLoop.RunUntil(() => _outcomes.Count >= 1000, TimeSpan.FromSeconds(120), s);
        Assert.True(done, $"{_outcomes.Count} runs counted, {s.Started} started, {s.Skipped} skipped");
        s.Stop();
        Assert.True(SourceLoop.RunUntil(() => s.RunningPid == 0, TimeSpan.FromSeconds(10), s));
        Assert.All(_outcomes, o => Assert.True(o.Success));
        Assert.Equal(0, ChildCensus.Zombies());
        Assert.Equal(fdsBefore, ChildCensus.Descriptors());
    }

    [Fact]
    public void Disposing_a_source_with_a_running_child_kills_and_reaps_it()
    {
        var s = Script(["/bin/sleep", "600"], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        s.Start(MonoClock.Now);
        s.OnDeadline(MonoClock.Now);
        int pid = s.RunningPid;
        Assert.NotEqual(0, pid);
        s.Dispose();
        Assert.False(ChildCensus.Exists(pid));
        Assert.Equal(0, ChildCensus.Zombies());
    }

    private static bool IsZombieOrGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
