using Appliance.Board.Tests.Fakes;
using Appliance.Board.Watchdog;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Board.Tests.Watchdog;

public sealed class WatchdogSupervisorTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(8);
    private static readonly long s_intervalMs = 2000;

    private static MonoTime Ms(long ms) => MonoTime.FromMilliseconds(ms);

    private sealed class Rig
    {
        public FakeWatchdog Watchdog { get; } = new();
        public RecordingSink Events { get; } = new();
        public WatchdogSupervisor Supervisor { get; }
        public List<long> PetTimesMs { get; } = [];
        public long NowMs { get; private set; }

        public Rig(WatchdogPolicy? policy = null)
        {
            Supervisor = new WatchdogSupervisor(Watchdog, policy ?? new WatchdogPolicy(s_timeout), Events);
            Supervisor.Start(Ms(0));
            PetTimesMs.Add(0);
        }

        /// <summary>
        /// A loop that wakes every <paramref name="turnMs"/> (or for the supervisor's deadline),
        /// runs due deadlines, then reports the turn, until <paramref name="untilMs"/>.
        /// <paramref name="reportTurns"/> false models a loop wedged in its packet path whose timer
        /// still fires: the worst case, since a loop hung outright runs no deadline either.
        /// </summary>
        public void Run(long untilMs, long turnMs = 100, bool reportTurns = true, bool socketsAlive = true)
        {
            while (true)
            {
                long next = Math.Min(NowMs + turnMs, Supervisor.NextDeadline.Milliseconds);
                if (next > untilMs) { NowMs = untilMs; return; }
                NowMs = next;
                if (Supervisor.NextDeadline <= Ms(NowMs))
                {
                    int before = Watchdog.Pets;
                    Supervisor.OnDeadline(Ms(NowMs));
                    if (Watchdog.Pets > before) PetTimesMs.Add(NowMs);
                }
                if (reportTurns) Supervisor.ReportLoopTurn(Ms(NowMs), socketsAlive);
            }
        }
    }

    [Fact]
    public void A_healthy_loop_pets_every_interval_and_the_watchdog_never_starves()
    {
        var rig = new Rig();
        rig.Run(60_000);
        Assert.Equal(31, rig.Watchdog.Pets);
        for (int i = 1; i < rig.PetTimesMs.Count; i++)
            Assert.Equal(s_intervalMs, rig.PetTimesMs[i] - rig.PetTimesMs[i - 1]);
        Assert.False(rig.Supervisor.IsStarving);
        Assert.Empty(rig.Events.Events);
    }

    [Fact]
    public void A_hung_loop_stops_the_petting_within_one_watchdog_period()
    {
        var rig = new Rig();
        rig.Run(10_050);
        long hungAt = rig.NowMs;
        rig.Run(40_000, reportTurns: false);

        long lastPet = rig.PetTimesMs[^1];
        Assert.True(lastPet - hungAt < s_timeout.TotalMilliseconds,
            $"last pet {lastPet} ms is a watchdog period or more after the hang at {hungAt} ms");
        Assert.True(lastPet <= hungAt + s_intervalMs, "at most the one pet already earned");
        Assert.True(rig.Supervisor.IsStarving);
        Assert.Contains(rig.Events.Events, e => e.Kind == EventKind.WatchdogStarving);
    }

    [Fact]
    public void Dead_sockets_stop_the_petting_and_raise_watchdog_starving_every_interval()
    {
        var rig = new Rig();
        rig.Run(5_000);
        int petsBefore = rig.Watchdog.Pets;
        rig.Run(15_000, socketsAlive: false);
        Assert.Equal(petsBefore, rig.Watchdog.Pets);
        Assert.Equal(5, rig.Events.Events.Count);
        Assert.All(rig.Events.Events, e => Assert.Equal(EventKind.WatchdogStarving, e.Kind));
    }

    [Fact]
    public void Petting_resumes_when_the_loop_recovers_before_the_watchdog_fires()
    {
        var rig = new Rig();
        rig.Run(5_000);
        rig.Run(8_000, socketsAlive: false);
        Assert.True(rig.Supervisor.IsStarving);
        rig.Run(20_000);
        Assert.False(rig.Supervisor.IsStarving);
        Assert.Equal(20_000L, rig.PetTimesMs[^1]);
    }

    [Fact]
    public void A_deadline_run_too_late_withholds_that_pet()
    {
        var rig = new Rig();
        rig.Run(1_900);
        // The loop was stuck in a handler for 1.5 s past the pet deadline, then reports normally.
        rig.Supervisor.ReportLoopTurn(Ms(3_500), socketsAlive: true);
        rig.Supervisor.OnDeadline(Ms(3_500));
        Assert.Equal(1, rig.Watchdog.Pets);
        Assert.Equal(1, rig.Supervisor.WithheldPets);
    }

    [Fact]
    public void A_turn_after_a_long_gap_does_not_earn_a_pet()
    {
        var rig = new Rig();
        rig.Run(1_000);
        rig.Supervisor.ReportLoopTurn(Ms(1_900), socketsAlive: true);
        rig.Supervisor.ReportLoopTurn(Ms(1_990), socketsAlive: true);
        rig.Supervisor.OnDeadline(Ms(2_000));
        Assert.Equal(2, rig.Watchdog.Pets);

        // Next: the loop was away 3.5 s (longer than interval + lateness), yet the deadline is on time.
        rig.Supervisor.ReportLoopTurn(Ms(5_490), socketsAlive: true);
        rig.Supervisor.OnDeadline(Ms(4_000 + 900));
        Assert.Equal(2, rig.Watchdog.Pets);
    }

    [Fact]
    public void A_failed_pet_is_counted_not_thrown()
    {
        var rig = new Rig();
        rig.Watchdog.FailPets = true;
        rig.Run(10_000);
        Assert.Equal(5, rig.Supervisor.FailedPets);
    }

    [Fact]
    public void A_timeout_too_short_for_the_pet_interval_is_refused_at_start_and_the_watchdog_disarmed()
    {
        var watchdog = new FakeWatchdog(fixedTimeout: TimeSpan.FromSeconds(2));
        var s = new WatchdogSupervisor(watchdog,
            new WatchdogPolicy(TimeSpan.FromSeconds(15), PetInterval: TimeSpan.FromSeconds(1)), new RecordingSink());
        var e = Assert.Throws<InvalidOperationException>(() => s.Start(Ms(0)));
        Assert.Contains("shorten the interval", e.Message);
        Assert.True(watchdog.StoppedClean);
    }

    [Fact]
    public void The_pet_interval_defaults_to_a_quarter_of_the_timeout_the_device_granted()
    {
        var watchdog = new FakeWatchdog(fixedTimeout: TimeSpan.FromSeconds(4));
        var s = new WatchdogSupervisor(watchdog, new WatchdogPolicy(TimeSpan.FromSeconds(30)), new RecordingSink());
        s.Start(Ms(0));
        Assert.Equal(TimeSpan.FromSeconds(1), s.PetInterval);
        Assert.Equal(Ms(1000), s.NextDeadline);
    }

    [Fact]
    public void A_clean_stop_disarms_and_a_crash_stop_leaves_it_armed()
    {
        var clean = new Rig();
        clean.Supervisor.Stop(clean: true);
        Assert.True(clean.Watchdog.StoppedClean);
        Assert.Equal(MonoTime.Never, clean.Supervisor.NextDeadline);

        var crash = new Rig();
        crash.Supervisor.Stop(clean: false);
        Assert.False(crash.Watchdog.StoppedClean);
        Assert.True(crash.Watchdog.Armed);
    }

    [Fact]
    public void Turns_and_pets_allocate_nothing_after_warm_up()
    {
        var rig = new Rig();
        var s = rig.Supervisor;
        long t = 0;
        for (int i = 0; i < 1000; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Step();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        void Step()
        {
            t += 500;
            s.ReportLoopTurn(Ms(t), socketsAlive: t % 7000 != 0);
            if (s.NextDeadline <= Ms(t)) s.OnDeadline(Ms(t));
        }
    }
}
